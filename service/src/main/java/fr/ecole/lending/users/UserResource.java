package fr.ecole.lending.users;

import fr.ecole.lending.auth.BearerTokenFilter;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.ClientAddress;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;
    private final ClientAddress clientAddress;

    public UserResource(UserService users, ClientAddress clientAddress) {
        this.users = users;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("users")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Créer un utilisateur et lui remettre son jeton", description = "DESK : establishments ; "
            + "SOCIAL_WORKER et COLLECTIVITY : territory commune:, departement: ou region: ; RECTORAT : territory "
            + "academie:<code de l'annuaire, ex. 14>.")
    @ApiResponse(responseCode = "201", description = "Utilisateur créé ; son jeton n'est montré qu'ici",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @Errors({"422 missing_value", "422 weak_password", "422 invalid_territory", "422 invalid_uai",
            "409 duplicate_user", "404 unknown_funder"})
    public Response create(@Auth User caller, NewUser request) {
        UserView user = users.create(caller, request);
        return Response.created(UriBuilder.fromPath("/api/users/{id}").build(user.id())).entity(user).build();
    }

    @GET
    @Path("users")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Lister les utilisateurs")
    public Page<UserView> list(@Auth User caller, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return users.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("users/{id}")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Lire un utilisateur")
    @Errors({"404 unknown_user"})
    public UserView get(@Auth User caller, @PathParam("id") String id) {
        return users.get(userId(id));
    }

    @POST
    @Path("users/{id}/deactivation")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Désactiver un utilisateur (ses jetons et sessions cessent de valoir)")
    @Errors({"404 unknown_user", "409 cannot_deactivate_self"})
    public UserView deactivate(@Auth User caller, @PathParam("id") String id) {
        return users.deactivate(caller, userId(id));
    }

    @POST
    @Path("users/{id}/token")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Remplacer le jeton d'un utilisateur")
    @Errors({"404 unknown_user"})
    public UserView replaceToken(@Auth User caller, @PathParam("id") String id) {
        return users.replaceToken(caller, userId(id));
    }

    @PUT
    @Path("users/{id}/password")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Fixer le mot de passe d'un utilisateur")
    @ApiResponse(responseCode = "204", description = "Mot de passe enregistré")
    @Errors({"404 unknown_user", "422 weak_password"})
    public Response setPassword(@Auth User caller, @PathParam("id") String id, NewPassword request) {
        users.setPassword(caller, userId(id), request);
        return Response.noContent().build();
    }

    /** The one call without a token: a person at a desk logs in. */
    @POST
    @Path("sessions")
    @Operation(summary = "Se connecter avec un nom et un mot de passe (ouvre une session)")
    @ApiResponse(responseCode = "201", description = "Session ouverte : son jeton",
            content = @Content(schema = @Schema(implementation = Session.class)))
    @Errors({"401 invalid_credentials", "422 missing_value", "429 too_many_attempts"})
    public Response login(Credentials credentials, @Context HttpServletRequest request) {
        return Response.status(Response.Status.CREATED).entity(users.login(credentials, clientAddress.of(request))).build();
    }

    /** The caller logs out: its login session ends. */
    @DELETE
    @Path("sessions/current")
    @Operation(summary = "Se déconnecter (la session du jeton prend fin)")
    @ApiResponse(responseCode = "204", description = "Session close")
    @Errors({"409 not_a_session"})
    public Response logout(@Auth User caller, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        users.endSession(caller, BearerTokenFilter.token(authorization));
        return Response.noContent().build();
    }

    static long userId(String text) {
        return PathIds.positive(text, given -> ApiException.notFound("unknown_user", "id", "Aucun utilisateur n'a le numéro « " + given + " »."));
    }
}
