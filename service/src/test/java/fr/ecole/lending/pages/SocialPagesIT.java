package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.diagnostics.Criteria;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The social worker's page: a family of the territory found by name, its eligibility checked from the
 * keyboard and then recorded, the territory's waiting list; a version 2 of the criteria adds its
 * question to the form without a release. The main path runs on PostgreSQL too, the others on SQLite.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class SocialPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static Api api;
    static long diallo;

    @BeforeAll
    static void socialWorkerAndFamilies() {
        api = new Api(APP);
        PageSteps.user(api, "as.ille", "SOCIAL_WORKER", null, "departement:035");
        PageSteps.user(api, "as.finistere", "SOCIAL_WORKER", null, "departement:029");
        PageSteps.user(api, "cd.ille", "COLLECTIVITY", null, "departement:035");
        diallo = api.post("/api/families", Builders.family("Awa Diallo", COLLEGE)).expect(201).path("id").asLong();
        // already diagnosed, eligible and waiting: first on the territory's list
        long waiting = api.post("/api/families", Builders.family("Jeanne Le Goff", COLLEGE)).expect(201).path("id").asLong();
        api.post("/api/families/" + waiting + "/diagnostics", Map.of("answers", Builders.answers())).expect(201);
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    /** Answers a radio question from the keyboard: focus on the value's button, then Space. */
    static void choose(String criterion, String value) {
        BROWSER.find("input[name='" + criterion + "'][value='" + value + "']").sendKeys(Keys.SPACE);
        assertThat(BROWSER.find("input[name='" + criterion + "'][value='" + value + "']").isSelected()).isTrue();
    }

    static void number(String criterion, String value) {
        BROWSER.find("input[name='" + criterion + "']").sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
    }

    @Test
    void aSocialWorkerChecksAFamilysEligibilityWithTheKeyboardThenRecordsIt() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/social", "as.ille");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Familles et éligibilité");
        assertThat(BROWSER.find("main").getText()).contains("Territoire : département 035");
        // the waiting list: the family diagnosed eligible, without devices
        assertThat(BROWSER.find("#attente-titre").getText()).isEqualTo("Liste d'attente du territoire (1)");
        assertThat(BROWSER.find("table").getText()).contains("Jeanne Le Goff", "ordinateur ou tablette");

        BROWSER.find("#q").sendKeys("diallo", Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "1 famille trouvée"));
        BROWSER.driver().findElement(By.linkText("Choisir Awa Diallo")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("eligibilite-titre"),
                "Éligibilité de Awa Diallo"));
        // the school of the family's pupil is offered
        assertThat(BROWSER.find("#uai").getAttribute("value")).isEqualTo(COLLEGE);
        assertThat(BROWSER.find("label[for=uai]").getText()).startsWith("Établissement (UAI)");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);

        // every question is named by its criterion's id, lists by their values, yes/no by true/false
        number("devicesForSchoolwork", "0");
        choose("hasSmartphone", "true");
        number("pupilsInHousehold", "3");
        number("adultsTeleworking", "0");
        choose("headset", "NONE");
        choose("homeInternet", "MOBILE_CAPPED");
        assertThat(BROWSER.find("label[for='" + BROWSER.find("input[name=homeInternet][value=MOBILE_CAPPED]")
                .getAttribute("id") + "']").getText()).isEqualTo("Forfait mobile limité");
        choose("fixedSpeed", "NONE");
        choose("mobile4g", "GOOD");
        choose("parentAutonomy", "PARTIAL");
        choose("needsOtherLanguage", "false");
        choose("familyQuotientBelowThreshold", "true");
        choose("referral", "NONE");
        choose("needsAdaptedEquipment", "false");
        choose("qpv", "false");
        assertThat(BROWSER.find("main").getText()).contains("critère restreint");

        // a school that does not exist: refused, everything typed kept
        BROWSER.find("#uai").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0000000A");
        BROWSER.find("#uai").sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reponse [role=alert]")));
        assertThat(BROWSER.find("#reponse").getText()).contains("0000000A");
        assertThat(BROWSER.find("input[name=homeInternet][value=MOBILE_CAPPED]").isSelected()).isTrue();
        assertThat(BROWSER.find("input[name=pupilsInHousehold]").getAttribute("value")).isEqualTo("3");

        BROWSER.find("#uai").sendKeys(Keys.chord(Keys.CONTROL, "a"), COLLEGE);
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"Vérifier l'éligibilité\"]")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "Éligible"));
        String decision = BROWSER.find("#reponse").getText();
        assertThat(decision).contains("rien n'a été enregistré", "besoins : ordinateur ou tablette, connexion 4G, casque",
                "Critères version 1", "Le foyer n'a qu'un smartphone pour le travail scolaire",
                "Quotient familial sous le seuil de la collectivité : critère de premier niveau");
        assertThat(api.get("/api/families/" + diallo + "/diagnostics").expect(200).path("items")).isEmpty();
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("social-eligibilite");

        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Enregistrer le diagnostic']")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "diagnostic enregistré"));
        JsonNode recorded = api.get("/api/families/" + diallo + "/diagnostics").expect(200).path("items");
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).path("eligible").asBoolean()).isTrue();
        assertThat(recorded.get(0).path("answers").path("homeInternet").asText()).isEqualTo("MOBILE_CAPPED");
        // now waiting too
        assertThat(BROWSER.find("#attente-titre").getText()).isEqualTo("Liste d'attente du territoire (2)");
        assertThat(BROWSER.find("table").getText()).contains("Awa Diallo");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("social-diagnostic-enregistre");
    }

    @Test
    @Tag("sqlite-only")
    void aSocialWorkerOfAnotherTerritoryNeitherFindsNorOpensTheFamily() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/social", "as.finistere");
        assertThat(BROWSER.find("#attente-titre").getText()).isEqualTo("Liste d'attente du territoire (0)");
        BROWSER.find("#q").sendKeys("diallo", Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "0 famille trouvée"));
        BROWSER.open(base() + "/social?famille=" + diallo);
        assertThat(BROWSER.find("#reponse").getText()).contains("Aucune famille n'a le numéro " + diallo);
        assertThat(BROWSER.find("main").getText()).doesNotContain("Awa Diallo");
        assertThat(BROWSER.all("button[formaction='/social/diagnostic']")).isEmpty();
        assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base() + "/social?famille=" + diallo)).header("Cookie", PageSteps.sessionCookie(BROWSER))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    @Tag("sqlite-only")
    void aCollectivityGetsTheRefusalPageAtTheDeskAndTheSocialWorkersPages() {
        PageSteps.signInThrough(BROWSER, base(), "/territoire", "cd.ille");
        BROWSER.open(base() + "/social");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Accès refusé");
        BROWSER.open(base() + "/poste");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Accès refusé");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }

    /** Version 2 adds a question: a household housed by a third party (a second-level criterion). */
    @Test
    @Tag("sqlite-only")
    void aVersion2OfTheCriteriaAddsItsQuestionToTheForm() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode criteria = (ObjectNode) json.readTree(Api.resource(Criteria.BUILT_IN));
        criteria.put("version", "2");
        criteria.withArray("criteria").addObject().put("id", "housedByThirdParty").put("kind", "ANSWER")
                .put("type", "BOOLEAN").put("required", false).put("label", "Le foyer est hébergé par un tiers")
                .put("level", "SECOND").put("visibleTo", "ALL").putArray("holdsWhen").add(true);
        Path folder = TestApp.newFolder();
        Path file = folder.resolve("criteria-v2.json");
        Files.createDirectories(folder);
        Files.writeString(file, json.writeValueAsString(criteria));
        DropwizardTestSupport<LendingConfiguration> version2 = new DropwizardTestSupport<>(LendingApplication.class,
                TestApp.CONFIG, TestApp.overridesWithDirectory(folder, "criteriaFile", file.toString()));
        version2.before();
        try {
            String base = "http://localhost:" + version2.getLocalPort();
            PageSteps.user(new Api(new DropwizardAppExtension<>(version2)), "as.version2", "SOCIAL_WORKER", null,
                    "departement:035");
            PageSteps.signInThrough(BROWSER, base, "/social", "as.version2");
            assertThat(BROWSER.find("#legende-housedByThirdParty").getText()).isEqualTo("Le foyer est hébergé par un tiers");
            assertThat(BROWSER.all("input[name=housedByThirdParty]")).extracting(input -> input.getAttribute("value"))
                    .containsExactly("true", "false");
        } finally {
            version2.after();
        }
    }
}
