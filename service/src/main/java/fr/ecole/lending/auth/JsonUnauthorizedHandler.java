package fr.ecole.lending.auth;

import fr.ecole.lending.http.ErrorBody;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A 401 in the API's error shape, telling the caller what to send. */
public class JsonUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("unauthorized",
                        "Jeton absent ou inconnu : envoyez l'en-tête « Authorization: Bearer <jeton> » "
                                + "avec un jeton valide.", null))
                .build();
    }
}
