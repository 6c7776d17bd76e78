package fr.ecole.lending.messages;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PathIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The queue of messages to families: queued by the features in their own transactions, listed for the desk. */
public class MessageService {
    /** What a message is about. */
    public enum Kind { REMINDER, AGREEMENT_COPY }

    /** How a message leaves: through the mail server, or the SMS gateway. */
    public enum Channel {
        EMAIL("mail", "mail server"), SMS("sms", "SMS gateway");

        /** The sender's name in a thread dump ({@code mail-sender}) and what it goes through, for operators. */
        final String senderName;
        final String carrierName;

        Channel(String senderName, String carrierName) {
            this.senderName = senderName;
            this.carrierName = carrierName;
        }
    }

    /** Where a message is: waiting (or being tried again), sent, or given up. */
    public enum Status { QUEUED, SENT, FAILED }

    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public MessageService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Queues a message in the caller's transaction ({@code handle}): the sender of its channel sees it once
     * that transaction committed, never before. The message of {@code key} already queued is returned as it is.
     */
    public static Message queue(Handle handle, String uai, Long familyId, Kind kind, Channel channel, String recipient,
                                String subject, String body, String attachment, String key, Instant now) {
        MessageDao messages = Daos.on(handle, MessageDao.class);
        messages.queue(uai, familyId, kind.name(), channel.name(), recipient, subject, body, attachment, key, now);
        return Message.of(messages.byKey(key).orElseThrow());
    }

    /**
     * The number an SMS is sent to, in international form ({@code +33612345678}), from a phone as the
     * family's record keeps it; empty for a French landline (01-05, 09), which takes no SMS.
     */
    public static Optional<String> mobileNumber(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        String compact = phone.replaceAll("[\\s.\\-()/]", "");
        if (compact.matches("0[67][0-9]{8}")) {
            return Optional.of("+33" + compact.substring(1));
        }
        return compact.matches("\\+[1-9][0-9]{6,14}") && !compact.startsWith("+33") ? Optional.of(compact)
                : Optional.empty();
    }

    /** The messages of an establishment (every one the caller may see without), newest first. */
    public Page<Message> list(User actor, Uai uai, Status status, PageRequest page) {
        Scope scope = Scope.of(actor);
        if (uai != null) {
            scope.requireEstablishment(uai.value(), "uai");
        }
        boolean anySchool = uai == null && scope.isAdmin();
        List<String> schools = uai != null ? List.of(uai.value()) : List.copyOf(scope.establishments());
        return database.read(handle -> Page.of(Daos.on(handle, MessageDao.class)
                .list(anySchool, schools.isEmpty() ? List.of("") : schools, status == null ? null : status.name(),
                        page.after(), page.fetch())
                .stream().map(Message::of).toList(), page, Message::id));
    }

    /**
     * A message given up (FAILED) queued again, its attempts counted afresh: the desk corrected the address
     * or the number, or the server is back. A message of a school the caller does not serve is unknown to it.
     */
    public Message retry(User actor, String id) {
        long messageId = PathIds.positive(id, MessageService::unknown);
        Scope scope = Scope.of(actor);
        return database.write(handle -> {
            MessageDao messages = Daos.on(handle, MessageDao.class);
            MessageDao.MessageRow row = messages.find(messageId)
                    .filter(found -> scope.coversEstablishment(found.uai()))
                    .orElseThrow(() -> unknown(String.valueOf(messageId)));
            if (row.recipient() == null) {
                throw ApiException.conflict("erased", "id", "Le message n° " + messageId + " ne peut pas être renvoyé : "
                        + "les données de la famille ont été effacées.");
            }
            if (messages.requeue(messageId, clock.instant()) != 1) {
                throw ApiException.conflict("not_failed", "id", "Le message n° " + messageId + " n'a pas été abandonné ("
                        + stateInFrench(row.status()) + ") : seul un message abandonné peut être renvoyé.");
            }
            audit.record(handle, actor, "RETRY_MESSAGE", Audit.Entity.MESSAGE, messageId,
                    Map.of("channel", row.channel(), "attempts", row.attempts()));
            return Message.of(messages.find(messageId).orElseThrow());
        });
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("unknown_message", "id", "Aucun message n'a le numéro " + id + ".");
    }

    private static String stateInFrench(String status) {
        return "SENT".equals(status) ? "il est envoyé" : "il attend son envoi";
    }
}
