package fr.ecole.lending.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;

/** Jersey's own refusals (unknown path, wrong method, wrong content type...) in the error shape. */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        // a typed parameter's own refusal (an invalid UAI) says more than "wrong format"
        if (e instanceof ParamException && e.getCause() instanceof ApiException refused) {
            return new ApiExceptionMapper().toResponse(refused);
        }
        if (e instanceof ParamException param) {
            return ApiExceptionMapper.error(422, new ErrorBody("invalid_value",
                    "Le paramètre « " + param.getParameterName() + " » n'a pas le bon format.",
                    param.getParameterName()));
        }
        int status = e.getResponse().getStatus();
        Response response = ApiExceptionMapper.error(status, bodyFor(status));
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? response : Response.fromResponse(response).header("Allow", allow).build();
    }

    private static ErrorBody bodyFor(int status) {
        return switch (status) {
            case 401 -> new ErrorBody("unauthorized",
                    "Authentification requise : envoyez « Authorization: Bearer <jeton> ».", null);
            case 403 -> new ErrorBody("forbidden",
                    "Votre rôle ne permet pas cette action.", null);
            case 404 -> new ErrorBody("not_found", "Cette adresse n'existe pas dans l'API.", null);
            case 405 -> new ErrorBody("method_not_allowed",
                    "Cette méthode HTTP n'est pas admise à cette adresse.", null);
            case 406 -> new ErrorBody("not_acceptable",
                    "Le format de réponse demandé (en-tête Accept) n'est pas disponible ici.", null);
            case 413 -> new ErrorBody("body_too_large", "Le corps de la requête est trop volumineux.", null);
            case 415 -> new ErrorBody("unsupported_media_type",
                    "Type de contenu non pris en charge : envoyez « Content-Type: application/json » "
                            + "(ou text/csv pour les imports).", null);
            default -> status >= 500
                    ? new ErrorBody("internal_error", "Erreur interne du service.", null)
                    : new ErrorBody("bad_request", "Requête refusée.", null);
        };
    }
}
