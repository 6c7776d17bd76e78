package fr.ecole.lending.referrals;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
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
import jakarta.ws.rs.PATCH;
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
@RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
public class ReferralResource {
    private final ReferralService referrals;

    public ReferralResource(ReferralService referrals) {
        this.referrals = referrals;
    }

    @POST
    @Path("families/{id}/referrals")
    @Operation(summary = "Orienter une famille vers une aide autre qu'un appareil (tarif social, médiation, "
            + "point d'accès public, travail imprimé, programme de réussite éducative, association)")
    @ApiResponse(responseCode = "201", description = "Orientation proposée",
            content = @Content(schema = @Schema(implementation = Referral.class)))
    @Errors({"404 unknown_family", "409 family_anonymised", "422 missing_value", "422 invalid_value",
            "422 too_long", "422 sensitive_note"})
    public Response propose(@Auth User caller, @PathParam("id") String id, NewReferral request) {
        Referral referral = referrals.propose(caller, familyId(id), request);
        return Response.created(UriBuilder.fromPath("/api/referrals/{id}").build(referral.id()))
                .entity(referral).build();
    }

    @GET
    @Path("families/{id}/referrals")
    @Operation(summary = "Les orientations d'une famille, de la plus ancienne à la plus récente")
    @Errors({"404 unknown_family"})
    public Page<Referral> ofFamily(@Auth User caller, @PathParam("id") String id, @QueryParam("limit") String limit,
                                   @QueryParam("cursor") String cursor) {
        return referrals.ofFamily(caller, familyId(id), PageRequest.parse(limit, cursor));
    }

    @PATCH
    @Path("referrals/{id}")
    @Operation(summary = "Suivre une orientation : acceptée, réalisée ou refusée")
    @Errors({"404 unknown_referral", "409 referral_closed", "409 family_anonymised", "422 missing_value",
            "422 invalid_value", "422 too_long", "422 sensitive_note"})
    public Referral change(@Auth User caller, @PathParam("id") String id, ReferralChange change) {
        return referrals.change(caller, PathIds.positive(id, given -> ApiException.notFound("unknown_referral", "id",
                "Aucune orientation n'a le numéro « " + given + " ».")), change);
    }

    private static long familyId(String text) {
        return PathIds.positive(text, given -> ApiException.notFound("unknown_family", "id",
                "Aucune famille n'a le numéro « " + given + " »."));
    }
}
