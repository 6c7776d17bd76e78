package fr.ecole.lending.agreements;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PathIds;
import fr.ecole.lending.http.PdfResponse;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Agreements that follow their pupil to another school, their amendments, and those to offer after the promotions. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HandoverResource {
    private final HandoverService handovers;

    public HandoverResource(HandoverService handovers) {
        this.handovers = handovers;
    }

    @POST
    @Path("agreements/{number}/handover")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Passer la convention (ou certains de ses appareils) au nouvel établissement de l'élève")
    @Errors({"404 unknown_agreement", "404 unknown_establishment", "404 unknown_device", "422 missing_value",
            "422 invalid_uai", "422 duplicate_device", "422 same_establishment", "422 not_family_school",
            "409 agreement_closed", "409 not_on_agreement", "409 hand_in_pending", "409 funder_forbids"})
    public Agreement handover(@Auth User caller, @PathParam("number") String number, NewHandover request) {
        return handovers.handover(caller, number, request);
    }

    @GET
    @Path("agreements/{number}/handovers")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "Les passations de la convention : vers quel établissement, quels appareils, à quel parc")
    @Errors({"404 unknown_agreement"})
    public Page<HandoverService.Handover> list(@Auth User caller, @PathParam("number") String number) {
        return new Page<>(handovers.handoversOf(caller, number), null);
    }

    @GET
    @Path("agreements/{number}/handovers/{n}.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "L'avenant d'une passation, en PDF")
    @Errors({"404 unknown_agreement", "404 unknown_amendment"})
    public Response amendment(@Auth User caller, @PathParam("number") String number, @PathParam("n") String n) {
        int handover = (int) Math.min(Integer.MAX_VALUE, PathIds.positive(n, given -> ApiException.notFound(
                "unknown_amendment", "n", "Il n'y a pas d'avenant de passation « " + given + " ».")));
        return PdfResponse.of(handovers.amendment(caller, number, handover), number + "-passation-" + handover);
    }

    @GET
    @Path("establishments/{uai}/handover-offers")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les conventions à passer : familles dont aucun élève n'est plus inscrit ici, appareils encore prêtés")
    @Errors({"403 outside_scope", "404 unknown_establishment", "422 invalid_uai"})
    public Page<HandoverService.Offer> offers(@Auth User caller, @PathParam("uai") Uai uai) {
        return new Page<>(handovers.offers(caller, uai), null);
    }
}
