package fr.ecole.lending.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A message the service sends, by e-mail or SMS, as the desk sees it: to whom (its own family's address
 * or phone number), what, and how far it got. {@code lastError} is the kind of the last failure, never
 * the text of the other side.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Message(long id, String kind, String channel, String uai, Long familyId, String recipient, String subject,
                      String attachment, String status, int attempts, Instant nextAttemptAt, Instant createdAt,
                      Instant sentAt, String lastError) {

    static Message of(MessageDao.MessageRow row) {
        return new Message(row.id(), row.kind(), row.channel(), row.uai(), row.familyId(), row.recipient(), row.subject(),
                row.attachment(), row.status(), row.attempts(), "QUEUED".equals(row.status()) ? row.nextAttemptAt() : null,
                row.createdAt(), row.sentAt(), row.lastError());
    }
}
