package fr.ecole.lending.exports;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/api")
public class ExportResource {
    private final ExportService exports;

    public ExportResource(ExportService exports) {
        this.exports = exports;
    }

    /** One row per loan (tag, kind, establishment, agreement, out, due, returned, condition), streamed. */
    @GET
    @Path("exports/loans.csv")
    @Produces("text/csv")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Exporter les prêts en CSV (une ligne par prêt, sans identité)")
    @Errors({"422 invalid_period"})
    public Response loans(@Auth User caller, @QueryParam("uai") Uai uai, @QueryParam("from") String from,
                          @QueryParam("to") String to) {
        return Response.ok(exports.loans(caller, uai,
                        QueryParams.date(from, "from"), QueryParams.date(to, "to")), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"prets.csv\"").build();
    }
}
