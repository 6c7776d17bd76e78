package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import java.util.List;

/**
 * A desk page of one school (the pool, the surveys): the school chosen, and the answer to the last
 * form sent, shown in the live region of that form's section ({@code place}), with the problems of a
 * file refused, one a line. {@code V}: the page itself, so that the steps that set it chain.
 */
public abstract class SchoolPageView<V extends SchoolPageView<V>> extends PageView {
    private final String school;
    private final String schoolName;
    private DeskView.Outcome outcome;
    private List<String> problems = List.of();
    private String place = "";

    protected SchoolPageView(String template, String title, BrowserSession.SignedIn signedIn, String school,
                             String schoolName) {
        super(template, title, signedIn.user(), signedIn.csrf());
        this.school = school;
        this.schoolName = schoolName;
    }

    abstract V self();

    /** What the last action answered, for the live region; {@code lines}: the problems of a file refused. */
    V answered(DeskView.Outcome answer, List<String> lines) {
        this.outcome = answer;
        this.problems = lines;
        return self();
    }

    /** Where the answer shows: beside the form that was sent, or at the top ({@code ""}). */
    V at(String form) {
        this.place = form;
        return self();
    }

    public String getSchool() {
        return school;
    }

    /** An administrator works for any school: they type the one whose page to see. */
    public boolean isSchoolTyped() {
        return user().role() == Role.ADMIN;
    }

    public String getSchoolName() {
        return schoolName;
    }

    public DeskView.Outcome getOutcome() {
        return outcome;
    }

    /** The form whose section shows the answer ("" for the top of the page). */
    public String getPlace() {
        return place;
    }

    public List<String> getProblems() {
        return problems;
    }
}
