package fr.ecole.lending.surveys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fr.ecole.lending.diagnostics.Answers;
import fr.ecole.lending.diagnostics.Criteria;
import fr.ecole.lending.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The questionnaire: the answers of the criteria in force about equipment, connection, coverage and
 * headset, in the file's order. Nothing about income, a scholarship, a referral or a person: a survey
 * of every family asks what every family can answer without being known.
 */
public final class SurveyQuestions {
    static final Set<String> ASKED = Set.of("devicesForSchoolwork", "hasSmartphone", "pupilsInHousehold",
            "adultsTeleworking", "headset", "homeInternet", "fixedSpeed", "mobile4g");

    /** What the form shows before a family leaves its name and phone at the end. */
    static final String CONTACT_NOTICE = "Si vous le souhaitez, l'école peut vous rappeler pour vous aider "
            + "(prêt de matériel, connexion). Votre nom et votre téléphone sont alors transmis à l'école seule, "
            + "séparément de vos réponses, qui restent anonymes : ils ne servent qu'à vous rappeler et sont "
            + "effacés après l'appel, au plus tard à la fin de l'année scolaire.";

    /** One question as the public form builds it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Question(String id, String label, String type, Integer min, Integer max, boolean required,
                    List<String> values, Map<String, String> valueLabels) {
    }

    /** {@code GET /api/surveys/questions}: the questions, and the notice of the contact request. */
    public record Questionnaire(String criteriaVersion, List<Question> questions, String contactNotice) {
    }

    private final Criteria criteria;
    private final List<String> ids = new ArrayList<>();

    public SurveyQuestions(Criteria criteria) {
        this.criteria = criteria;
        criteria.criteria().values().stream().filter(c -> c.isAnswer() && ASKED.contains(c.id()))
                .forEach(c -> ids.add(c.id()));
    }

    Criteria criteria() {
        return criteria;
    }

    /** The question ids, in the criteria file's order: the columns of an import. */
    List<String> ids() {
        return ids;
    }

    Questionnaire questionnaire() {
        List<Question> questions = new ArrayList<>();
        for (String id : ids) {
            Criteria.Criterion c = criteria.criterion(id);
            questions.add(new Question(id, c.label(), c.type(), c.min(), c.max(), c.required(), c.values(), c.valueLabels()));
        }
        return new Questionnaire(criteria.version(), questions, CONTACT_NOTICE);
    }

    /** The answers of a form, checked as a diagnostic's are, to the questions asked only. */
    Answers check(JsonNode sent) {
        return Answers.checkOnly(criteria, sent, new LinkedHashSet<>(ids));
    }

    /**
     * A spreadsheet's cell as the JSON a form would send: a number, true or false (also oui/non,
     * vrai/faux, 1/0), or the value's name; an empty cell is no answer.
     */
    JsonNode cell(String id, String text) {
        if (text.isEmpty()) {
            return null;
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        switch (criteria.criterion(id).type()) {
            case "INTEGER" -> {
                try {
                    return json.numberNode(Integer.parseInt(text));
                } catch (NumberFormatException e) {
                    throw ApiException.invalid("invalid_value", id, "« " + text + " » n'est pas un nombre entier.");
                }
            }
            case "BOOLEAN" -> {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "vrai", "oui", "1" -> json.booleanNode(true);
                    case "false", "faux", "non", "0" -> json.booleanNode(false);
                    default -> throw ApiException.invalid("invalid_value", id, "« " + text + " » : écrivez oui ou non.");
                };
            }
            default -> {
                return json.textNode(text.toUpperCase(Locale.ROOT));
            }
        }
    }
}
