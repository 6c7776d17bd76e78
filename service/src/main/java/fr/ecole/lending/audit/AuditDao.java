package fr.ecole.lending.audit;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit log is only ever appended to: there is no update or delete here, and triggers refuse them. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {

    @SqlUpdate("""
            INSERT INTO audit_log (at, actor_id, action, entity, entity_id, detail)
            VALUES (:at, :actorId, :action, :entity, :entityId, :detail)""")
    void append(@Bind("at") Instant at, @Bind("actorId") Long actorId, @Bind("action") String action,
                @Bind("entity") String entity, @Bind("entityId") String entityId, @Bind("detail") String detail);

    @SqlQuery("""
            SELECT l.id, l.at, COALESCE(u.name, 'system') AS actor, l.action, l.entity, l.entity_id, l.detail
              FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
             WHERE l.id > :after
               AND (CAST(:entity AS TEXT) IS NULL OR l.entity = :entity)
               AND (CAST(:entityId AS TEXT) IS NULL OR l.entity_id = :entityId)
             ORDER BY l.id
             LIMIT :limit""")
    List<AuditEntry> list(@Bind("entity") String entity, @Bind("entityId") String entityId,
                          @Bind("after") long after, @Bind("limit") int limit);
}
