package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.HandoverService;
import java.util.List;

/** Between loans: the devices to wipe, those in repair, and the agreements overdue, for one school. */
public final class BetweenLoansView extends PageView {
    public record DeviceLine(String assetTag, String kind, String model) {
    }

    public record OverdueLine(String number, String guardian, String dueDate, String contact, String pdfHref) {
    }

    /**
     * An e-mail or SMS to a family: what it is, to whom, and where it stands (waiting, sent when, given up:
     * {@code failed}, which the desk may send again unless the family was erased).
     */
    public record MessageLine(long id, String channel, String subject, String recipient, String queued, String state,
                              int attempts, boolean failed) {
    }

    /** An agreement whose pupils all left the school with devices still out, and the schools they attend now. */
    public record OfferLine(String number, String guardian, String dueDate, List<HandoverService.School> newSchools) {
    }

    /** A device of another school's pool held here: whose it is, and the agreement it is out under here. */
    public record HeldLine(String assetTag, String kind, String owner, String agreement) {
    }

    private final String school;
    private final String schoolName;
    private final DeskView.Outcome outcome;
    private final List<DeviceLine> toWipe;
    private final List<DeviceLine> inRepair;
    private final List<OverdueLine> overdue;
    private final List<MessageLine> messages;
    private final List<OfferLine> offers;
    private final List<HeldLine> held;

    BetweenLoansView(BrowserSession.SignedIn signedIn, String school, String schoolName, DeskView.Outcome outcome,
                     List<DeviceLine> toWipe, List<DeviceLine> inRepair, List<OverdueLine> overdue,
                     List<MessageLine> messages, List<OfferLine> offers, List<HeldLine> held) {
        super("suivi.ftlh", "Entre les prêts", signedIn.user(), signedIn.csrf());
        this.school = school;
        this.schoolName = schoolName;
        this.outcome = outcome;
        this.toWipe = toWipe;
        this.inRepair = inRepair;
        this.overdue = overdue;
        this.messages = messages;
        this.offers = offers;
        this.held = held;
    }

    public List<OfferLine> getOffers() {
        return offers;
    }

    public List<HeldLine> getHeld() {
        return held;
    }

    public String getSchool() {
        return school;
    }

    public String getSchoolName() {
        return schoolName;
    }

    public DeskView.Outcome getOutcome() {
        return outcome;
    }

    public List<DeviceLine> getToWipe() {
        return toWipe;
    }

    public List<DeviceLine> getInRepair() {
        return inRepair;
    }

    public String getLabelSheetHref() {
        return school == null ? null : PoolResource.labelSheet(school, List.of());
    }

    public List<OverdueLine> getOverdue() {
        return overdue;
    }

    /** The school's latest e-mails and SMS to families, newest first. */
    public List<MessageLine> getMessages() {
        return messages;
    }
}
