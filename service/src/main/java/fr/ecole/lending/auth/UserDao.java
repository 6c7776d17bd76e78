package fr.ecole.lending.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UserDao.UserRow.class)
public interface UserDao {
    String COLUMNS = "id, name, role, territory, active, token_hash, password_hash, created_at, funder_id";

    record UserRow(long id, String name, Role role, String territory, boolean active, String tokenHash,
                   String passwordHash, Instant createdAt, Long funderId) {
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE token_hash = :tokenHash")
    Optional<UserRow> findByTokenHash(@Bind("tokenHash") String tokenHash);

    /** When a session ends, and when it was last used (to within a minute). */
    record SessionTimes(Instant expiresAt, Instant lastUsedAt) {
    }

    /**
     * The user of a session token that has not expired and was used after {@code idleSince}, with the
     * session's own token hash in {@code tokenHash}.
     */
    @SqlQuery("""
            SELECT u.id, u.name, u.role, u.territory, u.active, s.token_hash, u.password_hash, u.created_at, u.funder_id
              FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = :tokenHash AND s.expires_at > :now AND s.last_used_at > :idleSince""")
    Optional<UserRow> findBySessionTokenHash(@Bind("tokenHash") String tokenHash, @Bind("now") Instant now,
                                             @Bind("idleSince") Instant idleSince);

    @SqlQuery("SELECT expires_at, last_used_at FROM sessions WHERE token_hash = :tokenHash")
    @RegisterConstructorMapper(SessionTimes.class)
    Optional<SessionTimes> sessionTimes(@Bind("tokenHash") String tokenHash);

    /** A later use of a session; an earlier one, recorded late, changes nothing. */
    @SqlUpdate("UPDATE sessions SET last_used_at = :at WHERE token_hash = :tokenHash AND last_used_at < :at")
    void recordSessionUse(@Bind("tokenHash") String tokenHash, @Bind("at") Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE name = :name")
    Optional<UserRow> findByName(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<UserRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id > :after ORDER BY id LIMIT :limit")
    List<UserRow> list(@Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("SELECT uai FROM user_establishments WHERE user_id = :userId ORDER BY uai")
    Set<String> establishmentsOf(@Bind("userId") long userId);

    @SqlQuery("""
            INSERT INTO users (name, role, territory, funder_id, token_hash, password_hash, active, created_at)
            VALUES (:name, :role, :territory, :funderId, :tokenHash, :passwordHash, TRUE, :now)
            RETURNING id""")
    long insert(@Bind("name") String name, @Bind("role") Role role, @Bind("territory") String territory,
                @Bind("funderId") Long funderId, @Bind("tokenHash") String tokenHash,
                @Bind("passwordHash") String passwordHash, @Bind("now") Instant now);

    @SqlBatch("INSERT INTO user_establishments (user_id, uai) VALUES (:userId, :uai)")
    void addEstablishments(@Bind("userId") long userId, @Bind("uai") Collection<String> uais);

    @SqlUpdate("UPDATE users SET token_hash = :tokenHash, role = :role, active = TRUE WHERE id = :id")
    void resetAdministrator(@Bind("id") long id, @Bind("role") Role role, @Bind("tokenHash") String tokenHash);

    @SqlUpdate("UPDATE users SET token_hash = :tokenHash WHERE id = :id")
    void replaceToken(@Bind("id") long id, @Bind("tokenHash") String tokenHash);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
    void setPassword(@Bind("id") long id, @Bind("passwordHash") String passwordHash);

    @SqlUpdate("UPDATE users SET active = FALSE WHERE id = :id")
    void deactivate(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO sessions (user_id, token_hash, created_at, expires_at, last_used_at)
            VALUES (:userId, :tokenHash, :now, :expiresAt, :now)""")
    void openSession(@Bind("userId") long userId, @Bind("tokenHash") String tokenHash, @Bind("now") Instant now,
                     @Bind("expiresAt") Instant expiresAt);

    /** Ends one session of the user: how many ended, 0 when the token is not one of its sessions. */
    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId AND token_hash = :tokenHash")
    int closeSession(@Bind("userId") long userId, @Bind("tokenHash") String tokenHash);

    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId OR expires_at <= :now")
    void closeSessions(@Bind("userId") long userId, @Bind("now") Instant now);
}
