package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.NationalFile;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PathIds;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DiagnosticResource {
    private final DiagnosticService diagnostics;

    public DiagnosticResource(DiagnosticService diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The criteria in force, as published: answers, values, levels, weights, sources. */
    @GET
    @Path("criteria")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE, Role.COLLECTIVITY_ROLE,
            Role.RECTORAT_ROLE})
    @Operation(summary = "Les critères d'éligibilité en vigueur, tels que publiés")
    public JsonNode criteria(@Auth User caller) {
        return diagnostics.criteria().document();
    }

    @POST
    @Path("families/{id}/diagnostics")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Enregistrer le diagnostic d'une famille")
    @ApiResponse(responseCode = "201", description = "Diagnostic enregistré, avec sa décision",
            content = @Content(schema = @Schema(implementation = DiagnosticView.class)))
    @Errors({"404 unknown_family", "409 family_anonymised", "422 missing_value", "422 invalid_value",
            "422 unknown_criterion", "422 out_of_range"})
    public Response record(@Auth User caller, @PathParam("id") String id, NewDiagnostic request) {
        long familyId = familyId(id);
        DiagnosticView diagnostic = diagnostics.record(caller, familyId, request);
        return Response.created(UriBuilder.fromPath("/api/families/{id}/diagnostics/{diagnostic}")
                .build(familyId, diagnostic.id())).entity(diagnostic).build();
    }

    @GET
    @Path("families/{id}/diagnostics")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Les diagnostics d'une famille")
    @Errors({"404 unknown_family"})
    public Page<DiagnosticView> history(@Auth User caller, @PathParam("id") String id,
                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return diagnostics.history(caller, familyId(id), PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("families/{id}/diagnostics/{diagnostic}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Lire un diagnostic d'une famille")
    @Errors({"404 unknown_family", "404 unknown_diagnostic"})
    public DiagnosticView get(@Auth User caller, @PathParam("id") String id, @PathParam("diagnostic") String diagnostic) {
        return diagnostics.get(caller, familyId(id), PathIds.positive(diagnostic, given -> ApiException.notFound(
                "unknown_diagnostic", "diagnosticId", "Aucun diagnostic n'a le numéro « " + given + " ».")));
    }

    /** The decision for answers, stored nowhere: to tell a family where it stands. */
    @POST
    @Path("eligibility")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Vérifier l'éligibilité pour des réponses, sans rien enregistrer")
    @Errors({"422 missing_value", "422 invalid_value", "422 unknown_criterion", "422 out_of_range",
            "422 invalid_commune"})
    public DiagnosticView check(@Auth User caller, EligibilityCheck request) {
        return diagnostics.check(request);
    }

    @GET
    @Path("establishments/{uai}/waiting-list")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "La liste d'attente d'un établissement : familles éligibles sans matériel")
    public Page<WaitingFamily> waitingList(@Auth User caller, @PathParam("uai") Uai uai,
                                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return diagnostics.waitingList(caller, uai, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("waiting-list")
    @RolesAllowed({Role.ADMIN_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "La liste d'attente du territoire d'un travailleur social : familles éligibles sans matériel, "
            + "de la plus prioritaire à la moins prioritaire")
    public Page<WaitingFamily> territoryWaitingList(@Auth User caller, @QueryParam("limit") String limit,
                                                    @QueryParam("cursor") String cursor) {
        return diagnostics.territoryWaitingList(caller, PageRequest.parse(limit, cursor));
    }

    @POST
    @Path("imports/coverage")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @NationalFile
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Importer la couverture réseau des communes (zones blanches, CSV)")
    public DiagnosticService.CoverageImport importCoverage(@Auth User caller, InputStream csv) {
        return diagnostics.importCoverage(caller, csv);
    }

    private static long familyId(String text) {
        return PathIds.positive(text, given -> ApiException.notFound("unknown_family", "id",
                "Aucune famille n'a le numéro « " + given + " »."));
    }
}
