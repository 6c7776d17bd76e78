package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.BodyText;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A household's answers, checked against one version of the criteria: every answer it lists is
 * required but the optional ones, no other key is accepted (no income, no nationality, no medical
 * detail can slip in), and each value is of its criterion's type and range.
 */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scholarship: its level (COLLEGE or LYCEE) and echelon. */
    public record Scholarship(String level, int echelon) {
    }

    private final Map<String, Object> values;

    private Answers(Map<String, Object> values) {
        this.values = values;
    }

    /** For tests and tools: answers already known to be valid. */
    static Answers of(Map<String, Object> values) {
        return new Answers(new LinkedHashMap<>(values));
    }

    public static Answers check(Criteria criteria, JsonNode sent) {
        return check(criteria, sent, Criteria.Criterion::isAnswer, "une réponse des critères version " + criteria.version());
    }

    /**
     * The answers to {@code asked} only, each of them checked as a diagnostic checks it: any other
     * key, a criterion of the file included, is refused (a survey asks about equipment and connection,
     * never about income or a scholarship).
     */
    public static Answers checkOnly(Criteria criteria, JsonNode sent, Set<String> asked) {
        return check(criteria, sent, criterion -> criterion.isAnswer() && asked.contains(criterion.id()),
                "une question de l'enquête");
    }

    private static Answers check(Criteria criteria, JsonNode sent, Predicate<Criteria.Criterion> asked, String what) {
        if (sent == null || sent.isNull() || sent.isMissingNode()) {
            throw ApiException.invalid("missing_value", "answers", "Les réponses (« answers ») sont requises.");
        }
        if (!sent.isObject()) {
            throw ApiException.invalid("invalid_value", "answers", "« answers » doit être un objet : identifiant du critère → réponse.");
        }
        BodyText.visible(sent, "answers");
        for (Iterator<String> names = sent.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Criteria.Criterion criterion = criteria.criterion(name);
            if (criterion == null || !asked.test(criterion)) {
                throw ApiException.invalid("unknown_criterion", "answers." + name, "« " + name
                        + " » n'est pas " + what + " : retirez-la.");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Criteria.Criterion criterion : criteria.criteria().values()) {
            if (!asked.test(criterion)) {
                continue;
            }
            String field = "answers." + criterion.id();
            JsonNode value = sent.get(criterion.id());
            if (value == null || value.isNull()) {
                if (criterion.required()) {
                    throw ApiException.invalid("missing_value", field, "La réponse « " + criterion.id() + " » est requise.");
                }
                continue;
            }
            values.put(criterion.id(), read(criterion, value, field));
        }
        return new Answers(values);
    }

    private static Object read(Criteria.Criterion criterion, JsonNode value, String field) {
        switch (criterion.type()) {
            case "INTEGER" -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw ApiException.invalid("invalid_value", field, "« " + criterion.id() + " » est un nombre entier.");
                }
                int number = value.intValue();
                if ((criterion.min() != null && number < criterion.min()) || (criterion.max() != null && number > criterion.max())) {
                    throw ApiException.invalid("out_of_range", field, "« " + criterion.id() + " » doit être compris entre "
                            + criterion.min() + " et " + criterion.max() + ".");
                }
                return number;
            }
            case "BOOLEAN" -> {
                if (!value.isBoolean()) {
                    throw ApiException.invalid("invalid_value", field, "« " + criterion.id() + " » vaut true ou false.");
                }
                return value.booleanValue();
            }
            case "ENUM" -> {
                if (!value.isTextual() || !criterion.values().contains(value.textValue())) {
                    throw ApiException.invalid("invalid_value", field, "« " + criterion.id() + " » vaut l'une de : "
                            + String.join(", ", criterion.values()) + ".");
                }
                return value.textValue();
            }
            case "SCHOLARSHIP" -> {
                return scholarship(criterion, value, field);
            }
            default -> throw new IllegalStateException("unknown criterion type " + criterion.type());
        }
    }

    private static Scholarship scholarship(Criteria.Criterion criterion, JsonNode value, String field) {
        if (!value.isObject()) {
            throw ApiException.invalid("invalid_value", field, "« scholarship » est un objet {\"level\", \"echelon\"}.");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("level") && !name.equals("echelon")) {
                throw ApiException.invalid("unknown_field", field + "." + name, "« " + name + " » n'est pas reconnu : "
                        + "une bourse n'a qu'un niveau et un échelon.");
            }
        }
        JsonNode level = value.get("level");
        if (level == null || !level.isTextual() || !criterion.echelons().containsKey(level.textValue())) {
            throw ApiException.invalid("invalid_value", field + ".level", "Le niveau de la bourse vaut l'un de : "
                    + String.join(", ", criterion.echelons().keySet()) + ".");
        }
        int top = criterion.echelons().get(level.textValue());
        JsonNode echelon = value.get("echelon");
        if (echelon == null || !echelon.isIntegralNumber() || !echelon.canConvertToInt()
                || echelon.intValue() < 1 || echelon.intValue() > top) {
            throw ApiException.invalid("out_of_range", field + ".echelon", "L'échelon d'une bourse de niveau "
                    + level.textValue() + " va de 1 à " + top + ".");
        }
        return new Scholarship(level.textValue(), echelon.intValue());
    }

    public int integer(String id) {
        return (Integer) values.get(id);
    }

    public boolean flag(String id) {
        return Boolean.TRUE.equals(values.get(id));
    }

    public String choice(String id) {
        return (String) values.get(id);
    }

    public Scholarship scholarship() {
        return (Scholarship) values.get("scholarship");
    }

    public Object value(String id) {
        return values.get(id);
    }

    /** The answers as JSON, for storage; {@code withoutRestricted} drops the answers few may read. */
    public ObjectNode toJson(Criteria criteria, boolean withoutRestricted) {
        ObjectNode out = JSON.createObjectNode();
        values.forEach((id, value) -> {
            Criteria.Criterion criterion = criteria.criterion(id);
            if (!(withoutRestricted && criterion != null && criterion.isRestricted())) {
                out.set(id, JSON.valueToTree(value));
            }
        });
        return out;
    }
}
