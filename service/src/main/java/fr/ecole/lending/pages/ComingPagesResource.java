package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The territory's page, not built yet: a signed-in user still lands on a page
 * of theirs that says so (and the role rules already hold), rather than on an error.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ComingPagesResource {
    private static final String COMING = "Cette page est en préparation. En attendant, l'API du service "
            + "(documentée sur /api/docs) donne accès aux mêmes informations.";

    private final BrowserSession sessions;

    ComingPagesResource(BrowserSession sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("territoire")
    public MessageView territory(@Context HttpHeaders headers) {
        return new MessageView("Tableau de bord du territoire",
                sessions.require(headers.getCookies(), "/territoire", Role.COLLECTIVITY, Role.ADMIN), COMING);
    }
}
