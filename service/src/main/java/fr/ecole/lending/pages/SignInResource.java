package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.TokenHasher;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.ClientAddress;
import fr.ecole.lending.users.Credentials;
import fr.ecole.lending.users.Session;
import fr.ecole.lending.users.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /}, the sign-in page and sign-out: the same login sessions, throttle and audit as the API's. */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SignInResource {
    static final String SIGN_IN = "/connexion";
    /** A page of this service to come back to: a path, never another site ("//host", "/\host"). */
    private static final Pattern LOCAL_PAGE = Pattern.compile("/(?![/\\\\])[A-Za-z0-9/_.~%=&?+-]{0,300}");

    private final UserService users;
    private final BrowserSession sessions;
    private final ClientAddress clientAddress;

    SignInResource(UserService users, BrowserSession sessions, ClientAddress clientAddress) {
        this.users = users;
        this.sessions = sessions;
        this.clientAddress = clientAddress;
    }

    @GET
    public Response root(@Context HttpHeaders headers) {
        return Response.seeOther(URI.create(sessions.of(headers.getCookies())
                .map(signedIn -> home(signedIn.user().role())).orElse(SIGN_IN))).build();
    }

    @GET
    @Path("connexion")
    public Response form(@QueryParam("retour") String backTo, @QueryParam("fin") String ended,
                         @CookieParam(BrowserSession.FORM_COOKIE) String formCookie,
                         @Context HttpHeaders headers, @Context HttpServletRequest request) {
        Optional<BrowserSession.SignedIn> signedIn = sessions.of(headers.getCookies());
        if (signedIn.isPresent()) {
            return Response.seeOther(URI.create(destination(backTo, signedIn.get().user().role()))).build();
        }
        String form = formCookie == null || formCookie.length() < 20 ? TokenHasher.newToken() : formCookie;
        SignInView view = new SignInView(form, local(backTo), "", ended != null
                ? "Vous êtes déconnecté. À bientôt." : null, null);
        return Response.ok(view).cookie(BrowserSession.formCookie(form, request)).build();
    }

    @POST
    @Path("connexion")
    public Response signIn(@FormParam("identifiant") String name, @FormParam("mot_de_passe") String password,
                           @FormParam("retour") String backTo, @FormParam(BrowserSession.CSRF_FIELD) String csrf,
                           @CookieParam(BrowserSession.FORM_COOKIE) String formCookie,
                           @Context HttpServletRequest request) {
        String typed = name == null ? "" : name.strip();
        if (formCookie == null || !BrowserSession.same(formCookie, csrf)) {
            String form = TokenHasher.newToken();
            return Response.status(403).entity(new SignInView(form, local(backTo), typed, null,
                    "Ce formulaire de connexion a expiré (ou venait d'un autre site). Saisissez à nouveau votre "
                            + "mot de passe.")).cookie(BrowserSession.formCookie(form, request)).build();
        }
        try {
            Session session = users.login(new Credentials(typed, password), clientAddress.of(request));
            return Response.seeOther(URI.create(destination(backTo, session.user().role())))
                    .cookie(BrowserSession.sessionCookie(session.token(), session.expiresAt(), request),
                            BrowserSession.ended(BrowserSession.FORM_COOKIE, request))
                    .build();
        } catch (ApiException refused) {
            String message = switch (refused.status()) {
                case 401 -> "Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.";
                case 429 -> refused.getMessage();
                default -> "Saisissez votre identifiant et votre mot de passe.";
            };
            Response.ResponseBuilder answer = Response.status(refused.status() == 429 ? 429 : 401)
                    .entity(new SignInView(formCookie, local(backTo), typed, null, message));
            if (refused.retryAfterSeconds() != null) {
                answer.header("Retry-After", refused.retryAfterSeconds());
            }
            return answer.build();
        }
    }

    @POST
    @Path("deconnexion")
    public Response signOut(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @Context HttpHeaders headers,
                            @Context HttpServletRequest request) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, SIGN_IN, Role.values());
        users.endSession(signedIn.user(), signedIn.token());
        return Response.seeOther(URI.create(SIGN_IN + "?fin"))
                .cookie(BrowserSession.ended(BrowserSession.SESSION_COOKIE, request)).build();
    }

    /** Where a user lands after signing in, or at {@code /}. */
    static String home(Role role) {
        return switch (role) {
            case ADMIN, DESK -> "/poste";
            case SOCIAL_WORKER -> "/social";
            case COLLECTIVITY, RECTORAT -> "/territoire";
            case FUNDER -> "/financeur";
        };
    }

    static String signInAddress(String backTo) {
        String local = local(backTo);
        return local == null ? SIGN_IN : SIGN_IN + "?retour=" + URLEncoder.encode(local, StandardCharsets.UTF_8);
    }

    private static String destination(String backTo, Role role) {
        String local = local(backTo);
        return local == null ? home(role) : local;
    }

    static String local(String backTo) {
        return backTo != null && LOCAL_PAGE.matcher(backTo).matches() && !backTo.startsWith(SIGN_IN) ? backTo : null;
    }
}
