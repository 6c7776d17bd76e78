package fr.ecole.lending.pages;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.surveys.SurveyAnswers;
import fr.ecole.lending.surveys.SurveyQuestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public survey form's questions, built from the questionnaire the API publishes (the criteria in
 * force), and one family's answer recorded through the same service as {@code POST /api/surveys/answers}:
 * the same code checks, throttle and silence about who answered.
 */
final class SurveyForm {
    /** The form's own controls; every other is an answer, named by its question's id. */
    static final String CODE = "code";
    static final String CALL_BACK = "rappel";
    static final String NAME = "nom";
    static final String PHONE = "telephone";

    private final SurveyAnswers answers;

    SurveyForm(SurveyAnswers answers) {
        this.answers = answers;
    }

    /** What recording gave: the thanks, or the refusal in words with the control it is about. */
    record Outcome(String thanks, String error, String errorField, int status, Integer retryAfterSeconds) {
        Outcome(String thanks, String error, String errorField, int status) {
            this(thanks, error, errorField, status, null);
        }
    }

    SurveyFormView view(String formToken, Map<String, String> values, SurveyFormView.Typed typed, Outcome outcome) {
        SurveyQuestions.Questionnaire questionnaire = answers.questionnaire();
        List<SurveyFormView.Question> questions = new ArrayList<>();
        for (SurveyQuestions.Question q : questionnaire.questions()) {
            String value = values.getOrDefault(q.id(), "");
            List<SurveyFormView.Option> options = new ArrayList<>();
            if ("BOOLEAN".equals(q.type())) {
                options.add(new SurveyFormView.Option("true", "Oui", "true".equals(value)));
                options.add(new SurveyFormView.Option("false", "Non", "false".equals(value)));
            } else if (q.values() != null) {
                for (String v : q.values()) {
                    String label = q.valueLabels() == null ? v : q.valueLabels().getOrDefault(v, v);
                    options.add(new SurveyFormView.Option(v, label, v.equals(value)));
                }
            }
            questions.add(new SurveyFormView.Question(q.id(), q.label(), "INTEGER".equals(q.type()), q.min(), q.max(),
                    q.required(), options, value));
        }
        return new SurveyFormView(formToken, questions, typed, questionnaire.contactNotice(),
                outcome == null ? null : outcome.error(), outcome == null ? null : outcome.errorField(),
                outcome == null ? null : outcome.thanks());
    }

    /** The answers of the form recorded for the code typed, from {@code address}; refused, nothing is stored. */
    Outcome record(String address, Map<String, String> values, SurveyFormView.Typed typed) {
        SurveyAnswers.Contact contact = typed.callBack() ? new SurveyAnswers.Contact(typed.name(), typed.phone()) : null;
        try {
            SurveyAnswers.Received received = answers.answer(address, new SurveyAnswers.NewAnswer(typed.code(),
                    answersOf(values), contact));
            return new Outcome(received.message(), null, null, 201);
        } catch (ApiException refused) {
            String control = control(refused.field());
            return new Outcome(null, inWords(refused, control), control, refused.status(), refused.retryAfterSeconds());
        }
    }

    /** A refusal about a question said with the question's words, not its id; any other as the service says it. */
    private String inWords(ApiException refused, String control) {
        for (SurveyQuestions.Question q : answers.questionnaire().questions()) {
            if (q.id().equals(control)) {
                if ("missing_value".equals(refused.code())) {
                    return "Répondez à la question « " + q.label() + " », puis envoyez à nouveau.";
                }
                return "Vérifiez votre réponse à « " + q.label() + " »"
                        + (q.min() != null && q.max() != null ? " : un nombre de " + q.min() + " à " + q.max() : "")
                        + ", puis envoyez à nouveau.";
            }
        }
        return refused.getMessage();
    }

    /** The form's controls as the API's answers: numbers and yes/no as such, a list's value as text. */
    private ObjectNode answersOf(Map<String, String> values) {
        ObjectNode sent = JsonNodeFactory.instance.objectNode();
        for (SurveyQuestions.Question q : answers.questionnaire().questions()) {
            String raw = values.getOrDefault(q.id(), "").strip();
            if (raw.isEmpty()) {
                continue;
            }
            sent.set(q.id(), Social.answer(q.type(), raw));
        }
        return sent;
    }

    /** The form's control an API field names: {@code answers.headset} → {@code headset}, {@code contact.phone} → {@code telephone}. */
    private static String control(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "contact.name" -> NAME;
            case "contact.phone" -> PHONE;
            default -> field.startsWith("answers.") ? field.substring("answers.".length()) : field;
        };
    }
}
