package fr.ecole.lending.pages;

import java.util.List;

/**
 * A family's referrals ({@code /orientations?famille=}): the help beyond devices it was sent to, what
 * came of each, and the form that proposes another. Names only what the family's desk or social
 * worker already sees.
 */
public final class ReferralsView extends PageView {
    /** One choice of a list: a kind of help. */
    public record Choice(String value, String label, boolean chosen) {
    }

    /** A next status offered for an open referral, as a button whose name says which referral it moves. */
    public record Step(String status, String label) {
    }

    public record Line(long id, String kind, String to, String note, String status, String dates, List<Step> steps) {
    }

    /** What the form held: kept as typed when it is refused. */
    public record Typed(String kind, String to, String note) {
        static final Typed EMPTY = new Typed("", "", "");
    }

    private final Long familyId;
    private final String familyName;
    private final String backHref;
    private final String backLabel;
    private final boolean alternativeAccess;
    private final List<Line> referrals;
    private final List<Choice> kinds;
    private final Typed typed;
    private final DeskView.Outcome outcome;
    private final String errorField;

    ReferralsView(BrowserSession.SignedIn signedIn, Long familyId, String familyName, String backHref, String backLabel,
                  boolean alternativeAccess, List<Line> referrals, List<Choice> kinds, Typed typed,
                  DeskView.Outcome outcome, String errorField) {
        super("orientations.ftlh", familyName == null ? "Orientations" : "Orientations de " + familyName,
                signedIn.user(), signedIn.csrf());
        this.familyId = familyId;
        this.familyName = familyName;
        this.backHref = backHref;
        this.backLabel = backLabel;
        this.alternativeAccess = alternativeAccess;
        this.referrals = referrals;
        this.kinds = kinds;
        this.typed = typed;
        this.outcome = outcome;
        this.errorField = errorField;
    }

    /** Null when no family of the caller's reach was named: the page then says so, and nothing else. */
    public Long getFamilyId() {
        return familyId;
    }

    public String getFamilyName() {
        return familyName;
    }

    public String getBackHref() {
        return backHref;
    }

    public String getBackLabel() {
        return backLabel;
    }

    /** The family's latest diagnostic found that no device solves its access: a referral is the answer. */
    public boolean isAlternativeAccess() {
        return alternativeAccess;
    }

    public List<Line> getReferrals() {
        return referrals;
    }

    public List<Choice> getKinds() {
        return kinds;
    }

    public Typed getTyped() {
        return typed;
    }

    public DeskView.Outcome getOutcome() {
        return outcome;
    }

    /** The form's field the last refusal was about ({@code type}, {@code vers}, {@code remarque}), or empty. */
    public String getErrorField() {
        return errorField == null ? "" : errorField;
    }
}
