package fr.ecole.lending.auth;

import fr.ecole.lending.http.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Refuses any request that carries a token in its address ({@code ?access_token=}, which OAuth
 * clients send by habit): before anything else, whatever the endpoint, so that the client learns to
 * send the header rather than finding that it works somewhere. The token may already be in a log on
 * the way; it is never used.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public final class TokenInUrl implements ContainerRequestFilter {
    static final String PARAMETER = "access_token";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getQueryParameters().containsKey(PARAMETER)) {
            throw new ApiException(401, "token_in_url", "Un jeton ne se met jamais dans l'adresse : envoyez-le dans "
                    + "l'en-tête « Authorization: Bearer <jeton> », et faites-le remplacer s'il a été copié ailleurs.",
                    PARAMETER);
        }
    }
}
