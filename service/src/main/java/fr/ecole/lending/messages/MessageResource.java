package fr.ecole.lending.messages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The e-mails and SMS the service sends to families, with when and how often they were tried. */
@Path("/api/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {
    private final MessageService messages;

    public MessageResource(MessageService messages) {
        this.messages = messages;
    }

    @GET
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les courriels et SMS envoyés aux familles (relances, copies de conventions) : en attente, envoyés, "
            + "abandonnés, avec les essais")
    @Errors({"422 invalid_value"})
    public Page<Message> list(@Auth User caller, @QueryParam("uai") Uai uai,
                              @Parameter(schema = @Schema(implementation = MessageService.Status.class))
                              @QueryParam("status") String status,
                              @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return messages.list(caller, uai, QueryParams.enumValue(MessageService.Status.class, status, "status"),
                PageRequest.parse(limit, cursor));
    }

    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Renvoyer un message abandonné : il repart en file d'envoi, ses essais comptés de nouveau")
    @Errors({"404 unknown_message", "409 not_failed", "409 erased"})
    public Message retry(@Auth User caller, @PathParam("id") String id) {
        return messages.retry(caller, id);
    }
}
