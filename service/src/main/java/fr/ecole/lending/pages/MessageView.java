package fr.ecole.lending.pages;

/** A page that only says something (a refusal, a page still to come) and links back home. */
public final class MessageView extends PageView {
    private final String message;
    private final String home;

    MessageView(String title, BrowserSession.SignedIn signedIn, String message) {
        super("message.ftlh", title, signedIn == null ? null : signedIn.user(), signedIn == null ? null : signedIn.csrf());
        this.message = message;
        this.home = signedIn == null ? SignInResource.SIGN_IN : SignInResource.home(signedIn.user().role());
    }

    public String getMessage() {
        return message;
    }

    public String getHome() {
        return home;
    }
}
