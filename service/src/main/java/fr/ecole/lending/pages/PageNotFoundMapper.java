package fr.ecole.lending.pages;

import fr.ecole.lending.http.WebApplicationExceptionMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * An address that is no page, asked for by a browser: a page that says so and links home. Under
 * {@code /api}, or for a caller that does not ask for HTML, the API's own answer in its error shape.
 */
final class PageNotFoundMapper implements ExceptionMapper<NotFoundException> {
    private final BrowserSession sessions;
    private final WebApplicationExceptionMapper api = new WebApplicationExceptionMapper();
    @Context
    private UriInfo uri;
    @Context
    private HttpHeaders headers;

    PageNotFoundMapper(BrowserSession sessions) {
        this.sessions = sessions;
    }

    @Override
    public Response toResponse(NotFoundException exception) {
        String path = uri == null ? "" : "/" + uri.getPath();
        boolean wantsPage = headers != null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType());
        if (path.startsWith("/api/") || path.equals("/api") || !wantsPage) {
            return api.toResponse(exception);
        }
        BrowserSession.SignedIn signedIn = sessions.of(headers.getCookies()).orElse(null);
        return Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(new MessageView("Page introuvable", signedIn, "Cette adresse ne correspond à aucune page "
                        + "du service. Vérifiez-la, ou revenez à votre page d'accueil.")).build();
    }
}
