package fr.ecole.lending.messages;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The messages (e-mails, SMS) queued for families, claimed and marked by the sender of their channel. */
@RegisterConstructorMapper(MessageDao.MessageRow.class)
public interface MessageDao {
    String COLUMNS = """
            id, uai, family_id, kind, channel, recipient, subject, body, attachment, status, attempts, next_attempt_at,
            last_error, created_at, sent_at""";

    record MessageRow(long id, String uai, Long familyId, String kind, String channel, String recipient, String subject, String body,
                      String attachment, String status, int attempts, Instant nextAttemptAt, String lastError,
                      Instant createdAt, Instant sentAt) {
    }

    /**
     * Queues a message due now, unless one of the same {@code key} was queued already: returns 0 then
     * (a reminder queued twice is sent once).
     */
    @SqlUpdate("""
            INSERT INTO messages (uai, family_id, kind, channel, recipient, subject, body, attachment, status, attempts,
                                  next_attempt_at, created_at, idempotency_key)
            VALUES (:uai, :familyId, :kind, :channel, :recipient, :subject, :body, :attachment, 'QUEUED', 0, :now, :now,
                    :key)
            ON CONFLICT (idempotency_key) DO NOTHING""")
    int queue(@Bind("uai") String uai, @Bind("familyId") Long familyId, @Bind("kind") String kind,
              @Bind("channel") String channel, @Bind("recipient") String recipient, @Bind("subject") String subject, @Bind("body") String body,
              @Bind("attachment") String attachment, @Bind("key") String key, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE idempotency_key = :key")
    Optional<MessageRow> byKey(@Bind("key") String key);

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE id = :id")
    Optional<MessageRow> find(@Bind("id") long id);

    /** Queued messages of a channel whose time has come, oldest first. */
    @SqlQuery("""
            SELECT id FROM messages WHERE channel = :channel AND status = 'QUEUED' AND next_attempt_at <= :now
             ORDER BY next_attempt_at, id LIMIT :limit""")
    List<Long> due(@Bind("channel") String channel, @Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Takes a due message for one sender until {@code until}: 1 for the one sender (of every instance)
     * that gets it, 0 for the others. A sender that dies holding it lets it be taken again after that.
     */
    @SqlUpdate("""
            UPDATE messages SET next_attempt_at = :until
             WHERE id = :id AND status = 'QUEUED' AND next_attempt_at <= :now""")
    int claim(@Bind("id") long id, @Bind("now") Instant now, @Bind("until") Instant until);

    @SqlUpdate("""
            UPDATE messages SET status = 'SENT', sent_at = :at, attempts = attempts + 1, last_error = NULL
             WHERE id = :id AND status = 'QUEUED'""")
    int sent(@Bind("id") long id, @Bind("at") Instant at);

    /** A failed attempt: tried again at {@code next}, or given up ({@code status} FAILED). */
    @SqlUpdate("""
            UPDATE messages SET status = :status, attempts = attempts + 1, next_attempt_at = :next, last_error = :error
             WHERE id = :id AND status = 'QUEUED'""")
    int failed(@Bind("id") long id, @Bind("status") String status, @Bind("next") Instant next,
               @Bind("error") String error);

    /** The signed document of an agreement, kept when it was signed: a copy's attachment. */
    @SqlQuery("""
            SELECT d.pdf FROM agreement_documents d JOIN agreements a ON a.id = d.agreement_id
             WHERE a.number = :number""")
    Optional<byte[]> signedDocument(@Bind("number") String number);

    @SqlQuery("SELECT COUNT(*) FROM messages WHERE channel = :channel AND status = 'QUEUED'")
    long waiting(@Bind("channel") String channel);

    /**
     * A message given up, queued again with its attempts counted afresh, due now: 1, or 0 when it is not
     * FAILED (any more): of two desks that ask at once, one puts it back.
     */
    @SqlUpdate("""
            UPDATE messages SET status = 'QUEUED', attempts = 0, next_attempt_at = :now, last_error = NULL
             WHERE id = :id AND status = 'FAILED' AND recipient IS NOT NULL""")
    int requeue(@Bind("id") long id, @Bind("now") Instant now);

    /** Messages of the given establishments (all when {@code anySchool}), newest first after the cursor. */
    @SqlQuery("SELECT " + COLUMNS + """
              FROM messages
             WHERE (:after = 0 OR id < :after)
               AND (:anySchool OR uai IN (<schools>))
               AND (CAST(:status AS TEXT) IS NULL OR status = :status)
             ORDER BY id DESC
             LIMIT :limit""")
    List<MessageRow> list(@Bind("anySchool") boolean anySchool, @BindList("schools") Collection<String> schools,
                          @Bind("status") String status, @Bind("after") long after, @Bind("limit") int limit);
}
