package fr.ecole.lending.pages;

/** Why a page is not shown: answered by {@link PageExceptionMapper} with a page, never the API's JSON. */
abstract class PageException extends RuntimeException {
    private PageException(String message) {
        super(message, null, false, false);
    }

    /** Nobody is signed in: to the sign-in page, then back to {@code backTo}. */
    static final class SignInFirst extends PageException {
        final String backTo;

        SignInFirst(String backTo) {
            super("sign in first");
            this.backTo = backTo;
        }
    }

    /** The page is for another role: a 403 page that says so. */
    static final class Forbidden extends PageException {
        final BrowserSession.SignedIn signedIn;

        Forbidden(BrowserSession.SignedIn signedIn) {
            super("another role's page");
            this.signedIn = signedIn;
        }
    }

    /** A form without its session's token (forged, or from before a new sign-in): nothing was changed. */
    static final class StaleForm extends PageException {
        final BrowserSession.SignedIn signedIn;

        StaleForm(BrowserSession.SignedIn signedIn) {
            super("form without its token");
            this.signedIn = signedIn;
        }
    }

    /** A form names a school the user does not work for: refused as the API refuses it, nothing changed. */
    static final class OutsideScope extends PageException {
        final BrowserSession.SignedIn signedIn;
        final String school;

        OutsideScope(BrowserSession.SignedIn signedIn, String school) {
            super("a school outside the user's scope");
            this.signedIn = signedIn;
            this.school = school;
        }
    }
}
