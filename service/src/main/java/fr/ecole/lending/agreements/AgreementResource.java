package fr.ecole.lending.agreements;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
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

/** Agreements: lending a bundle, reading, signing and renewing it, and its documents. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgreementResource {
    private final LendingService lending;
    private final AgreementDocumentService documents;
    private final AgreementCopies copies;

    public AgreementResource(LendingService lending, AgreementDocumentService documents, AgreementCopies copies) {
        this.copies = copies;
        this.lending = lending;
        this.documents = documents;
    }

    @GET
    @Path("agreements")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Lister les conventions (par établissement, statut, retard)")
    @Errors({"422 invalid_value"})
    public Page<AgreementDocumentService.AgreementSummary> list(@Auth User caller, @QueryParam("uai") Uai uai,
            @Parameter(schema = @Schema(implementation = AgreementStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(allowableValues = {"true", "false"})) @QueryParam("overdue") String overdue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (overdue != null && !overdue.isBlank() && !overdue.equals("true") && !overdue.equals("false")) {
            throw ApiException.invalid("invalid_value", "overdue", "« overdue » vaut true ou false.");
        }
        return documents.list(caller, uai,
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

    @POST
    @Path("agreements/{number}/signature")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Enregistrer la signature d'une convention")
    @Errors({"404 unknown_agreement", "422 missing_value", "422 signed_in_future", "422 signed_before_agreement",
            "422 invalid_drawing", "409 agreement_closed", "409 already_signed"})
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

    /** A copy of the signed agreement by e-mail, queued: sent once a mail server is configured and answers. */
    @POST
    @Path("agreements/{number}/copy")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Envoyer par courriel une copie de la convention signée (à l'adresse de la famille, ou à "
            + "celle indiquée, qui n'est pas enregistrée dans sa fiche)")
    @ApiResponse(responseCode = "202", description = "Courriel mis en file d'envoi (le même, pour une copie déjà demandée "
            + "ce jour à cette adresse)", content = @Content(schema = @Schema(implementation = fr.ecole.lending.messages.Message.class)))
    @Errors({"404 unknown_agreement", "409 not_signed", "422 no_email", "422 invalid_email", "422 invalid_value"})
    public Response copy(@Auth User caller, @PathParam("number") String number, AgreementCopies.CopyRequest request) {
        return Response.accepted(copies.queue(caller, number, request)).build();
    }

    private static Response pdf(byte[] bytes, String name) {
        return PdfResponse.of(bytes, name);
    }
}
