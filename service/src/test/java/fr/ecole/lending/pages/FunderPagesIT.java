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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A funder's officer signs in and lands on the page of the devices its funder paid for: by
 * establishment, the same figures as its loans report, the CSV; and no other role's page.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class FunderPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static final String NAME = "Fondation pour l'école numérique";
    static Api api;
    static Api funderApi;

    @BeforeAll
    static void devicesAndAnOfficer() {
        api = new Api(APP);
        long funder = api.post("/api/funders", Map.of("kind", "FOUNDATION", "name", NAME, "territory", "region:53",
                "allowsTransfersOutside", false)).expect(201).path("id").asLong();
        for (String uai : List.of(COLLEGE, COLLEGE, LYCEE)) {
            Map<String, Object> laptop = Builders.laptop();
            laptop.put("fundedBy", "funder:" + funder);
            api.post("/api/establishments/" + uai + "/devices", laptop).expect(201);
        }
        api.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).expect(201);
        api.post("/api/users", Map.of("name", "fondation.ecole", "role", "FUNDER", "funder", funder,
                "password", PageSteps.PASSWORD)).expect(201);
        funderApi = api.as(api.post("/api/users", Map.of("name", "fondation.api", "role", "FUNDER", "funder", funder))
                .expect(201).path("token").asText());
        PageSteps.user(api, "pret.financeur", "DESK", List.of(COLLEGE), null);
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    @Test
    void aFundersOfficerReadsWhereItsDevicesAre() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/financeur", "fondation.ecole");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Appareils financés par " + NAME);
        assertThat(BROWSER.find("h2").getText()).isEqualTo("Par établissement");
        assertThat(BROWSER.find("caption").getAttribute("textContent")).startsWith("Appareils financés par " + NAME + ", par établissement");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("financeur");

        Map<String, String> inPool = new HashMap<>();
        for (WebElement row : BROWSER.all("tbody tr")) {
            inPool.put(row.getAttribute("data-key"), row.findElement(By.tagName("td")).getText());
        }
        // its devices only: the collège's laptop paid by nobody is not its own
        assertThat(inPool).containsOnly(Map.entry(COLLEGE, "2"), Map.entry(LYCEE, "1"));
        assertThat(BROWSER.find("tfoot td").getText()).isEqualTo("3");

        String csv = BROWSER.driver().findElement(By.partialLinkText("(CSV)")).getAttribute("href");
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csv))
                .header("Cookie", PageSteps.sessionCookie(BROWSER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String report = funderApi.get("/api/reports/loans?format=csv").text();
        assertThat(file.body()).isEqualTo(report);
    }

    @Test
    @Tag("sqlite-only")
    void otherPagesAreNotAFundersNorItsPageAnothersRole() {
        PageSteps.signInThrough(BROWSER, base(), "/poste", "pret.financeur");
        BROWSER.open(base() + "/financeur");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Accès refusé");
        PageSteps.signInThrough(BROWSER, base(), "/financeur", "fondation.ecole");
        for (String page : List.of("/poste", "/territoire", "/social", "/admin")) {
            BROWSER.open(base() + page);
            assertThat(BROWSER.find("h1").getText()).as(page).isEqualTo("Accès refusé");
        }
    }
}
