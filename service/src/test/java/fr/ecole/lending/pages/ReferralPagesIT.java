package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A family's referrals page, from the social worker's page and the desk: a family with no connection
 * and no 4G is offered other help, a referral proposed and followed with the keyboard, a note about
 * income refused with what was typed kept. The main path runs on PostgreSQL too.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class ReferralPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static Api api;
    static long family;
    static long lycee;

    @BeforeAll
    static void usersAndFamilies() {
        api = new Api(APP);
        PageSteps.user(api, "as.orientations", "SOCIAL_WORKER", null, "departement:035");
        PageSteps.user(api, "pret.orientations", "DESK", List.of(COLLEGE), null);
        family = api.post("/api/families", Builders.family("Maïa Le Bihan", COLLEGE)).expect(201).path("id").asLong();
        // no connection at home and no 4G: no device solves it alone
        ObjectNode unreachable = Builders.answers().put("homeInternet", "NONE").put("fixedSpeed", "NONE")
                .put("mobile4g", "NONE");
        JsonNode diagnostic = api.post("/api/families/" + family + "/diagnostics", Map.of("answers", unreachable))
                .expect(201);
        assertThat(diagnostic.path("needs").toString()).contains("ALTERNATIVE_ACCESS");
        lycee = api.post("/api/families", Builders.family("Famille du Lycée", LYCEE)).expect(201).path("id").asLong();
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static void press(String name) {
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"" + name + "\"]")).sendKeys(Keys.ENTER);
    }

    @Test
    void aSocialWorkerProposesAReferralAndFollowsItWithTheKeyboard() {
        PageSteps.signInThrough(BROWSER, base(), "/social", "as.orientations");
        BROWSER.open(base() + "/social?famille=" + family);
        BROWSER.driver().findElement(By.partialLinkText("Orientations de Maïa Le Bihan")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Maïa Le Bihan"));
        assertThat(BROWSER.find("main").getText()).contains("besoin d'accès autre qu'un appareil",
                "Aucune orientation pour cette famille");
        assertThat(BROWSER.find("main a[href='/social']").getText()).startsWith("Retour aux familles");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();

        // a note about income: refused, nothing stored, everything typed kept
        new Select(BROWSER.find("#type")).selectByValue("SOCIAL_TARIFF");
        BROWSER.find("#vers").sendKeys("Espace France Services");
        BROWSER.find("#remarque").sendKeys("Revenus très faibles");
        press("Proposer l'orientation");
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reponse [role=alert]")));
        assertThat(BROWSER.find("#reponse").getText()).contains("santé ou de revenus");
        assertThat(BROWSER.find("#remarque").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(BROWSER.find("#remarque").getAttribute("value")).isEqualTo("Revenus très faibles");
        assertThat(BROWSER.find("#vers").getAttribute("value")).isEqualTo("Espace France Services");
        assertThat(new Select(BROWSER.find("#type")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("SOCIAL_TARIFF");
        assertThat(api.get("/api/families/" + family + "/referrals").expect(200).path("items")).isEmpty();
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();

        BROWSER.find("#remarque").sendKeys(Keys.chord(Keys.CONTROL, "a"), "Apporter une facture");
        press("Proposer l'orientation");
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "enregistrée"));
        JsonNode stored = api.get("/api/families/" + family + "/referrals").expect(200).path("items");
        assertThat(stored).hasSize(1);
        long id = stored.get(0).path("id").asLong();
        assertThat(BROWSER.find("#reponse").getText()).contains("Orientation n° " + id + " enregistrée",
                "Tarif social internet", "Espace France Services");
        assertThat(BROWSER.find("#liste-titre").getText()).isEqualTo("Orientations de la famille (1)");
        assertThat(BROWSER.find("#remarque").getAttribute("value")).as("the form is empty again").isEmpty();
        BROWSER.screenshot("orientations-proposee");

        press("Marquer acceptée l'orientation n° " + id);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), ": acceptée"));
        press("Marquer réalisée l'orientation n° " + id);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), ": réalisée"));
        assertThat(api.get("/api/families/" + family + "/referrals").expect(200).path("items").get(0)
                .path("status").asText()).isEqualTo("DONE");
        assertThat(BROWSER.all("button[name=statut]")).as("a referral done is closed").isEmpty();
        assertThat(BROWSER.find("main").getText()).contains("acceptée le", "réalisée le");
        assertThat(BROWSER.find(".lending-referrals .fr-badge").getAttribute("textContent")).isEqualTo("Réalisée");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("orientations-realisee");
    }

    @Test
    @Tag("sqlite-only")
    void theDeskReachesItFromTheFamilyAndNeverAnotherSchoolsFamily() {
        PageSteps.signInThrough(BROWSER, base(), "/orientations?famille=" + family, "pret.orientations");
        assertThat(BROWSER.find("h1").getText()).contains("Maïa Le Bihan");
        assertThat(BROWSER.find("main a[href='/poste']").getText()).startsWith("Retour au poste de prêt");
        BROWSER.open(base() + "/orientations?famille=" + lycee);
        assertThat(BROWSER.find("#reponse").getText()).contains("Aucune famille n'a le numéro " + lycee);
        assertThat(BROWSER.find("main").getText()).doesNotContain("Famille du Lycée");
        assertThat(BROWSER.all("#type")).isEmpty();
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }
}
