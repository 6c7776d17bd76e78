package fr.ecole.lending.pages;

import java.util.List;

/** The desk: the scan field, what the last action did, the loan in progress and a return to record. */
public final class DeskView extends PageView {
    /** What the last action did, for the live region: {@code kind} is success, info or error. */
    public record Outcome(String kind, String text, List<Link> links) {
        static Outcome info(String text) {
            return new Outcome("info", text, List.of());
        }

        static Outcome success(String text, Link... links) {
            return new Outcome("success", text, List.of(links));
        }

        static Outcome error(String text) {
            return new Outcome("error", text, List.of());
        }

        public boolean isError() {
            return "error".equals(kind);
        }
    }

    public record Link(String label, String href) {
    }

    public record School(String uai, String name, boolean chosen) {
    }

    public record FamilyChoice(String name, String detail, String href) {
    }

    public record Eligibility(boolean known, boolean eligible, boolean expired, String expires, String criteriaVersion,
                              List<String> reasons, List<String> needs) {
    }

    public record FamilyCard(long id, String name, String phone, List<String> pupils, Eligibility eligibility) {
    }

    public record BundleLine(String assetTag, String kind, String removeHref) {
    }

    /** The loan being prepared: its family, its devices, the form's values (as typed, after an error too). */
    public record Loan(FamilyCard family, List<BundleLine> bundle, String dueDate, String reason,
                       boolean reasonRequired, String reasonHint) {
    }

    /**
     * A device on loan just scanned: the return to record, with what was typed after an error; or, when
     * {@code replacement} is not null, its swap for that device (as typed so far).
     */
    public record ReturnForm(String assetTag, String kind, String agreementNumber, String guardian,
                             List<String> accessories, String condition, List<String> missing, String note,
                             String replacement) {
        public boolean isSwap() {
            return replacement != null;
        }

        public boolean isMissing(String accessory) {
            return missing.contains(accessory);
        }
    }

    /**
     * An agreement to hand to the pupil's new school: the devices still out (ticked to go), the other schools
     * of the family's pupils, and what was typed (after a refusal too).
     */
    public record HandoverForm(String number, List<HandoverDevice> devices, List<School> schools, String toUai,
                               boolean keep) {
    }

    public record HandoverDevice(String assetTag, String kind, boolean chosen) {
    }

    /** The agreement scanned: the form to hand it to another school (or null), and its handovers' amendments. */
    public record Handovers(HandoverForm form, List<Link> amendments) {
    }

    /** An agreement to sign: its number, who signs (the guardian by default), and whether on screen. */
    public record Signing(String number, String signer, boolean onScreen) {
    }

    private final DeskState state;
    private final List<School> schools;
    private final boolean schoolTyped;
    private final Outcome outcome;
    private final DeskScans.Answer answer;
    private final String query;
    private final List<FamilyChoice> results;
    private final Loan loan;
    private final ReturnForm returnForm;
    private final Signing signing;
    private final Handovers handovers;

    DeskView(BrowserSession.SignedIn signedIn, DeskState state, List<School> schools, boolean schoolTyped,
             Outcome outcome, DeskScans.Answer answer, String query, List<FamilyChoice> results, Loan loan,
             ReturnForm returnForm, Signing signing, Handovers handovers) {
        super("poste.ftlh", "Poste de prêt", signedIn.user(), signedIn.csrf());
        this.state = state;
        this.schools = schools;
        this.schoolTyped = schoolTyped;
        this.outcome = outcome;
        this.answer = answer;
        this.query = query;
        this.results = results;
        this.loan = loan;
        this.returnForm = returnForm;
        this.signing = signing;
        this.handovers = handovers;
    }

    public Handovers getHandovers() {
        return handovers;
    }

    public Signing getSigning() {
        return signing;
    }

    public String getSchool() {
        return state.school();
    }

    public Long getFamily() {
        return state.family();
    }

    public List<String> getBundle() {
        return state.bundle();
    }

    public String getKey() {
        return state.key();
    }

    public List<School> getSchools() {
        return schools;
    }

    /** An administrator types the school's UAI; a desk of several schools picks one of theirs. */
    public boolean isSchoolTyped() {
        return schoolTyped;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public DeskScans.Answer getAnswer() {
        return answer;
    }

    public String getQuery() {
        return query;
    }

    public List<FamilyChoice> getResults() {
        return results;
    }

    public Loan getLoan() {
        return loan;
    }

    public ReturnForm getReturnForm() {
        return returnForm;
    }

    public String getNewLoanHref() {
        return state.cleared().link();
    }
}
