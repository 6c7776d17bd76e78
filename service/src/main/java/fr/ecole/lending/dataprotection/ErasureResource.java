package fr.ecole.lending.dataprotection;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.families.FamilyResource;
import fr.ecole.lending.http.Errors;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code DELETE /api/families/{id}}: a family's erasure, by an administrator or the family's own desk. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {
    private final ErasureService erasure;

    public ErasureResource(ErasureService erasure) {
        this.erasure = erasure;
    }

    @DELETE
    @Path("families/{id}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Anonymiser une famille (droit à l'effacement)")
    @ApiResponse(responseCode = "204", description = "Famille anonymisée")
    @Errors({"404 unknown_family", "409 active_agreement"})
    public Response erase(@Auth User caller, @PathParam("id") String id) {
        erasure.erase(caller, FamilyResource.familyId(id));
        return Response.noContent().build();
    }
}
