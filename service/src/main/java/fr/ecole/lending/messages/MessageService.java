package fr.ecole.lending.messages;

import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The queue of e-mails to families: queued by the features in their own transactions, listed for the desk. */
public class MessageService {
    /** What a message is about. */
    public enum Kind { REMINDER, AGREEMENT_COPY }

    /** Where a message is: waiting (or being tried again), sent, or given up. */
    public enum Status { QUEUED, SENT, FAILED }

    private final Database database;

    public MessageService(Database database) {
        this.database = database;
    }

    /**
     * Queues a message in the caller's transaction ({@code handle}): the sender sees it once that
     * transaction committed, never before. The message of {@code key} already queued is returned as it is.
     */
    public static Message queue(Handle handle, String uai, Long familyId, Kind kind, String recipient, String subject,
                                String body, String attachment, String key, Instant now) {
        MessageDao messages = Daos.on(handle, MessageDao.class);
        messages.queue(uai, familyId, kind.name(), recipient, subject, body, attachment, key, now);
        return Message.of(messages.byKey(key).orElseThrow());
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
}
