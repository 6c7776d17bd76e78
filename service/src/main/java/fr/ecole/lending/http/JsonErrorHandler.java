package fr.ecole.lending.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty's servlet layer answers itself, before Jersey reads the request (an unreadable
 * Content-Type or Accept header), in the API's error shape rather than an HTML page.
 */
public class JsonErrorHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

    /**
     * The same answers for what Jetty refuses before any context sees the request: a malformed
     * request line or header, an ambiguous or undecodable path ({@code %2F}, {@code %2e%2e}, {@code %C3%28}).
     */
    public static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            JsonErrorHandler.write(response, code, callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            fields.put(HttpHeader.CACHE_CONTROL, PrivateResponses.CACHE_CONTROL);
            fields.put("X-Content-Type-Options", PrivateResponses.CONTENT_TYPE_OPTIONS);
            return ByteBuffer.wrap(json(status).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every method gets a body: Jetty's default leaves PUT and PATCH refusals empty. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        write(response, code, callback);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) throws IOException {
        write(response, code, callback);
        return true;
    }

    private static void write(Response response, int code, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, PrivateResponses.CACHE_CONTROL);
        response.getHeaders().put("X-Content-Type-Options", PrivateResponses.CONTENT_TYPE_OPTIONS);
        response.write(true, ByteBuffer.wrap(json(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String json(int code) {
        ErrorBody body = switch (code) {
            case 400 -> new ErrorBody("bad_request", "Requête illisible : vérifiez l'adresse (caractères encodés), "
                    + "les en-têtes et leur encodage.", null);
            case 404 -> new ErrorBody("not_found", "Cette adresse n'existe pas dans l'API.", null);
            case 405 -> new ErrorBody("method_not_allowed", "Cette méthode HTTP n'est pas admise à cette adresse.", null);
            case 413 -> new ErrorBody("body_too_large", "La requête est trop volumineuse.", null);
            case 414 -> new ErrorBody("uri_too_long", "L'adresse de la requête est trop longue.", null);
            case 415 -> new ErrorBody("unsupported_media_type", "Type de contenu non pris en charge : envoyez "
                    + "« Content-Type: application/json » (ou text/csv pour les imports).", null);
            case 431 -> new ErrorBody("headers_too_large", "Les en-têtes de la requête sont trop volumineux.", null);
            default -> code >= 500
                    ? new ErrorBody("internal_error", "Erreur interne du service.", null)
                    : new ErrorBody("bad_request", "Requête refusée.", null);
        };
        // the messages above hold no quote or backslash: no escaping needed
        return "{\"error\":\"" + body.error() + "\",\"message\":\"" + body.message() + "\"}";
    }
}
