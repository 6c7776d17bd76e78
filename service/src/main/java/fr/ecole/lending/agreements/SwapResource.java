package fr.ecole.lending.agreements;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
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

/** A device swapped within an agreement, and the amendment that prints it. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SwapResource {
    private final SwapService swaps;

    public SwapResource(SwapService swaps) {
        this.swaps = swaps;
    }

    @POST
    @Path("agreements/{number}/swap")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Remplacer un appareil de la convention par un autre du même type (retour, prêt, avenant)")
    @Errors({"404 unknown_agreement", "404 unknown_device", "422 missing_value", "422 same_device",
            "422 unknown_accessory", "409 agreement_closed", "409 not_on_agreement", "409 different_kind",
            "409 device_unavailable", "409 not_wiped", "409 plan_ended"})
    public Swap swap(@Auth User caller, @PathParam("number") String number, NewSwap request) {
        return swaps.swap(caller, number, request);
    }

    @GET
    @Path("agreements/{number}/swaps/{n}.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "L'avenant d'un échange d'appareil, en PDF")
    @Errors({"404 unknown_agreement", "404 unknown_amendment"})
    public Response amendment(@Auth User caller, @PathParam("number") String number, @PathParam("n") String n) {
        int swap = (int) Math.min(Integer.MAX_VALUE, PathIds.positive(n, given -> ApiException.notFound(
                "unknown_amendment", "n", "Il n'y a pas d'avenant d'échange « " + given + " ».")));
        return PdfResponse.of(swaps.amendment(caller, number, swap), number + "-echange-" + swap);
    }
}
