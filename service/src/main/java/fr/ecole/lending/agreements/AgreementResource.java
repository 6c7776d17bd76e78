package fr.ecole.lending.agreements;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.establishments.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PathIds;
import fr.ecole.lending.http.PdfResponse;
import fr.ecole.lending.http.QueryParams;
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
import jakarta.ws.rs.core.UriBuilder;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgreementResource {
    private final LendingService lending;
    private final AgreementDocumentService documents;
    private final FollowUpService followUps;
    private final CampaignService campaigns;

    public AgreementResource(LendingService lending, AgreementDocumentService documents, FollowUpService followUps,
                             CampaignService campaigns) {
        this.lending = lending;
        this.documents = documents;
        this.followUps = followUps;
        this.campaigns = campaigns;
    }

    /** The end-of-year campaign: active agreements, those renewable on a new diagnostic, devices to collect. */
    @GET
    @Path("establishments/{uai}/campaign")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "La campagne de fin d'année : conventions actives, à renouveler, appareils à récupérer")
    public CampaignService.Campaign campaign(@Auth User caller, @PathParam("uai") String uai) {
        return campaigns.campaign(caller, Uai.parse(uai, "uai"));
    }

    /** The start of the year: lend from the pool down the waiting list. */
    @POST
    @Path("establishments/{uai}/campaign/reissue")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "La rentrée : prêter le parc en suivant la liste d'attente")
    @Errors({"422 due_date_in_past", "422 due_date_too_far", "409 device_unavailable", "409 not_wiped",
            "409 plan_ended"})
    public CampaignService.Reissued reissue(@Auth User caller, @PathParam("uai") String uai,
                                            CampaignService.Reissue request) {
        return campaigns.reissue(caller, Uai.parse(uai, "uai"), request);
    }

    @POST
    @Path("establishments/{uai}/campaign/renewals")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Renouveler ensemble des conventions de l'établissement")
    @Errors({"422 invalid_value", "422 due_date_in_past", "422 due_date_too_far", "409 agreement_closed"})
    public java.util.List<Agreement> renewAll(@Auth User caller, @PathParam("uai") String uai,
                                              CampaignService.BulkRenewal request) {
        return campaigns.renew(caller, Uai.parse(uai, "uai"), request);
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
                             @PathParam("uai") String uai,
                             @Parameter(schema = @Schema(allowableValues = {"json", "csv", "pdf"})) @QueryParam("format") String format) {
        Uai school = Uai.parse(uai, "uai");
        return switch (format == null || format.isBlank() ? "json" : format.strip()) {
            case "json" -> Response.ok(followUps.produce(caller, school, java.util.Set.of("SMS", "PHONE", "EMAIL", "PAPER")),
                    MediaType.APPLICATION_JSON_TYPE).build();
            case "csv" -> Response.ok(followUps.csv(followUps.produce(caller, school, java.util.Set.of("SMS", "EMAIL"))),
                    "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"relances-" + uai
                    + ".csv\"").build();
            case "pdf" -> pdf(followUps.letters(followUps.produce(caller, school, java.util.Set.of("PAPER"))),
                    "relances-" + uai);
            default -> throw ApiException.invalid("invalid_value", "format", "« format » vaut json, csv ou pdf.");
        };
    }

    @GET
    @Path("agreements")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Lister les conventions (par établissement, statut, retard)")
    @Errors({"422 invalid_value"})
    public Page<AgreementDocumentService.AgreementSummary> list(@Auth User caller, @QueryParam("uai") String uai,
            @Parameter(schema = @Schema(implementation = AgreementStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(allowableValues = {"true", "false"})) @QueryParam("overdue") String overdue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (overdue != null && !overdue.isBlank() && !overdue.equals("true") && !overdue.equals("false")) {
            throw ApiException.invalid("invalid_value", "overdue", "« overdue » vaut true ou false.");
        }
        return documents.list(caller, uai == null || uai.isBlank() ? null : Uai.parse(uai, "uai"),
                QueryParams.enumValue(AgreementStatus.class, status, "status"), "true".equals(overdue),
                PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("agreements/{number}/document.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "La convention signée, en PDF")
    @Errors({"404 unknown_agreement"})
    public Response document(@Auth User caller, @PathParam("number") String number) {
        return pdf(documents.document(caller, number), number);
    }

    @GET
    @Path("agreements/{number}/summary.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Le résumé d'une convention pour la famille, en PDF")
    @Errors({"404 unknown_agreement"})
    public Response summary(@Auth User caller, @PathParam("number") String number) {
        return pdf(documents.summary(caller, number), number + "-resume");
    }

    @GET
    @Path("returns/{id}/receipt.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Le reçu d'un retour, en PDF")
    @Errors({"404 unknown_return"})
    public Response receipt(@Auth User caller, @PathParam("id") String id) {
        long returnId = returnId(id);
        return pdf(documents.receipt(caller, returnId), "recu-retour-" + returnId);
    }

    @POST
    @Path("agreements/{number}/signature")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Enregistrer la signature d'une convention")
    @Errors({"404 unknown_agreement", "422 missing_value", "422 signed_in_future", "422 signed_before_agreement",
            "409 agreement_closed", "409 already_signed"})
    public Agreement sign(@Auth User caller, @PathParam("number") String number,
                          AgreementDocumentService.Signature signature) {
        return documents.sign(caller, number, signature);
    }

    @POST
    @Path("agreements/{number}/renewal")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Renouveler une convention (nouvelle date de retour, avenant imprimé)")
    @Errors({"404 unknown_agreement", "422 due_date_in_past", "422 due_date_too_far", "409 agreement_closed"})
    public Agreement renew(@Auth User caller, @PathParam("number") String number,
                           AgreementDocumentService.Renewal renewal) {
        return documents.renew(caller, number, renewal);
    }

    @GET
    @Path("agreements/{number}/amendments/{n}.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Un avenant d'une convention, en PDF")
    @Errors({"404 unknown_agreement", "404 unknown_amendment"})
    public Response amendment(@Auth User caller, @PathParam("number") String number, @PathParam("n") String n) {
        int amendment = (int) Math.min(Integer.MAX_VALUE, PathIds.positive(n, given -> ApiException.notFound(
                "unknown_amendment", "n", "Il n'y a pas d'avenant « " + given + " ».")));
        return pdf(documents.amendment(caller, number, amendment), number + "-avenant-" + amendment);
    }

    private static Response pdf(byte[] bytes, String name) {
        return PdfResponse.of(bytes, name);
    }

    @POST
    @Path("agreements")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Prêter un lot d'appareils à une famille (crée la convention)")
    @ApiResponse(responseCode = "201", description = "Convention créée (ou la même, renvoyée pour une clé d'idempotence déjà vue)",
            content = @Content(schema = @Schema(implementation = Agreement.class)))
    @Errors({"404 unknown_family", "404 unknown_device", "422 missing_value", "422 duplicate_device",
            "422 not_family_school", "422 due_date_in_past", "422 due_date_too_far", "409 device_unavailable",
            "409 not_wiped", "409 plan_ended", "409 not_eligible", "409 beyond_needs", "409 idempotency_key_reused"})
    public Response lend(@Auth User caller, NewAgreement request) {
        Agreement agreement = lending.lend(caller, request);
        // a replay answers exactly as the first sending did
        return Response.created(UriBuilder.fromPath("/api/agreements/{number}").build(agreement.number()))
                .entity(agreement).build();
    }

    @GET
    @Path("agreements/{number}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Lire une convention et ses prêts")
    @Errors({"404 unknown_agreement"})
    public Agreement get(@Auth User caller, @PathParam("number") String number) {
        return lending.get(caller, number);
    }

    /** 200 for a return that ended its loan; 202 for a device taken in on behalf of another school, which decides. */
    @POST
    @Path("returns")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Enregistrer le retour d'un appareil")
    @ApiResponse(responseCode = "200", description = "Retour enregistré, prêt terminé",
            content = @Content(schema = @Schema(implementation = ReturnReceipt.class)))
    @ApiResponse(responseCode = "202", description = "Appareil reçu pour le compte d'un autre établissement, qui décide",
            content = @Content(schema = @Schema(implementation = ReturnReceipt.class)))
    @Errors({"404 unknown_device", "422 missing_value", "422 unknown_accessory", "409 not_on_loan",
            "409 hand_in_pending"})
    public Response receive(@Auth User caller, NewReturn request) {
        ReturnReceipt receipt = lending.receive(caller, request);
        return Response.status(receipt.status() == ReturnStatus.PENDING ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(receipt).build();
    }

    /** What was handed in at other schools for the caller's: by default what waits for its decision. */
    @GET
    @Path("returns")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les appareils rendus ailleurs pour l'établissement, en attente de sa décision par défaut")
    @Errors({"422 invalid_value"})
    public Page<HandIn> handIns(@Auth User caller, @QueryParam("uai") String uai,
                                @Parameter(schema = @Schema(implementation = ReturnStatus.class)) @QueryParam("status") String status,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return lending.handIns(caller, uai == null || uai.isBlank() ? null : Uai.parse(uai, "uai"),
                QueryParams.enumValue(ReturnStatus.class, status, "status"), PageRequest.parse(limit, cursor));
    }

    @POST
    @Path("returns/{id}/confirmation")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Accepter un retour fait dans un autre établissement")
    @Errors({"404 unknown_return", "409 hand_in_closed"})
    public ReturnReceipt confirm(@Auth User caller, @PathParam("id") String id, HandIn.Confirmation confirmation) {
        return lending.confirm(caller, returnId(id), confirmation);
    }

    @POST
    @Path("returns/{id}/refusal")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Refuser un retour fait dans un autre établissement")
    @Errors({"404 unknown_return", "409 hand_in_closed"})
    public ReturnReceipt refuse(@Auth User caller, @PathParam("id") String id, HandIn.Refusal refusal) {
        return lending.refuse(caller, returnId(id), refusal);
    }

    private static long returnId(String id) {
        return PathIds.positive(id, given -> ApiException.notFound("unknown_return", "id",
                "Aucun retour n'a le numéro « " + given + " »."));
    }
}
