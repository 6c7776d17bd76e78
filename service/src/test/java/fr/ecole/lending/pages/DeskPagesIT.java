package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The desk's scan field, in a real browser, typed into as a USB scanner does: the code, then Enter. */
@Tag("sqlite-only")
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class DeskPagesIT {
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory(
            "labelBaseUrl", "https://pret.example.fr");
    static final Browser BROWSER = new Browser();
    static Api api;
    static String available;
    static String lent;
    static String agreement;
    static String otherSchools;
    static final List<String> POOL = new ArrayList<>();

    @BeforeAll
    static void desk() {
        api = new Api(APP);
        PageSteps.user(api, "pret.scan", "DESK", List.of(COLLEGE), null);
        available = device(COLLEGE);
        lent = device(COLLEGE);
        otherSchools = device(LYCEE);
        for (int i = 0; i < 10; i++) {
            POOL.add(device(COLLEGE));
        }
        long family = api.post("/api/families", Builders.family(HOSTILE, COLLEGE)).expect(201).path("id").asLong();
        agreement = api.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(lent),
                UUID.randomUUID().toString())).expect(201).path("number").asText();
    }

    static String device(String uai) {
        return api.post("/api/establishments/" + uai + "/devices", Builders.laptop()).expect(201).path("assetTag").asText();
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    @BeforeEach
    void signedIn() {
        PageSteps.signInThrough(BROWSER, base(), "/poste", "pret.scan");
    }

    static String scan(String code, String expected) {
        return PageSteps.scan(BROWSER, code, expected);
    }

    @Test
    void aScanAnswersInTheLiveRegionAndTheFieldIsReadyForTheNext() {
        assertThat(BROWSER.find("#reponse").getAttribute("role")).isEqualTo("status");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);

        assertThat(scan(available, available)).contains("Trouvé", "Ordinateur portable " + available + " : disponible");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("poste-appareil-disponible");
        BROWSER.screenshotAt(360, "poste-appareil-disponible-360");

        // a label's QR content, as a camera or a scanner reads it
        assertThat(scan("https://pret.example.fr/d/" + lent, lent)).contains("prêté à", agreement);
        assertThat(scan(agreement, agreement)).contains("Convention " + agreement, "1 appareil en prêt");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void thePoolListsItsDevicesByStatusAndSearch() {
        BROWSER.driver().findElement(By.linkText("Parc")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("/poste/parc"));
        assertThat(BROWSER.find("[aria-current=page]").getText()).isEqualTo("Parc");
        assertThat(BROWSER.find("tbody").getText()).contains(available, lent).doesNotContain(otherSchools);
        BROWSER.find("#etat").sendKeys("Prêté");
        BROWSER.find("#q").sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("etat=ON_LOAN"));
        assertThat(BROWSER.all("tbody tr")).extracting(row -> row.getText()).singleElement()
                .satisfies(row -> assertThat(row).contains(lent, "prêté"));
        BROWSER.find("#etat").sendKeys("Tous");
        BROWSER.find("#q").sendKeys(available, Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("q=" + available));
        assertThat(BROWSER.all("tbody tr")).hasSize(1);
        assertThat(BROWSER.find("#compte").getText()).isEqualTo("1 appareil.");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("parc");
    }

    @Test
    void aDeviceOfAnotherSchoolIsNotFoundExactlyAsAnUnknownTag() {
        String refused = scan(otherSchools, otherSchools);
        assertThat(refused).contains("introuvable", "« " + otherSchools + " »");
        assertThat(BROWSER.find("#reponse [role=alert]").isDisplayed()).isTrue();
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("poste-introuvable");
        String unknown = scan("INCONNU-42", "INCONNU-42");
        assertThat(unknown.replace("INCONNU-42", "X")).isEqualTo(refused.replace(otherSchools, "X"));
    }

    @Test
    void whatWasTypedIsShownAsText() {
        assertThat(scan(lent, lent)).contains("prêté à " + HOSTILE);
        assertThat(scan(HOSTILE, "introuvable")).contains("« " + HOSTILE + " »");
        assertThat(BROWSER.all("img[src=x]")).isEmpty();
    }

    @Test
    void aLabelsAddressOpensTheDeviceAfterSigningIn() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/d/" + available, "pret.scan");
        assertThat(BROWSER.find("#reponse").getText()).contains(available, "disponible");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");

        String cookie = PageSteps.sessionCookie(BROWSER);
        HttpResponse<String> another = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base() + "/d/" + otherSchools)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(another.statusCode()).isEqualTo(404);
        assertThat(another.body()).contains("introuvable").doesNotContain("Lycée");
    }

    /** What the desk's first load transfers, compressed, with nothing in the browser's cache: reported, not asserted. */
    @Test
    void firstLoadIsMeasured() {
        BROWSER.driver().executeCdpCommand("Network.enable", Map.of());
        BROWSER.driver().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        try {
            BROWSER.open(base() + "/poste");
            BROWSER.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "document.fonts.ready.then(() => setTimeout(done, 500));");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) BROWSER.script(
                    "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                            + ".map(e => ({name: e.name, transfer: e.transferSize, body: e.encodedBodySize}));");
            long transferred = 0;
            StringBuilder detail = new StringBuilder();
            for (Map<String, Object> entry : entries) {
                long bytes = ((Number) entry.get("transfer")).longValue();
                transferred += bytes;
                detail.append(String.format("%n  %7d B  %s", bytes, String.valueOf(entry.get("name")).replace(base(), "")));
            }
            System.out.printf("[measure] first load of /poste, cache empty: %d requests, %d kB transferred%s%n",
                    entries.size(), transferred / 1024, detail);
            assertThat(entries).isNotEmpty();
        } finally {
            BROWSER.driver().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }

    /** Scan-to-answer at the page, from the Enter key to the answer in place: reported, not asserted. */
    @Test
    void scanToAnswerIsMeasured() {
        BROWSER.script("window.lendingTimes = []; const field = document.getElementById('code');"
                + "field.addEventListener('keydown', e => { if (e.key === 'Enter') window.lendingStart = performance.now(); });"
                + "document.body.addEventListener('htmx:afterSettle', e => { if (e.target.id === 'reponse') window.lendingTimes.push(performance.now() - window.lendingStart); });");
        int scans = 0;
        for (int round = 0; round < 4; round++) {
            for (String tag : POOL) {
                scan(tag, tag);
                scans++;
            }
        }
        @SuppressWarnings("unchecked")
        List<Number> times = (List<Number>) BROWSER.script("return window.lendingTimes;");
        assertThat(times).hasSize(scans);
        List<Double> sorted = times.stream().map(Number::doubleValue).sorted().toList();
        System.out.printf("[measure] scan to answer at the page, %d scans: median %.0f ms, p95 %.0f ms, max %.0f ms%n",
                scans, sorted.get(scans / 2), sorted.get((int) Math.ceil(scans * 0.95) - 1), sorted.get(scans - 1));
    }
}
