package fr.ecole.lending.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit entries inside the transaction of the change they describe: the change and its
 * entry commit together, or neither does.
 */
public final class Audit {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** What is audited: the kinds of record. */
    public enum Entity {
        USER, ESTABLISHMENT, DEVICE, FAMILY, AGREEMENT, RETURN, DIAGNOSTIC, REFERRAL, COVERAGE, OUTLINE, REPORT, SURVEY,
        CONTACT_REQUEST, MESSAGE, FUNDER
    }

    private static final String SEALED = "sealed";
    private final Database database;
    private final Clock clock;

    public Audit(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * The log, oldest first, narrowed to one kind of record or one record when asked; sealed personal
     * values shown opened, or {@code "erased": true} once their record was erased.
     */
    public Page<AuditEntry> list(Entity entity, String entityId, PageRequest page) {
        return database.read(handle -> Page.of(Daos.on(handle, AuditDao.class)
                .list(entity == null ? null : entity.name(), entityId, page.after(), page.fetch()).stream()
                .map(entry -> opened(handle, entry)).toList(), page, AuditEntry::id));
    }

    /** Appends {@code action} on {@code entity} {@code id} by {@code actor}, with {@code detail} (no secrets, ever). */
    public void record(Handle handle, User actor, String action, Entity entity, Object id, Map<String, ?> detail) {
        Daos.on(handle, AuditDao.class).append(clock.instant(), actor == null ? null : actor.id(), action,
                entity.name(), String.valueOf(id), detail == null || detail.isEmpty() ? null : json(detail));
    }

    /**
     * Appends like {@link #record}, with {@code personal} values (a family's name before and after a
     * correction) sealed under the record's own key, so that erasing the record erases them too.
     */
    public void recordSealed(Handle handle, User actor, String action, Entity entity, Object id, Map<String, ?> detail,
                             Map<String, ?> personal) {
        Map<String, Object> all = new LinkedHashMap<>(detail);
        all.put(SEALED, SealedValues.seal(handle, entity.name(), String.valueOf(id), json(personal)));
        record(handle, actor, action, entity, id, all);
    }

    /** Makes the personal values the log holds about a record unreadable, for good: part of its erasure. */
    public void forgetPersonalValues(Handle handle, Entity entity, Object id) {
        SealedValues.forget(handle, entity.name(), String.valueOf(id));
    }

    private static AuditEntry opened(Handle handle, AuditEntry entry) {
        return new AuditEntry(entry.id(), entry.at(), entry.actor(), entry.action(), entry.entity(), entry.entityId(),
                openedDetail(handle, entry.entity(), entry.entityId(), entry.detail()));
    }

    /**
     * An entry's detail with its sealed values opened ({@code "personal"}), or {@code "erased": true}
     * once the record was erased: for the administrator's log and the family's own export.
     */
    public static String openedDetail(Handle handle, String entity, String entityId, String detail) {
        if (detail == null || !detail.contains("\"" + SEALED + "\"")) {
            return detail;
        }
        try {
            ObjectNode opened = (ObjectNode) JSON.readTree(detail);
            JsonNode sealed = opened.remove(SEALED);
            Optional<String> personal = sealed == null ? Optional.empty()
                    : SealedValues.open(handle, entity, entityId, sealed.asText());
            if (personal.isPresent()) {
                opened.set("personal", JSON.readTree(personal.get()));
            } else {
                opened.put("erased", true);
            }
            return JSON.writeValueAsString(opened);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("an audit entry of " + entity + " " + entityId
                    + " holds a detail that is not a JSON object", e);
        }
    }

    private static String json(Map<String, ?> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
    }
}
