package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.AgreementDocumentService;
import fr.ecole.lending.agreements.FollowUpService;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PathIds;
import fr.ecole.lending.http.PdfResponse;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The lending desk ({@code /poste}) and a label's QR address ({@code /d/<tag>}). A scan or a search only
 * reads, so it is a GET: the page works as a plain form, and htmx swaps the answer in without
 * reloading. Lending and returns are POSTs carrying the session's form token.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class DeskResource {
    private static final String DESK = "/poste";
    private static final String FOLLOW_UP = "/poste/suivi";

    private final BrowserSession sessions;
    private final Desk desk;
    private final BetweenLoans betweenLoans;
    private final AgreementDocumentService documents;
    private final FollowUpService followUps;
    private final DeskSwaps swaps;
    private final DeskHandovers handovers;

    DeskResource(BrowserSession sessions, Desk desk, BetweenLoans betweenLoans, AgreementDocumentService documents,
                 FollowUpService followUps, DeskSwaps swaps, DeskHandovers handovers) {
        this.sessions = sessions;
        this.desk = desk;
        this.betweenLoans = betweenLoans;
        this.documents = documents;
        this.followUps = followUps;
        this.swaps = swaps;
        this.handovers = handovers;
    }

    static String agreementPdf(String number) {
        return DESK + "/conventions/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + ".pdf";
    }

    static String receiptPdf(long returnId) {
        return DESK + "/retours/" + returnId + "/recu.pdf";
    }

    @GET
    @Path("poste")
    public DeskView desk(@QueryParam("code") String code, @QueryParam("q") String query,
                         @QueryParam("ecole") String school, @QueryParam("famille") String family,
                         @QueryParam("lot") List<String> bundle, @QueryParam("cle") String key,
                         @QueryParam("retirer") String remove, @Context HttpHeaders headers) {
        DeskState state = DeskState.parse(school, family, bundle, key);
        String backTo = code == null ? state.link() : DESK + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), backTo, Role.DESK, Role.ADMIN);
        Desk.Work work = desk.look(signedIn.user(), state, code, query, remove);
        work.handovers = handovers.offer(signedIn.user(), work.answer);
        return desk.view(signedIn, work);
    }

    /** A label's QR address: the device at the desk; one the desk may not see answers 404, as an unknown tag. */
    @GET
    @Path("d/{tag}")
    public Response label(@PathParam("tag") String tag, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(),
                "/d/" + URLEncoder.encode(tag, StandardCharsets.UTF_8), Role.DESK, Role.ADMIN);
        Desk.Work work = desk.look(signedIn.user(), DeskState.parse(null, null, null, null), tag, null, null);
        work.handovers = handovers.offer(signedIn.user(), work.answer);
        return Response.status(work.answer.found() ? 200 : 404).entity(desk.view(signedIn, work)).build();
    }

    @POST
    @Path("poste/pret")
    public DeskView lend(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                         @FormParam("famille") String family, @FormParam("lot") List<String> bundle,
                         @FormParam("cle") String key, @FormParam("retour_prevu") String dueDate,
                         @FormParam("motif") String reason, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, DESK, Role.DESK, Role.ADMIN);
        return desk.view(signedIn, desk.lend(signedIn.user(), DeskState.parse(school, family, bundle, key), dueDate,
                reason));
    }

    /** A device's return (retour); the same form sent to swap it (echange): the swap form, then the swap. */
    @POST
    @Path("poste/{action: retour|echange}")
    public DeskView receive(@PathParam("action") String action, @FormParam(BrowserSession.CSRF_FIELD) String csrf,
                            @FormParam("ecole") String school, @FormParam("famille") String family,
                            @FormParam("lot") List<String> bundle, @FormParam("cle") String key,
                            @FormParam("appareil") String assetTag, @FormParam("etat") String condition,
                            @FormParam("manquants") List<String> missing, @FormParam("remarque") String note,
                            @FormParam("remplacement") String replacement, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, DESK, Role.DESK, Role.ADMIN);
        String swapFor = action.equals("echange") ? (replacement == null ? "" : replacement) : null;
        return desk.view(signedIn, desk.receive(signedIn.user(), DeskState.parse(school, family, bundle, key),
                assetTag == null ? "" : assetTag, condition, missing, note, swapFor));
    }

    /** The agreement (or the devices ticked) handed to the pupil's new school. */
    @POST
    @Path("poste/passation")
    public DeskView handOver(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                             @FormParam("famille") String family, @FormParam("lot") List<String> bundle,
                             @FormParam("cle") String key, @FormParam("convention") String number,
                             @FormParam("nouvel_etablissement") String toUai, @FormParam("appareils") List<String> tags,
                             @FormParam("garder") String keep, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, DESK, Role.DESK, Role.ADMIN);
        Desk.Work work = desk.look(signedIn.user(), DeskState.parse(school, family, bundle, key), null, null, null);
        handovers.handOver(signedIn.user(), work, number == null ? "" : number, toUai, tags, keep != null);
        return desk.view(signedIn, work);
    }

    /** An agreement offered between loans, its pupil gone to another school: all its devices follow. */
    @POST
    @Path("poste/suivi/passation")
    public BetweenLoansView handOverFromFollowUp(@FormParam(BrowserSession.CSRF_FIELD) String csrf,
                                                 @FormParam("ecole") String school,
                                                 @FormParam("convention") String number,
                                                 @FormParam("nouvel_etablissement") String toUai,
                                                 @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, FOLLOW_UP, Role.DESK, Role.ADMIN);
        DeskView.Outcome outcome;
        try {
            outcome = handovers.handOver(signedIn.user(), number == null ? "" : number, toUai == null ? "" : toUai.strip(),
                    null, false);
        } catch (ApiException refused) {
            outcome = DeskView.Outcome.error("Passation refusée : " + refused.getMessage());
        }
        return betweenLoans.betweenLoans(signedIn, school, outcome);
    }

    @POST
    @Path("poste/signature")
    public DeskView sign(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                         @FormParam("convention") String number, @FormParam("signe_par") String signedBy,
                         @FormParam("mode") String mode, @FormParam("signature_dessinee") String drawing,
                         @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, DESK, Role.DESK, Role.ADMIN);
        return desk.view(signedIn, desk.sign(signedIn.user(), DeskState.parse(school, null, null, null),
                number == null ? "" : number, signedBy, "ecran".equals(mode), drawing));
    }

    @GET
    @Path("poste/suivi")
    public BetweenLoansView betweenLoans(@QueryParam("ecole") String school, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), FOLLOW_UP, Role.DESK, Role.ADMIN);
        return betweenLoans.betweenLoans(signedIn, school, null);
    }

    @POST
    @Path("poste/effacement")
    public BetweenLoansView wipe(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                                 @FormParam("appareil") String assetTag, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, FOLLOW_UP, Role.DESK, Role.ADMIN);
        return betweenLoans.betweenLoans(signedIn, school, betweenLoans.wipe(signedIn.user(), assetTag == null ? "" : assetTag));
    }

    @POST
    @Path("poste/reparation")
    public BetweenLoansView backFromRepair(@FormParam(BrowserSession.CSRF_FIELD) String csrf,
                                           @FormParam("ecole") String school, @FormParam("appareil") String assetTag,
                                           @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, FOLLOW_UP, Role.DESK, Role.ADMIN);
        return betweenLoans.betweenLoans(signedIn, school, betweenLoans.backFromRepair(signedIn.user(), assetTag == null ? "" : assetTag));
    }

    /** A message to a family given up (FAILED), sent again: back in the queue, its attempts counted afresh. */
    @POST
    @Path("poste/renvoi")
    public BetweenLoansView retryMessage(@FormParam(BrowserSession.CSRF_FIELD) String csrf,
                                         @FormParam("ecole") String school, @FormParam("message") String message,
                                         @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, FOLLOW_UP, Role.DESK, Role.ADMIN);
        return betweenLoans.betweenLoans(signedIn, school, betweenLoans.retry(signedIn.user(), message == null ? "" : message));
    }

    /**
     * The week's reminders of overdue loans: letters (PDF) for the households that prefer paper, or the
     * file (CSV) for SMS and e-mail. A POST: the households listed are recorded as reminded.
     */
    @POST
    @Path("poste/relances")
    @Produces({"application/pdf", "text/csv"})
    public Response followUps(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                              @FormParam("format") String format, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, FOLLOW_UP, Role.DESK, Role.ADMIN);
        String uai = desk.school(signedIn.user(), DeskState.parse(school, null, null, null)).school();
        if (uai == null) {
            throw ApiException.invalid("invalid_value", "ecole", "Choisissez l'établissement dont relancer les familles.");
        }
        Uai establishment = Uai.parse(uai, "ecole");
        if ("csv".equals(format)) {
            return Response.ok(followUps.csv(followUps.produce(signedIn.user(), establishment, Set.of("SMS", "EMAIL"))),
                    "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"relances-" + uai
                    + ".csv\"").build();
        }
        // the letters' address does not end in .pdf: the PDF's own policy, so the browser's viewer opens them
        return Response.fromResponse(PdfResponse.of(followUps.letters(followUps.produce(signedIn.user(), establishment,
                Set.of("PAPER"))), "relances-" + uai)).header("Content-Security-Policy", SecurityHeaders.PDF).build();
    }

    @GET
    @Path("poste/conventions/{number}.pdf")
    @Produces("application/pdf")
    public Response agreement(@PathParam("number") String number, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), DESK, Role.DESK, Role.ADMIN);
        return PdfResponse.of(documents.document(signedIn.user(), number), number);
    }

    /** An amendment to an agreement: of a swap (echanges) or of a handover to another school (passations). */
    @GET
    @Path("poste/conventions/{number}/{kind: echanges|passations}/{n}.pdf")
    @Produces("application/pdf")
    public Response amendment(@PathParam("number") String number, @PathParam("kind") String kind,
                              @PathParam("n") String n, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), DESK, Role.DESK, Role.ADMIN);
        boolean swap = kind.equals("echanges");
        int which = (int) Math.min(Integer.MAX_VALUE, PathIds.positive(n, text -> ApiException.notFound(
                "unknown_amendment", "n", "Il n'y a pas d'avenant " + (swap ? "d'échange" : "de passation") + " « "
                        + text + " ».")));
        return PdfResponse.of(swap ? swaps.amendment(signedIn.user(), number, which)
                : handovers.amendment(signedIn.user(), number, which), number + (swap ? "-echange-" : "-passation-") + which);
    }

    @GET
    @Path("poste/retours/{id}/recu.pdf")
    @Produces("application/pdf")
    public Response receipt(@PathParam("id") String id, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), DESK, Role.DESK, Role.ADMIN);
        long returnId = PathIds.positive(id, text -> ApiException.notFound("unknown_return", "id",
                "Aucun retour n'a le numéro " + text + "."));
        return PdfResponse.of(documents.receipt(signedIn.user(), returnId), "recu-retour-" + returnId);
    }
}
