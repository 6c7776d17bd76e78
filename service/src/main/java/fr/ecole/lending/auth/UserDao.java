package fr.ecole.lending.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UserDao.UserRow.class)
public interface UserDao {

    record UserRow(long id, String name, Role role, String territory, boolean active) {
    }

    @SqlQuery("SELECT id, name, role, territory, active FROM users WHERE token_hash = :tokenHash")
    Optional<UserRow> findByTokenHash(@Bind("tokenHash") String tokenHash);

    @SqlQuery("SELECT id, name, role, territory, active FROM users WHERE name = :name")
    Optional<UserRow> findByName(@Bind("name") String name);

    @SqlQuery("SELECT uai FROM user_establishments WHERE user_id = :userId")
    Set<String> establishmentsOf(@Bind("userId") long userId);

    @SqlQuery("""
            INSERT INTO users (name, role, territory, token_hash, active, created_at)
            VALUES (:name, :role, :territory, :tokenHash, TRUE, :now)
            RETURNING id""")
    long insert(@Bind("name") String name, @Bind("role") Role role, @Bind("territory") String territory,
                @Bind("tokenHash") String tokenHash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE users SET token_hash = :tokenHash, role = :role, active = TRUE WHERE id = :id")
    void resetToken(@Bind("id") long id, @Bind("role") Role role, @Bind("tokenHash") String tokenHash);
}
