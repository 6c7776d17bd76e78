package fr.ecole.lending.agreements;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.PdfResponse;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import java.util.List;
import java.util.Set;

/** A school's year: the end-of-year campaign, the start-of-year reissue, and the follow-up of overdue loans. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {
    private final CampaignService campaigns;
    private final FollowUpService followUps;

    public CampaignResource(CampaignService campaigns, FollowUpService followUps) {
        this.campaigns = campaigns;
        this.followUps = followUps;
    }

    /** The end-of-year campaign: active agreements, those renewable on a new diagnostic, devices to collect. */
    @GET
    @Path("establishments/{uai}/campaign")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "La campagne de fin d'année : conventions actives, à renouveler, appareils à récupérer")
    public CampaignService.Campaign campaign(@Auth User caller, @PathParam("uai") Uai uai) {
        return campaigns.campaign(caller, uai);
    }

    /** The start of the year: lend from the pool down the waiting list. */
    @POST
    @Path("establishments/{uai}/campaign/reissue")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "La rentrée : prêter le parc en suivant la liste d'attente")
    @Errors({"422 due_date_in_past", "422 due_date_too_far", "409 device_unavailable", "409 not_wiped",
            "409 plan_ended"})
    public CampaignService.Reissued reissue(@Auth User caller, @PathParam("uai") Uai uai,
                                            CampaignService.Reissue request) {
        return campaigns.reissue(caller, uai, request);
    }

    @POST
    @Path("establishments/{uai}/campaign/renewals")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Renouveler ensemble des conventions de l'établissement")
    @Errors({"422 invalid_value", "422 due_date_in_past", "422 due_date_too_far", "409 agreement_closed"})
    public List<Agreement> renewAll(@Auth User caller, @PathParam("uai") Uai uai,
                                              CampaignService.BulkRenewal request) {
        return campaigns.renew(caller, uai, request);
    }

    /**
     * The follow-up of the establishment's overdue loans, grouped per household: JSON (every
     * channel), CSV for SMS and e-mail, or PDF letters for paper. The households listed are recorded
     * as reminded: none is listed again within a week.
     */
    @POST
    @Path("establishments/{uai}/follow-ups")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les relances des prêts en retard, par foyer (JSON, CSV pour SMS et courriel, PDF pour le papier)")
    @Errors({"422 invalid_value"})
    @ApiResponse(responseCode = "200", description = "Les relances : JSON, CSV (format=csv) ou lettres PDF (format=pdf)", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = FollowUpService.FollowUp.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))})
    public Response followUp(@Auth User caller,
                             @PathParam("uai") Uai school,
                             @Parameter(schema = @Schema(allowableValues = {"json", "csv", "pdf"})) @QueryParam("format") String format) {
        return switch (format == null || format.isBlank() ? "json" : format.strip()) {
            case "json" -> Response.ok(followUps.produce(caller, school, Set.of("SMS", "PHONE", "EMAIL", "PAPER")),
                    MediaType.APPLICATION_JSON_TYPE).build();
            case "csv" -> Response.ok(followUps.csv(followUps.produce(caller, school, Set.of("SMS", "EMAIL"))),
                    "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"relances-" + school
                    + ".csv\"").build();
            case "pdf" -> PdfResponse.of(followUps.letters(followUps.produce(caller, school, Set.of("PAPER"))),
                    "relances-" + school);
            default -> throw ApiException.invalid("invalid_value", "format", "« format » vaut json, csv ou pdf.");
        };
    }
}
