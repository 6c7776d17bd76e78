package fr.ecole.lending.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** One line of the audit log: who did what to which record, when, and the details (JSON). */
public record AuditEntry(@JsonIgnore long id, Instant at, String actor, String action, String entity,
                         String entityId, @JsonRawValue String detail) {
}
