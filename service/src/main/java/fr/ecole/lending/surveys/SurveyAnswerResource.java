package fr.ecole.lending.surveys;

import fr.ecole.lending.http.BodyLimit;
import fr.ecole.lending.http.ClientAddress;
import fr.ecole.lending.http.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The survey as families reach it, without a token: the questions, and the answer, whose code is the
 * only credential. Bodies are small, and attempts limited by address and by code.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SurveyAnswerResource {
    /** An answer and a contact fit in far less. */
    static final long LARGEST_ANSWER = 4096;
    private final SurveyAnswers answers;
    private final ClientAddress clientAddress;

    public SurveyAnswerResource(SurveyAnswers answers, ClientAddress clientAddress) {
        this.answers = answers;
        this.clientAddress = clientAddress;
    }

    @GET
    @Path("surveys/questions")
    @Operation(summary = "Les questions de l'enquête, telles que le formulaire public les pose (sans jeton)")
    public SurveyQuestions.Questionnaire questions() {
        return answers.questionnaire();
    }

    @POST
    @Path("surveys/answers")
    @BodyLimit(LARGEST_ANSWER)
    @Operation(summary = "Répondre à l'enquête avec un code (sans jeton : le code en tient lieu) ; en option, "
            + "demander à être rappelé par l'école")
    @ApiResponse(responseCode = "201", description = "Réponse enregistrée, sans identité",
            content = @Content(schema = @Schema(implementation = SurveyAnswers.Received.class)))
    @Errors({"404 unknown_code", "409 code_spent", "410 survey_closed", "422 missing_value", "422 unknown_criterion",
            "422 invalid_value",
            "422 out_of_range", "422 invalid_phone", "429 too_many_attempts"})
    public Response answer(SurveyAnswers.NewAnswer request, @Context HttpServletRequest http) {
        return Response.status(Response.Status.CREATED).entity(answers.answer(clientAddress.of(http), request)).build();
    }
}
