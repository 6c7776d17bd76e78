package fr.ecole.lending.users;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The failed logins the throttle counts, shared by every instance of the service. */
@RegisterConstructorMapper(LoginThrottle.Failures.class)
public interface LoginFailureDao {
    @SqlQuery("SELECT failures AS count, last_failure_at AS last, not_before FROM login_failures WHERE source_key = :key")
    Optional<LoginThrottle.Failures> find(@Bind("key") String key);

    @SqlUpdate("""
            INSERT INTO login_failures (source_key, failures, last_failure_at, not_before)
            VALUES (:key, :count, :last, :notBefore)
            ON CONFLICT (source_key) DO UPDATE
               SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                   not_before = excluded.not_before""")
    void save(@Bind("key") String key, @Bind("count") int count, @Bind("last") Instant last,
              @Bind("notBefore") Instant notBefore);

    @SqlUpdate("DELETE FROM login_failures WHERE source_key IN (<keys>)")
    void forget(@BindList("keys") List<String> keys);

    @SqlUpdate("DELETE FROM login_failures WHERE COALESCE(not_before, last_failure_at) < :horizon")
    void forgetBefore(@Bind("horizon") Instant horizon);
}
