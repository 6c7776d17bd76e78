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
import fr.ecole.lending.support.FailedMessages;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TextLayer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A bundle lent to a family found by name, then a device of it returned broken: keyboard only. The
 * main path runs on PostgreSQL too (the suite's second run), the pages' only browser test there.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class LendAndReturnPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static Api api;

    @BeforeAll
    static void desk() {
        api = new Api(APP);
        PageSteps.user(api, "pret.clavier", "DESK", List.of(COLLEGE), null);
    }

    static String device(String uai, String kind) {
        return api.post("/api/establishments/" + uai + "/devices", Builders.device(kind)).expect(201).path("assetTag").asText();
    }

    static long family(String name) {
        long id = api.post("/api/families", Builders.family(name, COLLEGE)).expect(201).path("id").asLong();
        api.post("/api/families/" + id + "/diagnostics", Map.of("answers", Builders.answers())).expect(201);
        return id;
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    @BeforeEach
    void signedIn() {
        PageSteps.signInThrough(BROWSER, base(), "/poste", "pret.clavier");
    }

    static String scan(String code, String expected) {
        return PageSteps.scan(BROWSER, code, expected);
    }

    /** Finds the family by name, from the keyboard, and chooses it. */
    static void chooseFamily(String name) {
        BROWSER.find("#q").sendKeys(name.split(" ")[1], Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "famille trouvée"));
        BROWSER.driver().findElement(By.linkText("Choisir " + name)).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Famille : " + name));
    }

    static HttpResponse<byte[]> download(String href) throws Exception {
        String cookie = PageSteps.sessionCookie(BROWSER);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aBundleOfThreeIsLentOnceThenADeviceComesBackBrokenWithoutItsCharger() throws Exception {
        String laptop = device(COLLEGE, "LAPTOP");
        String dongle = device(COLLEGE, "DONGLE_4G");
        String headset = device(COLLEGE, "HEADSET");
        String elsewhere = device(LYCEE, "LAPTOP");
        long family = family("Awa Diallo");

        chooseFamily("Awa Diallo");
        assertThat(BROWSER.find(".lending-family").getAttribute("textContent")).contains("Éligible", "Critères version");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");

        assertThat(scan(laptop, laptop)).contains(laptop + " ajouté au prêt (1 appareil)");
        assertThat(scan(dongle, dongle)).contains("(2 appareils)");
        assertThat(scan(elsewhere, elsewhere)).contains("« " + elsewhere + " » : introuvable");
        assertThat(scan(headset, headset)).contains("(3 appareils)");
        assertThat(scan(laptop, "déjà dans le prêt")).contains(laptop);
        assertThat(BROWSER.all(".lending-bundle li")).hasSize(3);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("poste-pret-en-preparation");
        BROWSER.screenshotAt(360, "poste-pret-en-preparation-360");

        assertThat(BROWSER.find("label[for=retour_prevu]").getText()).startsWith("Date de retour prévue");
        if (BROWSER.find("#motif").getAttribute("required") != null) {
            BROWSER.find("#motif").sendKeys("Rentrée : la famille attend son équipement.");
        }
        // Prêter sent twice (the same form posted once more beside the Enter key, as a double press does),
        // then Enter again on the page that answers: one agreement
        BROWSER.script("const form = document.querySelector(\"form[action='/poste/pret']\");"
                + "fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))});");
        BROWSER.find("form[action='/poste/pret'] button").sendKeys(Keys.ENTER);
        new Actions(BROWSER.driver()).sendKeys(Keys.ENTER).perform();
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "Convention AGR-"));
        String lent = BROWSER.find("#reponse").getText();
        assertThat(lent).contains("3 appareils prêtés à Awa Diallo");
        String number = lent.replaceAll("(?s).*Convention (AGR-[0-9-]+) .*", "$1");
        JsonNode agreements = api.get("/api/agreements?uai=" + COLLEGE + "&limit=500").expect(200).path("items");
        List<String> ofFamily = new ArrayList<>();
        agreements.forEach(a -> {
            if (a.path("familyId").asLong() == family) {
                ofFamily.add(a.path("number").asText());
            }
        });
        assertThat(ofFamily).containsExactly(number);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("poste-convention-enregistree");

        // signed on screen by the guardian, whose name the form offers: the radio group from the keyboard;
        // drawing needs a pointer, as a finger or a pen (a person who cannot draw signs on paper)
        assertThat(BROWSER.find("#signe_par").getAttribute("value")).isEqualTo("Awa Diallo");
        assertThat(BROWSER.find("#mode-legende").getText()).isEqualTo("Mode de signature");
        assertThat(BROWSER.find("#zone-signature").isDisplayed()).isFalse();
        BROWSER.find("#mode-papier").sendKeys(Keys.ARROW_DOWN);
        assertThat(BROWSER.find("#mode-ecran").isSelected()).isTrue();
        assertThat(BROWSER.find("label[for=mode-ecran]").getText()).isEqualTo("À l'écran");
        assertThat(BROWSER.find("#signature-dessin").getAttribute("aria-label")).isEqualTo("Zone de signature");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        // nothing drawn yet: refused, the choice and the name kept, nothing signed
        BROWSER.find("#signe_par").sendKeys(Keys.TAB);
        assertThat(BROWSER.focused().getText()).isEqualTo("Enregistrer la signature");
        BROWSER.type(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "rien n'a été dessiné"));
        assertThat(BROWSER.find("#mode-ecran").isSelected()).isTrue();
        assertThat(BROWSER.find("#signe_par").getAttribute("value")).isEqualTo("Awa Diallo");
        assertThat(api.get("/api/agreements/" + number).expect(200).path("signedAt").isNull()).isTrue();

        WebElement pad = BROWSER.find("#signature-dessin");
        new Actions(BROWSER.driver()).moveToElement(pad, -100, 10).clickAndHold().moveByOffset(40, -30)
                .moveByOffset(40, 40).moveByOffset(40, -40).moveByOffset(60, 20).release().perform();
        assertThat(BROWSER.find("#signature_dessinee").getAttribute("value")).startsWith("data:image/png;base64,");
        BROWSER.screenshot("poste-signature-a-l-ecran");
        BROWSER.find("#signe_par").sendKeys(Keys.TAB);
        BROWSER.type(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"),
                "signée à l'écran par Awa Diallo"));
        assertThat(api.get("/api/agreements/" + number).expect(200).path("signedBy").asText()).isEqualTo("Awa Diallo");

        String pdf = BROWSER.driver().findElement(By.linkText("Convention (PDF)")).getAttribute("href");
        HttpResponse<byte[]> document = download(pdf);
        assertThat(TextLayer.images(document.body()))
                .as("the QR code and the drawn signature").isEqualTo(2);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(document.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
        assertThat(document.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(new String(document.body(), 0, 5)).isEqualTo("%PDF-");

        // the return: the laptop, scanned, is offered back
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");
        assertThat(scan(laptop, laptop)).contains("prêté à Awa Diallo");
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("etat-BROKEN")));
        assertThat(BROWSER.find("#etat-legende").getText()).isEqualTo("État de l'appareil");
        assertThat(BROWSER.find("#manquants-legende").getText()).isEqualTo("Accessoires manquants");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("poste-retour");
        BROWSER.find("#etat-BROKEN").sendKeys(Keys.SPACE);
        assertThat(BROWSER.find("label[for=etat-BROKEN]").getText()).isEqualTo("Cassé");
        BROWSER.find("#manque-0").sendKeys(Keys.SPACE);
        assertThat(BROWSER.find("label[for=manque-0]").getText()).isEqualTo("chargeur");
        BROWSER.find("#remarque").sendKeys("Écran fendu <b>net</b>");
        BROWSER.find("#remarque").sendKeys(Keys.TAB);
        assertThat(BROWSER.focused().getText()).isEqualTo("Enregistrer le retour");
        BROWSER.type(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "Retour de " + laptop));
        assertThat(BROWSER.find("#reponse").getText()).contains("cassé, manque : chargeur",
                "d'autres appareils restent prêtés");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("poste-retour-enregistre");
        HttpResponse<byte[]> receipt = download(BROWSER.driver().findElement(By.linkText("Reçu (PDF)")).getAttribute("href"));
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(new String(receipt.body(), 0, 5)).isEqualTo("%PDF-");

        JsonNode returned = api.get("/api/devices/" + laptop).expect(200);
        assertThat(returned.path("status").asText()).isEqualTo("IN_REPAIR");
        assertThat(api.get("/api/devices/" + dongle).expect(200).path("status").asText()).isEqualTo("ON_LOAN");

        // between loans: the broken laptop is in repair and to wipe; the agreement, once late, is overdue
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE agreements SET due_date = ? WHERE number = ?",
                LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(3).toString(), number));
        BROWSER.driver().findElement(By.partialLinkText("Entre les prêts")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("/poste/suivi"));
        assertThat(BROWSER.find("#retard-titre").getText()).isEqualTo("Conventions en retard (1)");
        assertThat(BROWSER.find("table").getText()).contains(number, "Awa Diallo", "SMS");
        assertThat(BROWSER.find("main").getText()).contains("En réparation (1)");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        BROWSER.screenshot("suivi-a-effacer");
        // the week's reminders: Awa Diallo prefers SMS, so she is in the file, not among the letters
        String csrf = BROWSER.find("form[action='/poste/relances'] input[name=csrf]").getAttribute("value");
        assertThat(BROWSER.all("form[action='/poste/relances'] button")).extracting(b -> b.getText())
                .containsExactly("Lettres de relance à imprimer (PDF)", "Fichier de relance SMS et courriel (CSV)");
        // the letters (none here: she prefers SMS) open in the browser's viewer: the PDF's own policy
        HttpResponse<byte[]> letters = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                        + "/poste/relances")).header("Cookie", PageSteps.sessionCookie(BROWSER))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&ecole=" + COLLEGE + "&format=pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(letters.statusCode()).isEqualTo(200);
        assertThat(letters.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(letters.headers().allValues("Content-Security-Policy")).containsExactly("frame-ancestors 'none'");
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                        + "/poste/relances")).header("Cookie", PageSteps.sessionCookie(BROWSER))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&ecole=" + COLLEGE + "&format=csv")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("Awa Diallo", number);
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"Confirmer l'effacement de " + laptop + "\"]"))
                .sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "effacement confirmé"));
        assertThat(BROWSER.find("#effacer-titre").getText()).isEqualTo("À effacer (0)");
        assertThat(api.get("/api/devices/" + laptop).expect(200).path("needsWipe").asBoolean()).isFalse();
    }

    @Test
    @Tag("sqlite-only")
    void aDeviceOfTheDesksOtherSchoolIsRefusedByName() {
        PageSteps.user(api, "pret.deux-ecoles", "DESK", List.of(COLLEGE, ECOLE), null);
        String ours = device(COLLEGE, "LAPTOP");
        String otherSchools = device(ECOLE, "LAPTOP");
        family("Nour Haddad");
        PageSteps.signInThrough(BROWSER, base(), "/poste", "pret.deux-ecoles");
        assertThat(BROWSER.find("label[for=ecole]").getText()).isEqualTo("Établissement");
        chooseFamily("Nour Haddad");
        assertThat(scan(ours, ours)).contains("ajouté au prêt");
        String refused = scan(otherSchools, otherSchools);
        assertThat(refused).contains("Refusé : " + otherSchools, "autre établissement (" + ECOLE + ")");
        assertThat(BROWSER.find("#reponse [role=alert]").isDisplayed()).isTrue();
        assertThat(BROWSER.all(".lending-bundle li")).hasSize(1);
    }

    @Test
    @Tag("sqlite-only")
    void aDeviceBackFromRepairJoinsThePoolAndTheLabelsPrint() throws Exception {
        String laptop = device(COLLEGE, "LAPTOP");
        api.patch("/api/devices/" + laptop, Map.of("status", "IN_REPAIR", "note", "Clavier")).expect(200);
        // a copy of a signed agreement asked for at the desk: queued, and listed between loans (no mail server here)
        String number = api.post("/api/agreements", Builders.agreement(family("Inès Copie"), COLLEGE,
                List.of(device(COLLEGE, "LAPTOP")), "copie-suivi")).expect(201).path("number").asText();
        api.post("/api/agreements/" + number + "/signature", Map.of("signedBy", "Inès Copie",
                "signedAt", java.time.Instant.now().minusSeconds(5).toString())).expect(200);
        api.post("/api/agreements/" + number + "/copy", Map.of("email", "ines.copie@example.org")).expect(202);
        // and an SMS the gateway refused ten times: given up, the desk sends it again
        long failed = FailedMessages.insert(APP.getConfiguration().getDataSourceFactory().getUrl(), COLLEGE);
        BROWSER.driver().findElement(By.partialLinkText("Entre les prêts")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("/poste/suivi"));
        assertThat(BROWSER.find("#courriels-titre").getText()).isEqualTo("Courriels et SMS aux familles (2)");
        assertThat(BROWSER.find("section[aria-labelledby=courriels-titre] table").getText())
                .contains("ines.copie@example.org", "en attente d'envoi", number, "+33611223344", "abandonné après 10 essais");
        assertThat(BROWSER.all("form[action='/poste/renvoi'] button")).extracting(b -> b.getText())
                .containsExactly("Renvoyer le message n° " + failed);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"Renvoyer le message n° " + failed + "\"]"))
                .sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "repart"));
        assertThat(BROWSER.all("form[action='/poste/renvoi'] button")).isEmpty();
        JsonNode again = api.get("/api/messages?uai=" + COLLEGE + "&status=QUEUED").expect(200).path("items");
        assertThat(again).extracting(m -> m.path("id").asLong()).contains(failed);
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"Revenu de réparation : " + laptop + "\"]"))
                .sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "revenu de réparation"));
        assertThat(api.get("/api/devices/" + laptop).expect(200).path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        HttpResponse<byte[]> sheet = download(BROWSER.driver().findElement(By.partialLinkText("Étiquettes du parc"))
                .getAttribute("href"));
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(new String(sheet.body(), 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    @Tag("sqlite-only")
    void anAdministratorTypesTheSchoolItLendsFor() {
        PageSteps.user(api, "admin.pages", "ADMIN", null, null);
        PageSteps.signInThrough(BROWSER, base(), "/poste", "admin.pages");
        assertThat(BROWSER.find("body").getText()).contains("Indiquez l'établissement qui prête");
        BROWSER.find("#ecole").sendKeys(COLLEGE.toLowerCase(java.util.Locale.ROOT), Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("ecole="));
        assertThat(BROWSER.find("#ecole").getAttribute("value")).isEqualTo(COLLEGE);
        assertThat(BROWSER.all("#q")).hasSize(1);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    @Tag("sqlite-only")
    void aLoanRefusedKeepsTheBundleAndWhatWasTyped() {
        String laptop = device(COLLEGE, "LAPTOP");
        long id = api.post("/api/families", Builders.family("Léa Sansdiagnostic", COLLEGE)).expect(201).path("id").asLong();
        assertThat(id).isPositive();
        chooseFamily("Léa Sansdiagnostic");
        assertThat(BROWSER.find(".lending-family").getAttribute("textContent")).contains("Aucun diagnostic");
        scan(laptop, "ajouté au prêt");
        assertThat(BROWSER.find("#motif").getAttribute("required")).isNotNull();
        // the browser would refuse an empty required field: the server must too, so the attribute is taken away
        BROWSER.script("document.getElementById('motif').removeAttribute('required');");
        BROWSER.find("form[action='/poste/pret'] button").sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "Prêt refusé"));
        assertThat(BROWSER.find("#reponse [role=alert]").getText()).contains("indiquez le motif du prêt");
        assertThat(BROWSER.all(".lending-bundle li")).extracting(li -> li.getText()).anyMatch(t -> t.contains(laptop));
        assertThat(api.get("/api/devices/" + laptop).expect(200).path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void aBrokenLaptopIsSwappedForAnotherUnderTheSameAgreement() throws Exception {
        String broken = device(COLLEGE, "LAPTOP");
        String replacement = device(COLLEGE, "LAPTOP");
        JsonNode agreement = api.post("/api/agreements", Builders.agreement(family("Noé Remplacement"), COLLEGE,
                List.of(broken), "page-swap")).expect(201);
        String number = agreement.path("number").asText();
        scan(broken, broken);
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Remplacer cet appareil']")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("remplacement")));
        assertThat(BROWSER.find("#reponse").getText()).contains("scannez l'appareil de remplacement");
        assertThat(BROWSER.find("label[for=remplacement]").getText()).startsWith("Appareil de remplacement");
        assertThat(BROWSER.find("#etat-legende").getText()).isEqualTo("État de l'appareil");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("poste-echange");
        // another kind first: refused by name, what was typed kept, nothing changed
        String headset = device(COLLEGE, "HEADSET");
        BROWSER.find("#etat-BROKEN").sendKeys(Keys.SPACE);
        BROWSER.find("#remplacement").sendKeys(headset, Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "Échange refusé"));
        assertThat(BROWSER.find("#reponse [role=alert]").getText()).contains(headset);
        assertThat(BROWSER.find("#remplacement").getAttribute("value")).isEqualTo(headset);
        assertThat(BROWSER.find("#etat-BROKEN").isSelected()).isTrue();
        assertThat(api.get("/api/devices/" + broken).expect(200).path("status").asText()).isEqualTo("ON_LOAN");

        BROWSER.find("#remplacement").clear();
        BROWSER.find("#remplacement").sendKeys(replacement, Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "Échange enregistré"));
        assertThat(BROWSER.find("#reponse").getText()).contains(broken + " rendu (cassé)", replacement, number);
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        HttpResponse<byte[]> amendment = download(BROWSER.driver().findElement(By.linkText("Avenant (PDF)"))
                .getAttribute("href"));
        assertThat(amendment.statusCode()).isEqualTo(200);
        assertThat(TextLayer.of(amendment.body()).replaceAll("\\s+", " ")).contains(number, broken, replacement);
        assertThat(api.get("/api/devices/" + broken).expect(200).path("status").asText()).isEqualTo("IN_REPAIR");
        JsonNode in = api.get("/api/devices/" + replacement).expect(200);
        assertThat(in.path("openLoan").path("agreementNumber").asText()).isEqualTo(number);
        assertThat(in.path("openLoan").path("dueDate").asText()).isEqualTo(agreement.path("dueDate").asText());
        // repaired and wiped, so that the other tests find the pool's lists as they left them
        api.patch("/api/devices/" + broken, Map.of("status", "AVAILABLE", "note", "Écran remplacé")).expect(200);
        api.post("/api/devices/" + broken + "/wipe", Map.of("note", "Réinitialisé")).expect(200);
    }
}
