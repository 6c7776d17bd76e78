package fr.ecole.lending.audit;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_ROLE)
public class AuditResource {
    private final Audit audit;

    public AuditResource(Audit audit) {
        this.audit = audit;
    }

    /** The audit log, oldest first; {@code entity} and {@code id} narrow it to one kind or one record. */
    @GET
    @Operation(summary = "Lire le journal d'audit, du plus ancien au plus récent")
    @Errors({"422 invalid_value"})
    public Page<AuditEntry> list(@Auth User caller, @QueryParam("entity") String entity, @QueryParam("id") String id,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Audit.Entity kind = QueryParams.enumValue(Audit.Entity.class, entity, "entity");
        String entityId = Check.optional(id, "id", 100);
        return audit.list(kind, entityId, PageRequest.parse(limit, cursor));
    }
}
