package fr.ecole.lending.pages;

import java.util.List;

/** A school's pool: its devices, by status, found by tag, serial or model. */
public final class PoolView extends PageView {
    public record Status(String value, String label, boolean chosen) {
    }

    public record Line(String assetTag, String kind, String model, String serial, String status) {
    }

    private final String school;
    private final String schoolName;
    private final List<Status> statuses;
    private final String query;
    private final List<Line> devices;
    private final boolean cut;

    PoolView(BrowserSession.SignedIn signedIn, String school, String schoolName, List<Status> statuses, String query,
             List<Line> devices, boolean cut) {
        super("parc.ftlh", "Parc de l'établissement", signedIn.user(), signedIn.csrf());
        this.school = school;
        this.schoolName = schoolName;
        this.statuses = statuses;
        this.query = query;
        this.devices = devices;
        this.cut = cut;
    }

    public String getSchool() {
        return school;
    }

    public String getSchoolName() {
        return schoolName;
    }

    public List<Status> getStatuses() {
        return statuses;
    }

    public String getQuery() {
        return query;
    }

    public List<Line> getDevices() {
        return devices;
    }

    /** More devices than one page shows: the filter narrows them. */
    public boolean isCut() {
        return cut;
    }
}
