package fr.ecole.lending.funders;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.devices.Funding;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** The funders of devices: public organisations, so every signed-in role may list them. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FunderResource {
    private final FunderService funders;

    public FunderResource(FunderService funders) {
        this.funders = funders;
    }

    @GET
    @Path("funders")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE, Role.COLLECTIVITY_ROLE, Role.RECTORAT_ROLE,
            Role.FUNDER_ROLE})
    @Operation(summary = "Lister les financeurs des appareils")
    public Page<Funder> list(@Auth User caller, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return funders.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("funders/{id}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE, Role.COLLECTIVITY_ROLE, Role.RECTORAT_ROLE,
            Role.FUNDER_ROLE})
    @Operation(summary = "Lire un financeur")
    @Errors({"404 unknown_funder"})
    public Funder get(@Auth User caller, @PathParam("id") String id) {
        return funders.get(PathIds.positive(id, given -> Funding.unknown(given, "id")));
    }

    @POST
    @Path("funders")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Enregistrer un financeur (l'État, une fondation, une collectivité...)")
    @ApiResponse(responseCode = "201", description = "Financeur enregistré",
            content = @Content(schema = @Schema(implementation = Funder.class)))
    @Errors({"422 missing_value", "422 invalid_value", "422 invalid_territory", "409 duplicate_funder"})
    public Response create(@Auth User caller, NewFunder request) {
        Funder funder = funders.create(caller, request);
        return Response.created(UriBuilder.fromPath("/api/funders/{id}").build(funder.id())).entity(funder).build();
    }
}
