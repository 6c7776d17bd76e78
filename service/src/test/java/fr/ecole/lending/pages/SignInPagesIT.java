package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Signing in and out of the pages, in a real browser, with the keyboard only. */
@Tag("sqlite-only")
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class SignInPagesIT {
    static final String PASSWORD = PageSteps.PASSWORD;
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static Api api;

    @BeforeAll
    static void desk() {
        api = new Api(APP);
        for (String name : List.of("pret.connexion", "pret.retenu", "pret.desactive", "pret.reinitialise")) {
            PageSteps.user(api, name, "DESK", List.of(COLLEGE), null);
        }
        PageSteps.user(api, "cd.territoire", "COLLECTIVITY", null, "departement:035");
    }

    @BeforeEach
    void signedOut() {
        BROWSER.driver().manage().deleteAllCookies();
        BROWSER.open(base() + "/connexion");
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    /** Types the name and the password into the sign-in form the page opened with, and presses Enter. */
    static void signIn(String name, String password) {
        // the field takes the focus as the page settles (autofocus), which a busy machine can delay past the load
        BROWSER.waiting().until(driver -> "identifiant".equals(BROWSER.focused().getAttribute("id")));
        BROWSER.type(name, Keys.TAB);
        BROWSER.type(password, Keys.ENTER);
    }

    @Test
    void aDeskSignsInWithTheKeyboardAndComesBackToThePageItAskedFor() {
        BROWSER.open(base() + "/poste");
        BROWSER.waiting().until(ExpectedConditions.urlContains("/connexion?retour="));
        assertThat(BROWSER.find("html").getAttribute("lang")).isEqualTo("fr");
        assertThat(BROWSER.all("h1")).hasSize(1);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshotAt(360, "connexion-360");

        signIn("pret.connexion", PASSWORD);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/poste"));
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");
        assertThat(BROWSER.find("label[for=code]").getText()).startsWith("Scanner une étiquette");
        assertThat(BROWSER.find("header").getText()).contains("pret.connexion");

        Cookie session = BROWSER.driver().manage().getCookieNamed("lending_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat((Object) BROWSER.script("return document.cookie;")).isEqualTo("");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();

        // sign-out, from the keyboard: the button is reached and pressed with Enter
        BROWSER.find("form[action='/deconnexion'] button").sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("/connexion"));
        assertThat(BROWSER.find("[role=status]").getText()).contains("Vous êtes déconnecté");
        BROWSER.open(base() + "/poste");
        assertThat(BROWSER.driver().getCurrentUrl()).contains("/connexion");
    }

    @Test
    void aWrongPasswordSaysSoInAnAlertAndKeepsTheName() {
        signIn("pret.retenu", "pas le bon mot de passe");
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                org.openqa.selenium.By.cssSelector("[role=alert]"), "Identifiant ou mot de passe incorrect"));
        assertThat(BROWSER.find("#identifiant").getAttribute("value")).isEqualTo("pret.retenu");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("mot_de_passe");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("connexion-erreur");

        BROWSER.type(PASSWORD, Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/poste"));
    }

    @Test
    void aNameMadeOfMarkupComesBackAsText() {
        String hostile = "<img src=x onerror=alert(1)>";
        signIn(hostile, "n'importe quoi");
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(org.openqa.selenium.By.cssSelector("[role=alert] p")));
        assertThat(BROWSER.find("#identifiant").getAttribute("value")).isEqualTo(hostile);
        assertThat(BROWSER.all("img[src=x]")).isEmpty();
    }

    @Test
    void aPageOfAnotherRoleAnswers403WithAWayBack() throws Exception {
        signIn("pret.connexion", PASSWORD);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/poste"));
        BROWSER.open(base() + "/territoire");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Accès refusé");
        assertThat(BROWSER.find("main a").getAttribute("href")).endsWith("/poste");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        // a page without a field to fill: the first Tab reaches the skip link, which leads to the content
        new Actions(BROWSER.driver()).sendKeys(Keys.TAB).perform();
        assertThat(BROWSER.focused().getAttribute("textContent")).isEqualTo("Aller au contenu");
        BROWSER.type(Keys.ENTER);
        assertThat(BROWSER.driver().getCurrentUrl()).endsWith("#contenu");
        assertThat(BROWSER.focused().getTagName()).isEqualTo("main");
        String cookie = PageSteps.sessionCookie(BROWSER);
        assertThat(http("GET", "/territoire", cookie, null).statusCode()).isEqualTo(403);
        assertThat(http("GET", "/admin", cookie, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aCollectivityLandsOnItsOwnPage() {
        signIn("cd.territoire", PASSWORD);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/territoire"));
        assertThat(BROWSER.all("form[action='/deconnexion'] button")).extracting(b -> b.getText())
                .containsExactly("Se déconnecter");
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndChangesNothing() throws Exception {
        signIn("pret.connexion", PASSWORD);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/poste"));
        String cookie = PageSteps.sessionCookie(BROWSER);

        HttpResponse<String> forged = http("POST", "/deconnexion", cookie, "csrf=forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Formulaire expiré");
        assertThat(http("POST", "/deconnexion", cookie, "").statusCode()).isEqualTo(403);
        // the session did not end
        assertThat(http("GET", "/poste", cookie, null).statusCode()).isEqualTo(200);

        // a sign-in posted from elsewhere, without the form's own cookie, opens no session
        HttpResponse<String> signIn = http("POST", "/connexion", null,
                "identifiant=pret.connexion&mot_de_passe=" + PASSWORD.replace(' ', '+'));
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(signIn.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("lending_session=")
                && !c.startsWith("lending_session=;"));
    }

    @Test
    void theApiDoesNotTakeThePagesCookie() throws Exception {
        signIn("pret.connexion", PASSWORD);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/poste"));
        String cookie = PageSteps.sessionCookie(BROWSER);
        assertThat(http("GET", "/api/establishments/" + COLLEGE + "/devices", cookie, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aDeactivatedUsersSessionEndsAtOnce() {
        signIn("pret.desactive", PASSWORD);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/poste"));
        long id = userId("pret.desactive");
        api.post("/api/users/" + id + "/deactivation", Map.of()).expect(200);
        BROWSER.open(base() + "/poste");
        assertThat(BROWSER.driver().getCurrentUrl()).contains("/connexion");
    }

    @Test
    void aPasswordResetEndsTheSessionsItOpened() throws Exception {
        signIn("pret.reinitialise", PASSWORD);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/poste"));
        long id = userId("pret.reinitialise");
        api.send("PUT", "/api/users/" + id + "/password", HttpRequest.BodyPublishers.ofString(
                "{\"password\": \"un tout autre mot de passe\"}"), "Content-Type", "application/json");
        BROWSER.open(base() + "/poste");
        assertThat(BROWSER.driver().getCurrentUrl()).contains("/connexion");
    }

    static long userId(String name) {
        return api.get("/api/users?limit=100").json().path("items").findParents("name").stream()
                .filter(user -> name.equals(user.path("name").asText())).findFirst().orElseThrow()
                .path("id").asLong();
    }

    @Test
    void anAddressThatIsNoPageAnswersAPageAndTheApiKeepsItsShape() throws Exception {
        BROWSER.open(base() + "/nulle-part");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Page introuvable");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        HttpResponse<String> api = http("GET", "/api/nulle-part", null, null);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = http("GET", "/connexion", null, null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.body()).doesNotContain("<script>").doesNotContainPattern(" on[a-z]+=");
        HttpResponse<String> css = http("GET", "/static/dsfr/1.15.3/dsfr.min.css", null, null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    static HttpResponse<String> http(String method, String path, String cookie, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        request.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
