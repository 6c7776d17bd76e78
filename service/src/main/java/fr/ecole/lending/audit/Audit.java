package fr.ecole.lending.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit entries inside the transaction of the change they describe: the change and its
 * entry commit together, or neither does.
 */
public final class Audit {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** What is audited: the kinds of record. */
    public enum Entity { USER, ESTABLISHMENT, DEVICE, FAMILY, AGREEMENT, RETURN, DIAGNOSTIC, COVERAGE }

    private final Database database;
    private final Clock clock;

    public Audit(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The log, oldest first, narrowed to one kind of record or one record when asked. */
    public Page<AuditEntry> list(Entity entity, String entityId, PageRequest page) {
        return database.read(handle -> Page.of(Daos.on(handle, AuditDao.class)
                .list(entity == null ? null : entity.name(), entityId, page.after(), page.fetch()), page, AuditEntry::id));
    }

    /** Appends {@code action} on {@code entity} {@code id} by {@code actor}, with {@code detail} (no secrets, ever). */
    public void record(Handle handle, User actor, String action, Entity entity, Object id, Map<String, ?> detail) {
        Daos.on(handle, AuditDao.class).append(clock.instant(), actor == null ? null : actor.id(), action,
                entity.name(), String.valueOf(id), detail == null || detail.isEmpty() ? null : json(detail));
    }

    private static String json(Map<String, ?> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
    }
}
