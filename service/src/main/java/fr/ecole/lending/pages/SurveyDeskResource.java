package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PdfResponse;
import fr.ecole.lending.imports.SpreadsheetCsv;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * A school's surveys of its families ({@code /poste/enquetes}), for its desks and the administrator:
 * campaigns created and their slips printed, answers collected on paper imported (a CSV file sent from
 * the form itself), the families' requests to be called back handled or erased. Forms carry the
 * session's token; one naming a school the user does not work for changes nothing (403), and another
 * school's campaign is not found, as the API answers.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SurveyDeskResource {
    static final String PAGE = "/poste/enquetes";

    private final BrowserSession sessions;
    private final SurveyDesk surveys;

    SurveyDeskResource(BrowserSession sessions, SurveyDesk surveys) {
        this.sessions = sessions;
        this.surveys = surveys;
    }

    /** The slips of campaign {@code id}, at the pages' own address: {@code /api} never takes the session cookie. */
    static String slips(long id) {
        return PAGE + "/" + id + "/fiches.pdf";
    }

    private static URI page(String school, String then) {
        return URI.create(PAGE + "?ecole=" + URLEncoder.encode(school, StandardCharsets.UTF_8) + then);
    }

    /** The page; after a campaign was created ({@code creee}), the message naming it and its slips. */
    @GET
    @Path("poste/enquetes")
    public SurveyDeskView page(@QueryParam("ecole") String school, @QueryParam("creee") String created,
                               @QueryParam("rappel") String callback, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), PAGE, Role.DESK, Role.ADMIN);
        String uai = surveys.school(signedIn, school);
        Long createdId = SocialResource.recordNumber(created);
        if (uai != null && createdId != null) {
            return surveys.created(signedIn, uai, createdId);
        }
        SurveyDeskView view = surveys.view(signedIn, uai);
        if (uai != null && callback != null) {
            view.answered("efface".equals(callback) ? DeskView.Outcome.success("Demande de rappel effacée.")
                    : DeskView.Outcome.success("Rappel noté comme fait. La demande reste visible de vos collègues "
                    + view.getKeptAfterHandled() + ", puis elle est effacée."), List.of()).at("rappels", "");
        }
        return view;
    }

    /** A campaign created: the page is asked for again (303), so that reloading it creates nothing twice. */
    @POST
    @Path("poste/enquetes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                           @FormParam("codes") String codes, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, PAGE, Role.DESK, Role.ADMIN);
        String uai = surveys.school(signedIn, school);
        SurveyDesk.Creation creation = surveys.create(signedIn, uai, codes);
        if (creation.id() != null) {
            return Response.seeOther(page(uai, "&creee=" + creation.id())).build();
        }
        return Response.ok(creation.refused()).build();
    }

    /** Answers collected on paper: the CSV file chosen in the form, taken whole or refused whole. */
    @POST
    @Path("poste/enquetes/reponses")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public SurveyDeskView importAnswers(@FormDataParam(BrowserSession.CSRF_FIELD) String csrf,
                                        @FormDataParam("ecole") String school, @FormDataParam("enquete") String campaign,
                                        @FormDataParam("reponses") InputStream csv,
                                        @FormDataParam("reponses") FormDataContentDisposition file,
                                        @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, PAGE, Role.DESK, Role.ADMIN);
        String uai = surveys.school(signedIn, school);
        boolean chosen = csv != null && file != null && file.getFileName() != null && !file.getFileName().isBlank();
        return surveys.importAnswers(signedIn, uai, campaign, csv, chosen);
    }

    /** A request to be called back marked handled, or erased: 303 to the page, which says so. */
    @POST
    @Path("poste/enquetes/rappels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response callback(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                             @FormParam("demande") String request, @FormParam("action") String action,
                             @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, PAGE, Role.DESK, Role.ADMIN);
        String uai = surveys.school(signedIn, school);
        DeskView.Outcome refusal = uai == null ? DeskView.Outcome.error("Choisissez d'abord l'établissement.")
                : surveys.callback(signedIn, request, action);
        if (refusal == null) {
            // the name stays out of the address: the page says what was done, not to whom
            return Response.seeOther(page(uai, "&rappel=" + ("effacer".equals(action) ? "efface" : "fait") + "#rappels-titre"))
                    .build();
        }
        return Response.ok(surveys.view(signedIn, uai).answered(refusal, List.of()).at("rappels", "")).build();
    }

    /** The slips of a campaign, with the PDF's policy so that the browser's viewer opens it; another school's is not found. */
    @GET
    @Path("poste/enquetes/{id}/fiches.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML + ";charset=UTF-8"})
    public Response slips(@PathParam("id") String id, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), PAGE, Role.DESK, Role.ADMIN);
        try {
            if (id == null || !id.matches("[0-9]{1,15}")) {
                throw ApiException.notFound("unknown_survey", "id", "Aucune enquête n'a ce numéro.");
            }
            return Response.fromResponse(PdfResponse.of(surveys.slips(signedIn.user(), Long.parseLong(id)), "enquete-" + id
                    + "-fiches")).header("Content-Security-Policy", SecurityHeaders.PDF).build();
        } catch (ApiException refused) {
            return Response.status(refused.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(new MessageView("Enquête introuvable", signedIn, refused.getMessage()
                            + " Revenez à la page des enquêtes de votre établissement.")).build();
        }
    }

    /** A blank file of answers: the header row only, the columns the import takes. */
    @GET
    @Path("poste/enquetes/modele-reponses.csv")
    @Produces("text/csv")
    public Response template(@Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), PAGE, Role.DESK, Role.ADMIN);
        List<String> columns = surveys.view(signedIn, null).getColumns();
        StreamingOutput csv = output -> {
            SpreadsheetCsv file = SpreadsheetCsv.writer(output);
            file.row(columns.toArray(Object[]::new));
            file.flush();
        };
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"reponses-enquete.csv\"").build();
    }
}
