package fr.ecole.lending.pages;

import fr.ecole.lending.diagnostics.DiagnosticView;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The social worker's page, {@code /social}: families, the eligibility form, its decision, the waiting list. */
public final class SocialView extends PageView {
    /** A family found or chosen: guardian, commune and pupils, never more. */
    public record FamilyLine(long id, String name, String commune, List<String> pupils) {
    }

    /** One value of a question: radio buttons for a list or yes/no, options for a scholarship's level. */
    public record Option(String value, String label, boolean chosen) {
    }

    /**
     * One criterion as a question: its id names the control (UI.md); {@code restricted} when the rules
     * show its answer to few people (said beside it).
     */
    public record Question(String id, String type, String label, boolean required, Integer min, Integer max,
                           List<Option> options, String value, String echelon, Map<String, Integer> echelons,
                           boolean restricted) {
    }

    /** A household waiting for devices, by priority. */
    public record Waiting(int rank, long familyId, String name, String priority, String needs, String requested) {
    }

    /** What the form gave: the decision (checked or recorded), or a refusal saying what to do. */
    public record Outcome(boolean refused, String message, boolean eligible, boolean recorded, String priority,
                          List<String> needs, List<String> reasons, String criteriaVersion) {
        static Outcome refused(String message) {
            return new Outcome(true, message, false, false, null, List.of(), List.of(), null);
        }

        static Outcome of(DiagnosticView decision, boolean recorded) {
            return new Outcome(false, null, decision.eligible(), recorded, number(decision.priority()),
                    Social.needs(decision), decision.reasons().stream().map(reason -> reason.effect()).toList(),
                    decision.criteriaVersion());
        }
    }

    private final String query;
    private final List<FamilyLine> found;
    private final FamilyLine chosen;
    private final boolean familyMissing;
    private final List<Question> questions;
    private final String uai;
    private final Outcome outcome;
    private final List<Waiting> waiting;

    SocialView(BrowserSession.SignedIn signedIn, String query, List<FamilyLine> found, FamilyLine chosen,
               boolean familyMissing, List<Question> questions, String uai, Outcome outcome, List<Waiting> waiting) {
        super("social.ftlh", "Familles et éligibilité", signedIn.user(), signedIn.csrf());
        this.query = query;
        this.found = found;
        this.chosen = chosen;
        this.familyMissing = familyMissing;
        this.questions = questions;
        this.uai = uai;
        this.outcome = outcome;
        this.waiting = waiting;
    }

    /** A priority score as the French write it: 4,5. */
    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.FRANCE, "%.1f", value);
    }

    /** The territory in words: "département 035", or every one for an administrator. */
    public String getTerritory() {
        return territoryWords(user().territory(), "tous les territoires");
    }

    public String getQuery() {
        return query;
    }

    public boolean isSearched() {
        return !query.isBlank();
    }

    public List<FamilyLine> getFound() {
        return found;
    }

    public FamilyLine getChosen() {
        return chosen;
    }

    /** The family asked for is none the user may see: the page answers 404. */
    boolean familyMissing() {
        return familyMissing;
    }

    public List<Question> getQuestions() {
        return questions;
    }

    public String getUai() {
        return uai;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public List<Waiting> getWaiting() {
        return waiting;
    }
}
