package fr.ecole.lending.pages;

/** The sign-in form: what was typed comes back with the message, never the password. */
public final class SignInView extends PageView {
    private final String backTo;
    private final String name;
    private final String notice;
    private final String error;

    SignInView(String formToken, String backTo, String name, String notice, String error) {
        super("connexion.ftlh", "Connexion", null, formToken);
        this.backTo = backTo;
        this.name = name;
        this.notice = notice;
        this.error = error;
    }

    public String getBackTo() {
        return backTo;
    }

    public String getName() {
        return name;
    }

    public String getNotice() {
        return notice;
    }

    public String getError() {
        return error;
    }
}
