package fr.ecole.lending.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.diagnostics.Criteria;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.DiagnosticView;
import fr.ecole.lending.diagnostics.EligibilityCheck;
import fr.ecole.lending.diagnostics.NewDiagnostic;
import fr.ecole.lending.diagnostics.WaitingFamily;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PageRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The social worker's page: the eligibility form made from the criteria in force, the decision it
 * gives (stored nowhere, or recorded for a family of the territory), the territory's families and its
 * waiting list. It calls the services the API's resources call, so scopes are decided there.
 */
final class Social {
    /** The second control of a scholarship: its echelon, beside the level named by the criterion's id. */
    static final String ECHELON = ".echelon";

    private final FamilyService families;
    private final DiagnosticService diagnostics;

    Social(FamilyService families, DiagnosticService diagnostics) {
        this.families = families;
        this.diagnostics = diagnostics;
    }

    /** What the form held when it was sent: each control's value by name, kept to show again. */
    record Typed(Map<String, String> values, String uai, Long familyId) {
        static Typed empty() {
            return new Typed(Map.of(), "", null);
        }
    }

    /** The page as asked: the search {@code query}, the family chosen, the form as typed, and what was decided. */
    SocialView view(BrowserSession.SignedIn signedIn, String query, Long familyId, Typed typed, SocialView.Outcome outcome) {
        User user = signedIn.user();
        List<SocialView.FamilyLine> found = new ArrayList<>();
        if (query != null && !query.isBlank()) {
            for (Family family : families.search(user, query, new PageRequest(20, 0)).items()) {
                found.add(line(family));
            }
        }
        SocialView.FamilyLine chosen = null;
        String uai = typed.uai();
        boolean familyMissing = false;
        if (familyId != null) {
            try {
                Family family = families.get(user, familyId);
                chosen = line(family);
                if (uai.isBlank() && !family.pupils().isEmpty()) {
                    uai = family.pupils().get(0).uai();
                }
            } catch (ApiException unknown) {
                // another territory's family is not found, exactly as a number no family has
                familyMissing = true;
                outcome = SocialView.Outcome.refused(unknown.getMessage());
            }
        }
        List<SocialView.Waiting> waiting = new ArrayList<>();
        for (WaitingFamily family : diagnostics.territoryWaitingList(user, new PageRequest(PageRequest.MAX_LIMIT, 0)).items()) {
            waiting.add(new SocialView.Waiting(family.rank(), family.familyId(), family.guardianName(),
                    SocialView.number(family.priority()),
                    String.join(", ", family.needs().stream().map(DeskWords::needLabel).toList()),
                    DeskScans.DATE.format(family.requestedAt().atZone(ZoneId.of("Europe/Paris")).toLocalDate())));
        }
        return new SocialView(signedIn, query == null ? "" : query, found, chosen, familyMissing, questions(typed.values()),
                uai, outcome, waiting);
    }

    /** The decision for the answers typed, stored nowhere. */
    SocialView.Outcome check(Typed typed) {
        try {
            return SocialView.Outcome.of(diagnostics.check(new EligibilityCheck(answers(typed.values()), typed.uai(), null)),
                    false);
        } catch (ApiException refused) {
            return SocialView.Outcome.refused(refused.getMessage());
        }
    }

    /** The decision for the answers typed, recorded as the chosen family's diagnostic. */
    SocialView.Outcome record(User user, Typed typed) {
        if (typed.familyId() == null) {
            return SocialView.Outcome.refused("Choisissez d'abord la famille (Rechercher une famille) : "
                    + "sans famille, « Vérifier l'éligibilité » donne la décision sans l'enregistrer.");
        }
        try {
            return SocialView.Outcome.of(diagnostics.record(user, typed.familyId(), new NewDiagnostic(answers(typed.values()))),
                    true);
        } catch (ApiException refused) {
            return SocialView.Outcome.refused(refused.getMessage());
        }
    }

    /**
     * The answers as the API takes them, from the form's controls: numbers and booleans as such, lists'
     * values as text; a control left empty is no answer (the criteria say which are required). What
     * cannot be read is passed as typed, for the criteria's check to name the field.
     */
    ObjectNode answers(Map<String, String> values) {
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        for (Criteria.Criterion criterion : diagnostics.criteria().criteria().values()) {
            String raw = values.getOrDefault(criterion.id(), "").strip();
            if (!criterion.isAnswer() || raw.isEmpty()) {
                continue;
            }
            if ("SCHOLARSHIP".equals(criterion.type())) {
                answers.putObject(criterion.id()).put("level", raw)
                        .set("echelon", number(values.getOrDefault(criterion.id() + ECHELON, "").strip()));
            } else {
                answers.set(criterion.id(), answer(criterion.type(), raw));
            }
        }
        return answers;
    }

    /**
     * A control's text as the API's answer of a criterion of {@code type}: a number, true or false, or a
     * list's value; what cannot be read is passed as typed, for the criteria's check to name the field.
     */
    static JsonNode answer(String type, String raw) {
        return switch (type) {
            case "INTEGER" -> number(raw);
            case "BOOLEAN" -> "true".equals(raw) || "false".equals(raw)
                    ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(raw)) : JsonNodeFactory.instance.textNode(raw);
            default -> JsonNodeFactory.instance.textNode(raw);
        };
    }

    /** A count as typed: a number, or the text itself for the criteria's check to say a number is wanted. */
    private static JsonNode number(String raw) {
        try {
            return JsonNodeFactory.instance.numberNode(Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(raw);
        }
    }

    /** The form's questions, in the criteria's order, with what was typed. */
    private List<SocialView.Question> questions(Map<String, String> values) {
        List<SocialView.Question> questions = new ArrayList<>();
        for (Criteria.Criterion criterion : diagnostics.criteria().criteria().values()) {
            if (!criterion.isAnswer()) {
                continue;
            }
            String value = values.getOrDefault(criterion.id(), "");
            List<SocialView.Option> options = new ArrayList<>();
            switch (criterion.type()) {
                case "BOOLEAN" -> {
                    options.add(new SocialView.Option("true", "Oui", "true".equals(value)));
                    options.add(new SocialView.Option("false", "Non", "false".equals(value)));
                }
                case "ENUM" -> criterion.values().forEach(v -> options.add(
                        new SocialView.Option(v, criterion.valueLabel(v), v.equals(value))));
                case "SCHOLARSHIP" -> {
                    options.add(new SocialView.Option("", "Pas de bourse", value.isEmpty()));
                    criterion.echelons().keySet().forEach(level -> options.add(new SocialView.Option(level,
                            "COLLEGE".equals(level) ? "Collège" : "LYCEE".equals(level) ? "Lycée" : level, level.equals(value))));
                }
                default -> {
                }
            }
            questions.add(new SocialView.Question(criterion.id(), criterion.type(), criterion.label(), criterion.required(),
                    criterion.min(), criterion.max(), options, value, values.getOrDefault(criterion.id() + ECHELON, ""),
                    criterion.echelons() == null ? Map.of() : new LinkedHashMap<>(criterion.echelons()),
                    "RESTRICTED".equals(criterion.visibleTo())));
        }
        return questions;
    }

    private static SocialView.FamilyLine line(Family family) {
        return new SocialView.FamilyLine(family.id(), DeskWords.guardian(family), family.communeInsee(),
                DeskWords.pupils(family));
    }

    /** The decision, as {@link DiagnosticView} gives it, for the page. */
    static List<String> needs(DiagnosticView decision) {
        return decision.needs().stream().map(DeskWords::needLabel).toList();
    }
}
