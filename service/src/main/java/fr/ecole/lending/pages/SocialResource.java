package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The social worker's page ({@code /social}). The search and the family chosen are GETs; checking
 * answers and recording a diagnostic are POSTs of the one form, carrying the session's form token.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SocialResource {
    private static final String SOCIAL = "/social";
    /** The form's own fields; every other field is an answer, named by its criterion. */
    private static final String FAMILY = "famille";
    private static final String SCHOOL = "uai";

    private final BrowserSession sessions;
    private final Social social;

    SocialResource(BrowserSession sessions, Social social) {
        this.sessions = sessions;
        this.social = social;
    }

    @GET
    @Path("social")
    public Response page(@QueryParam("q") String query, @QueryParam(FAMILY) String family, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), SOCIAL, Role.SOCIAL_WORKER, Role.ADMIN);
        return answer(social.view(signedIn, query, recordNumber(family), Social.Typed.empty(), null));
    }

    @POST
    @Path("social/eligibilite")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        return answer(form, headers, false);
    }

    @POST
    @Path("social/diagnostic")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response record(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        return answer(form, headers, true);
    }

    /** The form's answers checked, or {@code recorded} as the chosen family's diagnostic. */
    private Response answer(MultivaluedMap<String, String> form, HttpHeaders headers, boolean recorded) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), form.getFirst(BrowserSession.CSRF_FIELD),
                SOCIAL, Role.SOCIAL_WORKER, Role.ADMIN);
        Social.Typed typed = typed(form);
        return answer(social.view(signedIn, null, typed.familyId(), typed,
                recorded ? social.record(signedIn.user(), typed) : social.check(typed)));
    }

    /** A family out of reach, or no family's, is "not found", as the API says it. */
    private static Response answer(SocialView view) {
        return Response.status(view.familyMissing() ? 404 : 200).entity(view).build();
    }

    private static Social.Typed typed(MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, given) -> {
            if (!given.isEmpty() && !BrowserSession.CSRF_FIELD.equals(name)) {
                values.put(name, given.get(0));
            }
        });
        String uai = values.getOrDefault(SCHOOL, "").strip();
        return new Social.Typed(values, uai, recordNumber(values.get(FAMILY)));
    }

    /** A record's number from the address or the form (a family's, a referral's); anything else is none. */
    static Long recordNumber(String given) {
        if (given == null || !given.strip().matches("[0-9]{1,15}")) {
            return null;
        }
        return Long.parseLong(given.strip());
    }
}
