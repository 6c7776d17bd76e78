package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The territory's dashboard as a département's officer reads it: the headline figures, an indicator
 * by commune and by catchment holding the same figures as the report's JSON, the charts, the CSV; and
 * no family's name, phone, first name or id anywhere in what the page sends.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class DashboardPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static final String GUARDIAN = "Yasmine Kerhervé";
    static final String PHONE = "06 98 76 54 32";
    static final String PUPIL = "Maëlys";
    static Api api;
    static String collectivity;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void householdsAndAnOfficer() {
        api = new Api(APP);
        for (int i = 0; i < 14; i++) {
            Map<String, Object> family = Builders.family(i == 0 ? GUARDIAN : "Famille " + i, COLLEGE);
            if (i == 0) {
                ((Map<String, Object>) family.get("guardian")).put("phone", PHONE);
                ((List<Map<String, Object>>) family.get("pupils")).get(0).put("firstName", PUPIL);
            }
            long id = api.post("/api/families", family).expect(201).path("id").asLong();
            api.post("/api/families/" + id + "/diagnostics", Map.of("answers", Builders.answers())).expect(201);
        }
        api.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).expect(201);
        PageSteps.user(api, "cd.tableau", "COLLECTIVITY", null, "departement:035");
        PageSteps.user(api, "rectorat.tableau", "RECTORAT", null, "academie:14");
        try {
            // the outlines of the département's 345 communes, as the demo loads them
            api.postRaw("/api/imports/communes-geo", "application/geo+json", java.nio.file.Files.readAllBytes(
                    java.nio.file.Path.of("..", "fixtures", "territory", "communes-035.geojson"))).expect(200);
            // and its carte scolaire, for the map by collège catchment
            api.postRaw("/api/imports/catchments", "text/csv", java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                    "..", "fixtures", "territory", "fr-en-carte-scolaire-colleges-publics.csv"))).expect(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        collectivity = api.post("/api/users", Map.of("name", "cd.api", "role", "COLLECTIVITY", "territory",
                "departement:035")).expect(201).path("token").asText();
    }

    /**
     * With {@code -Dit.docs.screenshots=true}, the test draws the documentation's pictures of the page
     * (docs/screenshots), so that they show it as it is; otherwise they go to target/ with the others.
     */
    static void picture(String name) {
        java.nio.file.Path folder = Boolean.getBoolean("it.docs.screenshots")
                ? java.nio.file.Path.of("..", "docs", "screenshots") : Browser.SCREENSHOTS;
        BROWSER.wholePage(folder.resolve(name + ".png"));
    }

    /** Presses « Afficher » from the keyboard. */
    static void show() {
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Afficher']")).sendKeys(Keys.ENTER);
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    @Test
    void aDepartementsOfficerReadsItsFiguresAndTheyAreTheReportsOwn() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/territoire", "cd.tableau");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Tableau de bord du territoire");
        assertThat(BROWSER.find("main").getText()).contains("Territoire : département 035, du ", "Foyers diagnostiqués",
                "Appareils par état", "Prêts et retours, mois par mois", "Par financeur");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("territoire");
        picture("territoire-departement");

        // the indicator chosen from the keyboard: households diagnosed eligible, by commune and by catchment
        new Select(BROWSER.find("#indicateur")).selectByVisibleText("Foyers diagnostiqués éligibles");
        show();
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("tableau-catchment")));
        JsonNode report = api.as(collectivity).get("/api/reports/fragility?territory=departement:035&groupBy=commune")
                .expect(200);
        Map<String, String> shown = new HashMap<>();
        for (WebElement row : BROWSER.all("#tableau-commune ~ .fr-table tbody tr")) {
            shown.put(row.getAttribute("data-key"), row.findElement(By.tagName("td")).getText());
        }
        assertThat(shown).isNotEmpty();
        for (JsonNode row : report.path("rows")) {
            String expected = row.path("eligible").isNull() ? "sans objet" : String.valueOf(row.path("eligible").asLong());
            assertThat(shown.get(row.path("key").asText())).as(row.path("label").asText()).isEqualTo(expected);
        }
        assertThat(BROWSER.find("#tableau-commune ~ .fr-table tfoot td").getText())
                .isEqualTo(String.valueOf(report.path("totals").path("eligible").asLong()));

        // the CSV, as the API gives it
        String csv = BROWSER.driver().findElement(By.partialLinkText("Rapport par commune (CSV)")).getAttribute("href");
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csv))
                .header("Cookie", PageSteps.sessionCookie(BROWSER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(file.body()).contains("eligible");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);

        // the map: one shape per commune of the département, each saying the figure the table holds
        List<WebElement> communes = BROWSER.all("#carte path[data-insee]");
        assertThat(communes).hasSize(345);
        WebElement rennes = BROWSER.find("#carte path[data-insee='35238']");
        assertThat(rennes.getAttribute("aria-label")).isEqualTo("Rennes : " + shown.get("35238"));
        assertThat(rennes.getAttribute("class")).matches("lending-map__shade[1-4]");
        assertThat(BROWSER.find("#carte path[data-insee='35001']").getAttribute("aria-label")).endsWith(" : 0");
        rennes.sendKeys(Keys.TAB);
        rennes.click();
        assertThat(BROWSER.find("#carte-info").getText()).startsWith("Rennes : ");
        assertThat(BROWSER.all(".lending-legend li")).extracting(WebElement::getText).contains("0", "sans objet");
        BROWSER.screenshot("territoire-carte");
        picture("territoire-departement-eligibles");

        // the map by collège catchment, chosen from the keyboard: each commune shaded by its catchment's figure
        BROWSER.find("#carte-commune").sendKeys(Keys.ARROW_RIGHT);
        assertThat(BROWSER.find("#carte-secteur").isSelected()).isTrue();
        show();
        BROWSER.waiting().until(ExpectedConditions.urlContains("carte=secteur"));
        assertThat(BROWSER.find("#carte-titre").getText()).isEqualTo("Carte : foyers diagnostiqués éligibles par secteur de collège");
        assertThat(BROWSER.all("#carte path[data-insee]")).hasSize(345);
        JsonNode byCatchment = api.as(collectivity).get("/api/reports/fragility?territory=departement:035&groupBy=catchment")
                .expect(200);
        Map<String, String> catchmentFigures = new HashMap<>();
        for (WebElement row : BROWSER.all("#tableau-catchment ~ .fr-table tbody tr")) {
            catchmentFigures.put(row.getAttribute("data-key"), row.findElement(By.tagName("td")).getText());
        }
        for (JsonNode row : byCatchment.path("rows")) {
            assertThat(catchmentFigures.get(row.path("key").asText())).as(row.path("label").asText())
                    .isEqualTo(String.valueOf(row.path("eligible").asLong()));
        }
        // Rennes is shared between collèges: a catchment of its own, which holds the households
        assertThat(api.get("/api/catchments/35238").expect(200).path("key").asText()).isEqualTo("split:35238");
        assertThat(BROWSER.find("#carte path[data-insee='35238']").getAttribute("aria-label"))
                .isEqualTo("Rennes, secteur partagé : Rennes : " + catchmentFigures.get("split:35238"));
        // Acigné's collège serves no household counted here
        String acigne = api.get("/api/catchments/35001").expect(200).path("key").asText();
        assertThat(catchmentFigures).doesNotContainKey(acigne);
        assertThat(BROWSER.find("#carte path[data-insee='35001']").getAttribute("aria-label")).isEqualTo("Acigné : 0");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        picture("territoire-departement-secteurs");
        PageSteps.screenshotAt(BROWSER, 360, "territoire-secteurs-360");

        // a rate without pupils counted: hatched as without meaning, never shaded as 0
        BROWSER.find("#carte-secteur").sendKeys(Keys.ARROW_LEFT);
        new Select(BROWSER.find("#indicateur")).selectByValue("prets-pour-100-eleves");
        show();
        BROWSER.waiting().until(ExpectedConditions.urlContains("indicateur=prets-pour-100-eleves"));
        assertThat(BROWSER.all("#carte path.lending-map__shade-none")).isNotEmpty()
                .allSatisfy(shape -> assertThat(shape.getAttribute("aria-label")).endsWith(" : sans objet"));
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);

        // nothing that names a family, in the page or in what it loads: every address of the page's network
        // log (the page, its styles, scripts, fonts and pictures) read again with the officer's session
        String page = BROWSER.driver().getPageSource();
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) BROWSER.script("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource')).map(e => e.name);");
        assertThat(loaded).hasSizeGreaterThan(3).allSatisfy(address -> assertThat(address).startsWith(base() + "/"));
        HttpClient client = HttpClient.newHttpClient();
        for (String personal : List.of(GUARDIAN, PHONE, PUPIL, "familyId", "guardian")) {
            assertThat(page).doesNotContain(personal);
            assertThat(file.body()).doesNotContain(personal);
        }
        for (String address : loaded) {
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(address))
                    .header("Cookie", PageSteps.sessionCookie(BROWSER)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(address).isEqualTo(200);
            String body = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
            // the pages' own script speaks of "the guardian" in its comments: the static files are checked for data
            for (String personal : address.contains("/static/") ? List.of(GUARDIAN, PHONE, PUPIL)
                    : List.of(GUARDIAN, PHONE, PUPIL, "familyId", "guardian")) {
                assertThat(body).as(address).doesNotContain(personal);
            }
        }
    }

    /** The département's page with its map, cache empty: what it transfers and when it is drawn; reported, not asserted. */
    @Test
    @Tag("sqlite-only")
    void theDepartementsMapIsMeasured() {
        PageSteps.signInThrough(BROWSER, base(), "/territoire", "cd.tableau");
        BROWSER.driver().executeCdpCommand("Network.enable", Map.of());
        BROWSER.driver().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        try {
            BROWSER.open(base() + "/territoire");
            BROWSER.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "document.fonts.ready.then(() => requestAnimationFrame(() => setTimeout(done, 200)));");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) BROWSER.script(
                    "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                            + ".map(e => ({name: e.name, transfer: e.transferSize}));");
            long transferred = entries.stream().mapToLong(entry -> ((Number) entry.get("transfer")).longValue()).sum();
            Number drawn = (Number) BROWSER.script("const n = performance.getEntriesByType('navigation')[0];"
                    + "return n.loadEventEnd - n.startTime;");
            System.out.printf("[measure] /territoire of a département with its map of %d communes, cache empty: "
                    + "%d requests, %d kB transferred, loaded and drawn in %d ms%n", BROWSER.all("#carte path").size(),
                    entries.size(), transferred / 1024, drawn.longValue());
            assertThat(BROWSER.all("#carte path")).hasSize(345);
        } finally {
            BROWSER.driver().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }

    @Test
    @Tag("sqlite-only")
    void aPeriodThatEndsBeforeItStartsIsRefusedSayingSo() {
        PageSteps.signInThrough(BROWSER, base(), "/territoire", "cd.tableau");
        BROWSER.open(base() + "/territoire?du=2026-06-30&au=2026-01-01");
        assertThat(BROWSER.find("#reponse").getText()).contains("La période commence");
        assertThat(BROWSER.find("#du").getAttribute("value")).isEqualTo("2026-06-30");
    }

    /** The rectorat signs in and lands on its académie's dashboard: every commune of its département drawn, no family. */
    @Test
    @Tag("sqlite-only")
    void aRectoratSigningInLandsOnItsAcademiesDashboard() {
        BROWSER.driver().manage().deleteAllCookies();
        BROWSER.open(base() + "/connexion");
        BROWSER.waiting().until(driver -> "identifiant".equals(BROWSER.focused().getAttribute("id")));
        BROWSER.type("rectorat.tableau", Keys.TAB);
        BROWSER.type(PageSteps.PASSWORD, Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlToBe(base() + "/territoire"));
        assertThat(BROWSER.find("main").getText()).contains("Territoire : académie de Rennes, du ", "Foyers diagnostiqués",
                "Appareils par état").doesNotContain(GUARDIAN, PHONE, PUPIL);
        // the académie's communes are those of its département, whose outlines are loaded
        assertThat(BROWSER.all("#carte path")).hasSize(345);
        assertThat(BROWSER.all("#territoire")).as("its territory is its own: no field to choose another").isEmpty();
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("territoire-academie");
        BROWSER.open(base() + "/social");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Accès refusé");
    }
}
