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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The administrator's page: a desk's user created from the keyboard, its token shown once and working,
 * replaced, its password set, then the user deactivated; a refusal keeps what was typed. The main path
 * runs on PostgreSQL too.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class AdminPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static Api api;

    @BeforeAll
    static void administrator() {
        api = new Api(APP);
        PageSteps.user(api, "admin.pages", "ADMIN", null, null);
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static void press(String button) {
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"" + button + "\"]")).sendKeys(Keys.ENTER);
    }

    static String answer(String expected) {
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), expected));
        return BROWSER.find("#reponse").getText();
    }

    @Test
    void aDesksUserIsCreatedGivenANewTokenAndPasswordThenDeactivated() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/admin", "admin.pages");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Administration");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);

        BROWSER.find("#identifiant").sendKeys("pret.nouveau");
        BROWSER.find("#role-DESK").sendKeys(Keys.SPACE);
        BROWSER.find("#etablissements").sendKeys(COLLEGE);
        BROWSER.find("#mot_de_passe").sendKeys("mot de passe du nouveau poste", Keys.ENTER);
        assertThat(answer("Utilisateur pret.nouveau créé")).contains("avec son mot de passe", "n'est affiché qu'ici");
        String token = BROWSER.find("#jeton").getText();
        assertThat(api.as(token).get("/api/establishments/" + COLLEGE + "/devices").status()).isEqualTo(200);
        assertThat(BROWSER.find("table").getText()).contains("pret.nouveau", "poste de prêt", COLLEGE);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("admin-utilisateur-cree");
        // shown once: the page asked again holds no token
        BROWSER.open(base() + "/admin");
        assertThat(BROWSER.driver().getPageSource()).doesNotContain(token);

        press("Nouveau jeton pour pret.nouveau");
        answer("Nouveau jeton pour pret.nouveau");
        String replaced = BROWSER.find("#jeton").getText();
        assertThat(replaced).isNotEqualTo(token);
        assertThat(api.as(token).get("/api/establishments/" + COLLEGE + "/devices").status()).isEqualTo(401);
        assertThat(api.as(replaced).get("/api/establishments/" + COLLEGE + "/devices").status()).isEqualTo(200);

        long id = api.get("/api/users?limit=500").expect(200).path("items").findParents("name").stream()
                .filter(user -> user.path("name").asText().equals("pret.nouveau")).findFirst().orElseThrow()
                .path("id").asLong();
        BROWSER.find("#mdp-" + id).sendKeys("un autre mot de passe sûr", Keys.ENTER);
        answer("Mot de passe de pret.nouveau enregistré");
        assertThat(api.as(null).post("/api/sessions", Map.of("name", "pret.nouveau", "password", "un autre mot de passe sûr"))
                .status()).isEqualTo(201);

        press("Désactiver pret.nouveau");
        answer("Utilisateur pret.nouveau désactivé");
        assertThat(api.as(replaced).get("/api/establishments/" + COLLEGE + "/devices").status()).isEqualTo(401);
        assertThat(BROWSER.find("table").getText()).contains("désactivé");
        assertThat(BROWSER.all("button")).noneMatch(button -> button.getText().equals("Désactiver pret.nouveau"));
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);

        // the audit log, narrowed to this user: what was done to them, in order
        BROWSER.driver().findElement(By.linkText("Journal d'audit")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("/admin/journal"));
        new org.openqa.selenium.support.ui.Select(BROWSER.find("#entite")).selectByValue("USER");
        BROWSER.find("#id").sendKeys(String.valueOf(id), Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("entite=USER"));
        assertThat(BROWSER.all("tbody tr")).extracting(row -> row.findElements(By.tagName("td")).get(2).getText())
                .containsSubsequence("CREATE", "REPLACE_TOKEN", "SET_PASSWORD", "DEACTIVATE");
        assertThat(BROWSER.find("tbody").getText()).contains("admin.pages").doesNotContain(replaced);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("admin-journal");
    }

    /**
     * The carte scolaire from the form: a file with a broken line is refused whole, naming the line, and
     * changes nothing; set aside on request, the other lines are imported. The same for outlines.
     */
    @Test
    @Tag("sqlite-only")
    void aNationalFileWithABrokenLineIsRefusedWholeUnlessItsLinesAreSetAside() throws Exception {
        java.nio.file.Path file = TestApp.newFolder().resolve("carte.csv");
        java.nio.file.Files.createDirectories(file.getParent());
        java.util.List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                "..", "fixtures", "territory", "fr-en-carte-scolaire-colleges-publics.csv")).subList(0, 40));
        String insee = lines.get(1).split(";")[7];
        // line 41 of the file: a commune code that is none
        lines.add(lines.get(1).replaceFirst("35[0-9]{3}", "XX999"));
        java.nio.file.Files.write(file, lines);
        PageSteps.signInThrough(BROWSER, base(), "/admin", "admin.pages");
        new org.openqa.selenium.support.ui.Select(BROWSER.find("#type-import")).selectByValue("carte-scolaire");
        BROWSER.find("#fichier").sendKeys(file.toAbsolutePath().toString());
        press("Importer le fichier");
        assertThat(answer("Carte scolaire des collèges publics refusé, rien n'a été importé")).contains("Ligne 41");
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        PageSteps.screenshotAt(BROWSER, 360, "admin-import-refuse-360");
        assertThat(api.get("/api/catchments/" + insee).status()).isEqualTo(404);
        // sent by the page's script, which shows the progress and puts the answer in place: the address stays
        assertThat(BROWSER.driver().getCurrentUrl()).endsWith("/admin");
        assertThat(BROWSER.find("label[for=progression-import]").getAttribute("textContent"))
                .isEqualTo("Progression de l'import");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();

        new org.openqa.selenium.support.ui.Select(BROWSER.find("#type-import")).selectByValue("carte-scolaire");
        BROWSER.find("#fichier").sendKeys(file.toAbsolutePath().toString());
        BROWSER.find("#ecarter").sendKeys(Keys.SPACE);
        press("Importer le fichier");
        String result = answer("Carte scolaire des collèges publics importé");
        assertThat(result).contains("lignes refusées", "Ligne 41");
        assertThat(api.get("/api/catchments/" + insee).status()).isEqualTo(200);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("admin-import");

        // outlines: a feature that is not a commune's is named by its place in the file; nothing is drawn
        java.nio.file.Path outlines = file.resolveSibling("communes.geojson");
        java.nio.file.Files.writeString(outlines, """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"code": "35001", "nom": "Acigné"}, "geometry": {"type": "Polygon",
                  "coordinates": [[[-1.55, 48.13], [-1.50, 48.13], [-1.50, 48.16], [-1.55, 48.16], [-1.55, 48.13]]]}},
                 {"type": "Feature", "properties": {"code": "35999", "nom": "Point"}, "geometry": {"type": "Point",
                  "coordinates": [-1.5, 48.1]}}]}""");
        new org.openqa.selenium.support.ui.Select(BROWSER.find("#type-import")).selectByValue("contours");
        BROWSER.find("#fichier").sendKeys(outlines.toAbsolutePath().toString());
        if (BROWSER.find("#ecarter").isSelected()) {
            BROWSER.find("#ecarter").sendKeys(Keys.SPACE);
        }
        press("Importer le fichier");
        assertThat(answer("Contours des communes (GeoJSON) refusé, rien n'a été importé"))
                .contains("Commune n° 1 du fichier");
        assertThat(outlineCount()).isZero();
    }

    private static int outlineCount() {
        return org.jdbi.v3.core.Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).withHandle(handle ->
                handle.createQuery("SELECT COUNT(*) FROM commune_outlines").mapTo(Integer.class).one());
    }

    @Test
    @Tag("sqlite-only")
    void aRefusedUserSaysWhyKeepsWhatWasTypedAndCreatesNothing() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/admin", "admin.pages");
        BROWSER.find("#identifiant").sendKeys("as.nulle-part");
        BROWSER.find("#role-SOCIAL_WORKER").sendKeys(Keys.SPACE);
        BROWSER.find("#territoire").sendKeys("canton:12", Keys.ENTER);
        assertThat(answer("Utilisateur non créé")).contains("Le territoire « canton:12 » n'est pas valide");
        assertThat(BROWSER.find("#identifiant").getAttribute("value")).isEqualTo("as.nulle-part");
        assertThat(BROWSER.find("#role-SOCIAL_WORKER").isSelected()).isTrue();
        assertThat(BROWSER.find("#territoire").getAttribute("value")).isEqualTo("canton:12");
        assertThat(api.get("/api/users?limit=500").expect(200).toString()).doesNotContain("as.nulle-part");

        // without the form's token: refused, nothing created
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                        + "/admin/utilisateurs")).header("Cookie", PageSteps.sessionCookie(BROWSER))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("identifiant=pret.force&role=ADMIN")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/users?limit=500").expect(200).toString()).doesNotContain("pret.force");
    }
}
