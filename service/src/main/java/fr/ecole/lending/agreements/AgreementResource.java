package fr.ecole.lending.agreements;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgreementResource {
    private final LendingService lending;

    public AgreementResource(LendingService lending) {
        this.lending = lending;
    }

    @POST
    @Path("agreements")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    public Response lend(@Auth User caller, NewAgreement request) {
        Agreement agreement = lending.lend(caller, request);
        // a replay answers exactly as the first sending did
        return Response.created(UriBuilder.fromPath("/api/agreements/{number}").build(agreement.number()))
                .entity(agreement).build();
    }

    @GET
    @Path("agreements/{number}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    public Agreement get(@Auth User caller, @PathParam("number") String number) {
        return lending.get(caller, number);
    }

    @POST
    @Path("returns")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    public ReturnReceipt receive(@Auth User caller, NewReturn request) {
        return lending.receive(caller, request);
    }
}
