package fr.ecole.lending.pages;

import fr.ecole.lending.auth.TokenHasher;
import fr.ecole.lending.http.BodyLimit;
import fr.ecole.lending.http.ClientAddress;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public survey form: open to anyone, the code of the slip being the credential, as for the
 * API's answers. Its form is tied to the browser that opened it by a cookie, as the sign-in form is;
 * a recorded answer sends the page of thanks (303), so that reloading records nothing twice.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SurveyFormResource {
    /** Enough for every answer, a name and a phone; a page's form never sends more. */
    static final long LARGEST_FORM = 4096;

    private final SurveyForm form;
    private final ClientAddress clientAddress;

    SurveyFormResource(SurveyForm form, ClientAddress clientAddress) {
        this.form = form;
        this.clientAddress = clientAddress;
    }

    @GET
    @Path("enquete")
    public Response page(@CookieParam(BrowserSession.FORM_COOKIE) String formCookie, @Context HttpServletRequest request) {
        String token = formCookie == null || formCookie.length() < 20 ? TokenHasher.newToken() : formCookie;
        return Response.ok(form.view(token, Map.of(), SurveyFormView.Typed.EMPTY, null))
                .cookie(BrowserSession.formCookie(token, request)).build();
    }

    /** The page after an answer was recorded; {@code rappel} when the family asked to be called back. */
    @GET
    @Path("enquete/merci")
    public SurveyFormView thanks(@QueryParam("rappel") String callBack) {
        return form.view(null, Map.of(), SurveyFormView.Typed.EMPTY, new SurveyForm.Outcome(
                "Merci : votre réponse est enregistrée, sans votre nom."
                        + (callBack == null ? "" : " L'école vous rappellera au numéro donné."), null, null, 200));
    }

    @POST
    @Path("enquete")
    @BodyLimit(LARGEST_FORM)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(MultivaluedMap<String, String> sent, @CookieParam(BrowserSession.FORM_COOKIE) String formCookie,
                           @Context HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        sent.forEach((name, given) -> values.put(name, given.isEmpty() ? "" : given.get(0)));
        SurveyFormView.Typed typed = new SurveyFormView.Typed(values.getOrDefault(SurveyForm.CODE, ""),
                values.containsKey(SurveyForm.CALL_BACK), values.getOrDefault(SurveyForm.NAME, ""),
                values.getOrDefault(SurveyForm.PHONE, ""));
        if (formCookie == null || !BrowserSession.same(formCookie, values.get(BrowserSession.CSRF_FIELD))) {
            // a form opened elsewhere, or too long ago for the browser to keep its cookie: nothing recorded
            String token = TokenHasher.newToken();
            return Response.status(403).entity(form.view(token, values, typed, new SurveyForm.Outcome(null,
                    "Ce formulaire a expiré : vos réponses n'ont pas été enregistrées. Vérifiez-les ci-dessous, "
                            + "puis envoyez à nouveau.", null, 403))).cookie(BrowserSession.formCookie(token, request))
                    .build();
        }
        SurveyForm.Outcome outcome = form.record(clientAddress.of(request), values, typed);
        if (outcome.thanks() != null) {
            return Response.seeOther(URI.create("/enquete/merci" + (typed.callBack() ? "?rappel" : ""))).build();
        }
        Response.ResponseBuilder refused = Response.status(outcome.status())
                .entity(form.view(formCookie, values, typed, outcome));
        if (outcome.retryAfterSeconds() != null) {
            refused.header("Retry-After", outcome.retryAfterSeconds());
        }
        return refused.build();
    }
}
