package fr.ecole.lending.surveys;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PathIds;
import fr.ecole.lending.http.PdfResponse;
import fr.ecole.lending.imports.SpreadsheetCsv;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.List;

/** A school's survey campaigns, their slips and imported answers, and the families' requests to be called back. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SurveyResource {
    private final SurveyService surveys;
    private final SurveyAnswers answers;

    public SurveyResource(SurveyService surveys, SurveyAnswers answers) {
        this.surveys = surveys;
        this.answers = answers;
    }

    @POST
    @Path("establishments/{uai}/surveys")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Lancer une enquête auprès de toutes les familles : un lot de codes anonymes (par défaut, "
            + "autant que d'élèves)")
    @ApiResponse(responseCode = "201", description = "L'enquête et son nombre de codes",
            content = @Content(schema = @Schema(implementation = SurveyService.Survey.class)))
    @Errors({"404 unknown_establishment", "422 out_of_range", "422 missing_value"})
    public Response create(@Auth User caller, @PathParam("uai") Uai uai, SurveyService.NewSurvey request) {
        SurveyService.Survey survey = surveys.create(caller, uai, request);
        return Response.created(UriBuilder.fromPath("/api/surveys/{id}").build(survey.id())).entity(survey).build();
    }

    @GET
    @Path("establishments/{uai}/surveys")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les enquêtes de l'établissement, des plus anciennes aux plus récentes")
    @Errors({"404 unknown_establishment"})
    public Page<SurveyService.Survey> list(@Auth User caller, @PathParam("uai") Uai uai,
                                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return surveys.ofEstablishment(caller, uai, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("surveys/{id}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Une enquête : codes remis, réponses, taux de réponse")
    @Errors({"404 unknown_survey"})
    public SurveyService.Survey get(@Auth User caller, @PathParam("id") String id) {
        return surveys.get(caller, surveyId(id));
    }

    @GET
    @Path("surveys/{id}/codes.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les papillons à distribuer, dix par page A4 : QR code vers le formulaire et code en clair")
    @ApiResponse(responseCode = "200", description = "Le PDF des papillons",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @Errors({"404 unknown_survey"})
    public Response slips(@Auth User caller, @PathParam("id") String id) {
        long survey = surveyId(id);
        return PdfResponse.of(surveys.slips(caller, survey), "enquete-" + survey);
    }

    @GET
    @Path("surveys/{id}/codes.csv")
    @Produces("text/csv")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les codes de l'enquête en CSV, pour les imprimer ou les envoyer autrement")
    @ApiResponse(responseCode = "200", description = "Une colonne « code »",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    @Errors({"404 unknown_survey"})
    public Response codes(@Auth User caller, @PathParam("id") String id) {
        long survey = surveyId(id);
        List<String> codes = surveys.codes(caller, survey);
        StreamingOutput csv = output -> {
            SpreadsheetCsv file = SpreadsheetCsv.writer(output);
            file.row("code");
            codes.forEach(file::row);
            file.flush();
        };
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"enquete-" + survey + "-codes.csv\"").build();
    }

    @POST
    @Path("surveys/{id}/answers")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Importer des réponses recueillies sur papier ou par un autre outil (CSV : code et une "
            + "colonne par question) : toutes ou aucune")
    @Errors({"404 unknown_survey", "410 survey_closed", "422 invalid_rows", "422 missing_column", "422 unknown_column", "422 no_answers",
            "422 invalid_csv", "422 invalid_encoding"})
    public SurveyAnswers.Imported importAnswers(@Auth User caller, @PathParam("id") String id, InputStream csv) {
        return answers.importCsv(caller, surveyId(id), csv);
    }

    @GET
    @Path("establishments/{uai}/contact-requests")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Les familles qui ont demandé à être rappelées, à la fin du questionnaire")
    @Errors({"404 unknown_establishment"})
    public Page<SurveyService.ContactRequest> contactRequests(@Auth User caller, @PathParam("uai") Uai uai,
                                                              @QueryParam("limit") String limit,
                                                              @QueryParam("cursor") String cursor) {
        return surveys.contactRequests(caller, uai, PageRequest.parse(limit, cursor));
    }

    @PATCH
    @Path("contact-requests/{id}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Marquer une demande de rappel comme traitée (effacée quelques jours plus tard)")
    @Errors({"404 unknown_contact_request", "422 invalid_value"})
    public SurveyService.ContactRequest handled(@Auth User caller, @PathParam("id") String id,
                                                SurveyService.ContactHandled request) {
        return surveys.handled(caller, contactId(id), request);
    }

    @DELETE
    @Path("contact-requests/{id}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Effacer une demande de rappel tout de suite")
    @ApiResponse(responseCode = "204", description = "Demande effacée")
    @Errors({"404 unknown_contact_request"})
    public Response delete(@Auth User caller, @PathParam("id") String id) {
        surveys.delete(caller, contactId(id));
        return Response.noContent().build();
    }

    private static long surveyId(String text) {
        return PathIds.positive(text, given -> ApiException.notFound("unknown_survey", "id",
                "Aucune enquête n'a le numéro « " + given + " »."));
    }

    private static long contactId(String text) {
        return PathIds.positive(text, given -> ApiException.notFound("unknown_contact_request", "id",
                "Aucune demande de rappel n'a le numéro « " + given + " »."));
    }
}
