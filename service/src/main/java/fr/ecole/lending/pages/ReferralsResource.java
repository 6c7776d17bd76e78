package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * A family's referrals ({@code /orientations?famille=}), reached from the family at the desk or on
 * the social worker's page. A referral proposed sends the page again (303), so that reloading it
 * proposes nothing twice; a refusal shows the form as typed and says what to do.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ReferralsResource {
    private static final String PAGE = "/orientations";
    private static final Role[] ROLES = {Role.DESK, Role.SOCIAL_WORKER, Role.ADMIN};

    private final BrowserSession sessions;
    private final Referrals referrals;

    ReferralsResource(BrowserSession sessions, Referrals referrals) {
        this.sessions = sessions;
        this.referrals = referrals;
    }

    @GET
    @Path("orientations")
    public Response page(@QueryParam("famille") String family, @QueryParam("fait") String done,
                         @Context HttpHeaders headers) {
        Long familyId = SocialResource.recordNumber(family);
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(),
                familyId == null ? PAGE : PAGE + "?famille=" + familyId, ROLES);
        ReferralsView view = referrals.view(signedIn, familyId, ReferralsView.Typed.EMPTY, null, null);
        Long proposed = SocialResource.recordNumber(done);
        if (proposed != null && view.getFamilyId() != null) {
            DeskView.Outcome said = Referrals.proposed(view, proposed);
            if (said != null) {
                view = referrals.view(signedIn, familyId, ReferralsView.Typed.EMPTY, said, null);
            }
        }
        return answer(view);
    }

    @POST
    @Path("orientations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response propose(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("famille") String family,
                            @FormParam("type") String kind, @FormParam("vers") String to,
                            @FormParam("remarque") String note, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, PAGE, ROLES);
        Long familyId = SocialResource.recordNumber(family);
        ReferralsView.Typed typed = new ReferralsView.Typed(text(kind), text(to), text(note));
        if (familyId == null) {
            return answer(referrals.view(signedIn, null, typed, null, null));
        }
        Referrals.Proposal proposal = referrals.propose(signedIn, familyId, typed);
        if (proposal.id() != null) {
            return Response.seeOther(URI.create(PAGE + "?famille=" + familyId + "&fait=" + proposal.id())).build();
        }
        return answer(proposal.view());
    }

    @POST
    @Path("orientations/suivi")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response follow(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("famille") String family,
                           @FormParam("orientation") String referral, @FormParam("statut") String status,
                           @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, PAGE, ROLES);
        Long familyId = SocialResource.recordNumber(family);
        Long referralId = SocialResource.recordNumber(referral);
        if (familyId == null || referralId == null) {
            return answer(referrals.view(signedIn, familyId, ReferralsView.Typed.EMPTY, null, null));
        }
        return answer(referrals.follow(signedIn, familyId, referralId, text(status)));
    }

    /** A family out of reach, or none named, is "not found", as the API says it. */
    private static Response answer(ReferralsView view) {
        return Response.status(view.getFamilyId() == null ? 404 : 200).entity(view).build();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
