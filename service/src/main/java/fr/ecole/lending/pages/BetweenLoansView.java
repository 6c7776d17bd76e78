package fr.ecole.lending.pages;

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

    private final String school;
    private final String schoolName;
    private final DeskView.Outcome outcome;
    private final List<DeviceLine> toWipe;
    private final List<DeviceLine> inRepair;
    private final List<OverdueLine> overdue;
    private final List<MessageLine> messages;

    BetweenLoansView(BrowserSession.SignedIn signedIn, String school, String schoolName, DeskView.Outcome outcome,
                     List<DeviceLine> toWipe, List<DeviceLine> inRepair, List<OverdueLine> overdue,
                     List<MessageLine> messages) {
        super("suivi.ftlh", "Entre les prêts", signedIn.user(), signedIn.csrf());
        this.school = school;
        this.schoolName = schoolName;
        this.outcome = outcome;
        this.toWipe = toWipe;
        this.inRepair = inRepair;
        this.overdue = overdue;
        this.messages = messages;
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
