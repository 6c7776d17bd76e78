package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TextLayer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 23 at the desk: after the école's yearly promotions, a CM2 pupil's agreement is handed to the
 * collège from the between-loans page, keyboard only; the collège sees the école's device it now holds and
 * scans the new agreement; some devices of a bundle are handed from the desk; a refusal says why and
 * keeps what was typed. The main path runs on PostgreSQL too; the rest, pages over the same service, on
 * SQLite only (HandoverIT covers the service on both).
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class HandoverPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static Api admin;
    static String collegeName;
    /** Inès Passage's CM2 pupil goes up to the collège: her agreement, a commune's laptop and a département's dongle. */
    static String leaving;
    static String communeLaptop;
    static String dongle;
    /** Lucas Reste's pupil stays at the école (CM1, then CM2). */
    static String staying;
    static String stayingLaptop;
    /** Sami Fratrie: one pupil at the école, one at the collège; a laptop and a headset out. */
    static String siblings;
    static String siblingsLaptop;
    static String siblingsHeadset;

    @BeforeAll
    static void promoted() {
        admin = new Api(APP);
        PageSteps.user(admin, "passation.ecole", "DESK", List.of(ECOLE), null);
        PageSteps.user(admin, "passation.college", "DESK", List.of(COLLEGE), null);
        collegeName = admin.get("/api/establishments/" + COLLEGE).expect(200).path("name").asText();
        communeLaptop = device("LAPTOP", "commune:35238");
        dongle = device("DONGLE_4G", "departement:035");
        leaving = lend(family("Inès Passage", Map.of("CM2", ECOLE)), communeLaptop, dongle);
        stayingLaptop = device("LAPTOP", null);
        staying = lend(family("Lucas Reste", Map.of("CM1", ECOLE)), stayingLaptop);
        siblingsLaptop = device("LAPTOP", "departement:035");
        siblingsHeadset = device("HEADSET", null);
        siblings = lend(family("Sami Fratrie", Map.of("CE1", ECOLE, "6E", COLLEGE)), siblingsLaptop, siblingsHeadset);
        admin.desk(ECOLE).post("/api/establishments/" + ECOLE + "/promotions",
                Map.of("nextSchools", Map.of("CM2", COLLEGE))).expect(200);
    }

    static long family(String name, Map<String, String> pupils) {
        return admin.post("/api/families", Builders.familyInClasses(name, pupils)).expect(201).path("id").asLong();
    }

    static String device(String kind, String fundedBy) {
        return admin.post("/api/establishments/" + ECOLE + "/devices", Builders.device(kind, fundedBy)).expect(201)
                .path("assetTag").asText();
    }

    static String lend(long family, String... tags) {
        return admin.post("/api/agreements", Builders.agreement(family, ECOLE, List.of(tags),
                UUID.randomUUID().toString())).expect(201).path("number").asText();
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static HttpResponse<byte[]> download(String href) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", PageSteps.sessionCookie(BROWSER)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String amendmentText() throws Exception {
        HttpResponse<byte[]> pdf = download(BROWSER.driver().findElement(By.linkText("Avenant de passation (PDF)"))
                .getAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return TextLayer.of(pdf.body()).replaceAll("\\s+", " ");
    }

    /** The section titled {@code heading} as a desk's screen and a phone show it, and the whole page, to look at. */
    static void picture(String name, String heading) {
        BROWSER.wholePage(Browser.SCREENSHOTS.resolve(name + "-page.png"));
        BROWSER.script("document.getElementById(arguments[0]).scrollIntoView()", heading);
        BROWSER.screenshot(name);
        BROWSER.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 800,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            BROWSER.script("document.getElementById(arguments[0]).scrollIntoView()", heading);
            BROWSER.screenshot(name + "-360");
        } finally {
            BROWSER.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void theEcoleHandsALeavingPupilsAgreementToTheCollegeWhichHoldsItsLaptop() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/poste/suivi", "passation.ecole");
        assertThat(BROWSER.find("#partis-titre").getText()).startsWith("Élèves partis avec des appareils");
        String offers = BROWSER.find("section[aria-labelledby=partis-titre]").getText();
        assertThat(offers).contains(leaving, "Inès Passage", collegeName).doesNotContain(staying, siblings);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        picture("suivi-eleves-partis", "partis-titre");

        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"Passer la convention " + leaving + " à "
                + collegeName + "\"]")).sendKeys(Keys.ENTER);
        String answer = PageSteps.answer(BROWSER, "reponse", "passée à");
        assertThat(answer).contains("Convention " + leaving + " passée à " + collegeName + " (" + COLLEGE + ")",
                communeLaptop, dongle);
        String handed = answer.replaceAll("(?s).*nouvelle convention (AGR-[0-9-]+),.*", "$1");
        assertThat(handed).startsWith("AGR-").isNotEqualTo(leaving);
        assertThat(BROWSER.find("#partis-titre").getText()).isEqualTo("Élèves partis avec des appareils (0)");
        assertThat(amendmentText()).contains("Avenant de passation n° 1", leaving, handed, communeLaptop, dongle);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("suivi-convention-passee");
        assertThat(admin.get("/api/agreements/" + leaving).expect(200).path("status").asText()).isEqualTo("CLOSED");
        assertThat(admin.get("/api/agreements/" + handed).expect(200).path("uai").asText()).isEqualTo(COLLEGE);

        // the collège: the école's laptop is held there under its new agreement; the dongle joined its pool
        PageSteps.signInThrough(BROWSER, base(), "/poste/suivi", "passation.college");
        String held = BROWSER.find("section[aria-labelledby=detenus-titre]").getText();
        assertThat(held).contains(communeLaptop, "Volga", handed).doesNotContain(dongle);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        picture("suivi-appareils-detenus", "detenus-titre");
        BROWSER.open(base() + "/poste");
        BROWSER.waiting().until(driver -> "code".equals(BROWSER.focused().getAttribute("id")));
        assertThat(PageSteps.scan(BROWSER, handed, handed)).contains("Convention " + handed + " : Inès Passage",
                "2 appareils en prêt");
        assertThat(BROWSER.find("section[aria-labelledby=convention-titre]").getText()).contains(communeLaptop, dongle);
        // the collège prints the same amendment, from its own agreement
        HttpResponse<byte[]> amendment = download(BROWSER.driver().findElement(By.linkText("Avenant de passation de "
                + leaving + " à " + handed + " (PDF)")).getAttribute("href"));
        assertThat(amendment.statusCode()).isEqualTo(200);
        assertThat(TextLayer.of(amendment.body()).replaceAll("\\s+", " ")).contains("Avenant de passation n° 1", leaving,
                handed);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        picture("poste-convention-recue", "convention-titre");
    }

    @Test
    @Tag("sqlite-only")
    void someDevicesFollowThePupilFromTheDeskAndStayInTheEcolesPool() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/poste", "passation.ecole");
        assertThat(PageSteps.scan(BROWSER, siblingsLaptop, siblingsLaptop)).contains("prêté à Sami Fratrie", siblings);
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("nouvel_etablissement")));
        assertThat(BROWSER.find("label[for=nouvel_etablissement]").getText()).startsWith("Nouvel établissement (UAI)")
                .contains(collegeName);
        // the family's one other school is offered, typed already
        assertThat(BROWSER.find("#nouvel_etablissement").getAttribute("value")).isEqualTo(COLLEGE);
        assertThat(BROWSER.all("input[name=appareils]")).allMatch(box -> box.isSelected());
        String headsetBox = BROWSER.driver().findElement(By.xpath("//label[starts-with(normalize-space(), \"Passer l'appareil "
                + siblingsHeadset + "\")]")).getAttribute("for");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        picture("poste-passation", "passation-titre");

        BROWSER.find("#" + headsetBox).sendKeys(Keys.SPACE);
        BROWSER.find("#garder").sendKeys(Keys.SPACE);
        assertThat(BROWSER.find("label[for=garder]").getText()).startsWith("Garder les appareils dans notre parc");
        BROWSER.find("#garder").sendKeys(Keys.TAB);
        assertThat(BROWSER.focused().getText()).isEqualTo("Passer la convention");
        BROWSER.type(Keys.ENTER);
        String answer = PageSteps.answer(BROWSER, "reponse", "passée à");
        assertThat(answer).contains(siblings, collegeName, siblingsLaptop).doesNotContain(siblingsHeadset);
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");
        assertThat(amendmentText()).contains(siblingsLaptop, "reste la propriété de").doesNotContain(siblingsHeadset);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();

        // the département would let its laptop join the collège's pool: kept in the école's, as asked
        JsonNode laptop = admin.get("/api/devices/" + siblingsLaptop).expect(200);
        assertThat(laptop.path("uai").asText()).isEqualTo(ECOLE);
        assertThat(laptop.path("openLoan").path("uai").asText()).isEqualTo(COLLEGE);
        assertThat(admin.get("/api/devices/" + siblingsHeadset).expect(200).path("openLoan").path("agreementNumber")
                .asText()).isEqualTo(siblings);
        assertThat(admin.get("/api/agreements/" + siblings).expect(200).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @Tag("sqlite-only")
    void aRefusedHandoverSaysWhyKeepsTheTypedSchoolAndChangesNothing() {
        PageSteps.signInThrough(BROWSER, base(), "/poste", "passation.ecole");
        PageSteps.scan(BROWSER, staying, staying);
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("nouvel_etablissement")));
        assertThat(BROWSER.find("#nouvel_etablissement").getAttribute("value")).isEmpty();
        BROWSER.find("#nouvel_etablissement").sendKeys(LYCEE, Keys.ENTER);
        String refused = PageSteps.answer(BROWSER, "reponse", "Passation refusée");
        assertThat(BROWSER.find("#reponse [role=alert]").getText()).isEqualTo(refused)
                .contains("Aucun élève de cette famille n'est inscrit", LYCEE);
        assertThat(BROWSER.find("#nouvel_etablissement").getAttribute("value")).isEqualTo(LYCEE);
        assertThat(BROWSER.all("input[name=appareils]")).hasSize(1).allMatch(box -> box.isSelected());
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshotAt(360, "poste-passation-refusee-360");
        picture("poste-passation-refusee", "passation-titre");
        JsonNode agreement = admin.get("/api/agreements/" + staying).expect(200);
        assertThat(agreement.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(admin.get("/api/agreements/" + staying + "/handovers").expect(200).path("items")).isEmpty();
        assertThat(admin.get("/api/devices/" + stayingLaptop).expect(200).path("openLoan").path("agreementNumber")
                .asText()).isEqualTo(staying);
    }
}
