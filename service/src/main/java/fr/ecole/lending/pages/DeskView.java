package fr.ecole.lending.pages;

/** The desk: the scan field and the answer to the last scan. */
public final class DeskView extends PageView {
    private final DeskScans.Answer answer;

    DeskView(BrowserSession.SignedIn signedIn, DeskScans.Answer answer) {
        super("poste.ftlh", "Poste de prêt", signedIn.user(), signedIn.csrf());
        this.answer = answer;
    }

    public DeskScans.Answer getAnswer() {
        return answer;
    }
}
