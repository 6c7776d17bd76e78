package fr.ecole.lending.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An e-mail the service sends, as the desk sees it: to whom (its own family's address), what, and how
 * far it got. {@code lastError} is the kind of the last failure, never the server's text.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Message(long id, String kind, String uai, Long familyId, String recipient, String subject,
                      String attachment, String status, int attempts, Instant nextAttemptAt, Instant createdAt,
                      Instant sentAt, String lastError) {

    static Message of(MessageDao.MessageRow row) {
        return new Message(row.id(), row.kind(), row.uai(), row.familyId(), row.recipient(), row.subject(),
                row.attachment(), row.status(), row.attempts(), "QUEUED".equals(row.status()) ? row.nextAttemptAt() : null,
                row.createdAt(), row.sentAt(), row.lastError());
    }
}
