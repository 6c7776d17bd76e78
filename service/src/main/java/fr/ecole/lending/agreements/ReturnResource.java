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

/** Returns of lent devices, at the desk of their school or handed in at another one, and their receipts. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReturnResource {
    private final ReturnService returns;
    private final AgreementDocumentService documents;

    public ReturnResource(ReturnService returns, AgreementDocumentService documents) {
        this.returns = returns;
        this.documents = documents;
    }

    @GET
    @Path("returns/{id}/receipt.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Le reçu d'un retour, en PDF")
    @Errors({"404 unknown_return"})
    public Response receipt(@Auth User caller, @PathParam("id") String id) {
        long returnId = returnId(id);
        return PdfResponse.of(documents.receipt(caller, returnId), "recu-retour-" + returnId);
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
        ReturnReceipt receipt = returns.receive(caller, request);
        return Response.status(receipt.status() == ReturnStatus.PENDING ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(receipt).build();
    }

    /** What was handed in at other schools for the caller's: by default what waits for its decision. */
    @GET
    @Path("returns")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les appareils rendus ailleurs pour l'établissement, en attente de sa décision par défaut")
    @Errors({"422 invalid_value"})
    public Page<HandIn> handIns(@Auth User caller, @QueryParam("uai") Uai uai,
                                @Parameter(schema = @Schema(implementation = ReturnStatus.class)) @QueryParam("status") String status,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return returns.handIns(caller, uai,
                QueryParams.enumValue(ReturnStatus.class, status, "status"), PageRequest.parse(limit, cursor));
    }

    @POST
    @Path("returns/{id}/confirmation")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Accepter un retour fait dans un autre établissement")
    @Errors({"404 unknown_return", "409 hand_in_closed"})
    public ReturnReceipt confirm(@Auth User caller, @PathParam("id") String id, HandIn.Confirmation confirmation) {
        return returns.confirm(caller, returnId(id), confirmation);
    }

    @POST
    @Path("returns/{id}/refusal")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Refuser un retour fait dans un autre établissement")
    @Errors({"404 unknown_return", "409 hand_in_closed"})
    public ReturnReceipt refuse(@Auth User caller, @PathParam("id") String id, HandIn.Refusal refusal) {
        return returns.refuse(caller, returnId(id), refusal);
    }

    private static long returnId(String id) {
        return PathIds.positive(id, given -> ApiException.notFound("unknown_return", "id",
                "Aucun retour n'a le numéro « " + given + " »."));
    }

}
