package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The pool page in a real browser, at the keyboard: a laptop and a 4G dongle added, a device refused
 * with what was typed kept, a delivery imported (and one refused whole), the labels of the devices
 * ticked; and what neither a forged form nor a desk of another school can do.
 */
@Tag("sqlite-only")
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class PoolPagesIT {
    /** A delivery's file may weigh this much here (4 MiB by default): the limit is tried with files of tens of kB. */
    static final int MAX_DELIVERY = 64 * 1024;
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory(
            "maxDeskCsvBodyBytes", String.valueOf(MAX_DELIVERY));
    static final Browser BROWSER = new Browser();
    static final Pattern ADDED = Pattern.compile("(Ordinateur portable|Clé 4G) (\\S+) ajouté au parc");
    static Api api;

    @BeforeAll
    static void desks() {
        api = new Api(APP);
        PageSteps.user(api, "parc.college", "DESK", List.of(COLLEGE), null);
        PageSteps.user(api, "parc.lycee", "DESK", List.of(LYCEE), null);
        PageSteps.user(api, "parc.admin", "ADMIN", null, null);
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static String device(String uai) {
        return api.post("/api/establishments/" + uai + "/devices", Builders.laptop()).expect(201).path("assetTag").asText();
    }

    /** The pool of {@code uai} as the API lists it: serial (or tag, without one) to tag. */
    static Map<String, String> pool(String uai) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode device : api.get("/api/establishments/" + uai + "/devices?limit=500").expect(200).path("items")) {
            String serial = device.path("serial").asText("");
            tags.put(serial.isEmpty() ? device.path("assetTag").asText() : serial, device.path("assetTag").asText());
        }
        return tags;
    }

    static void signIn(String name) {
        PageSteps.signInThrough(BROWSER, base(), "/poste/parc", name);
    }

    /** Types into a field of the page as a person does: focus, everything selected, the new text over it. */
    static void typeInto(String id, CharSequence... keys) {
        WebElement field = BROWSER.find("#" + id);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(keys);
    }

    static void accessibleAtBothWidths() {
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
    }

    static HttpResponse<byte[]> page(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Cookie", PageSteps.sessionCookie(BROWSER)).header("Accept", "text/html")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> form(String path, Map<String, List<String>> fields) throws Exception {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, values) -> values.forEach(value -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return page("POST", path, "application/x-www-form-urlencoded",
                String.join("&", pairs).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> upload(Map<String, String> fields, String csv) throws Exception {
        String boundary = "----limite" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"livraison\"; filename=\"livraison.csv\"\r\n")
                .append("Content-Type: text/csv\r\n\r\n").append(csv).append("\r\n--").append(boundary).append("--\r\n");
        return page("POST", "/poste/parc/livraison", "multipart/form-data; boundary=" + boundary,
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The PDF at {@code href} (an address the page links to), as its text layer reads, spaces removed. */
    static String pdfText(String href) throws Exception {
        HttpResponse<byte[]> pdf = page("GET", href.replace(base(), ""), null, null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return TextLayer.of(pdf.body()).replaceAll("\\s", "");
    }

    static String csrf() {
        return BROWSER.find("input[name=csrf]").getAttribute("value");
    }

    @Test
    void aLaptopAndADongleAreAddedFromTheKeyboard() throws Exception {
        signIn("parc.college");
        accessibleAtBothWidths();
        BROWSER.screenshot("parc-1280");
        BROWSER.screenshotAt(360, "parc-360");

        BROWSER.find("#type-LAPTOP").sendKeys(Keys.SPACE);
        typeInto("modele", "Lenovo ThinkPad L13");
        typeInto("accessoires", "chargeur, housse");
        typeInto("serie", "PF-PAGE-001", Keys.ENTER);
        Matcher laptop = ADDED.matcher(PageSteps.answer(BROWSER, "reponse-ajout", "ajouté au parc"));
        assertThat(laptop.find()).isTrue();
        String laptopTag = laptop.group(2);
        assertThat(BROWSER.find("tbody").getText()).contains(laptopTag, "PF-PAGE-001", "Lenovo ThinkPad L13");
        // ready for the next device of the same model: only its serial to scan
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("serie");
        assertThat(PageSteps.inView(BROWSER, "#reponse-ajout")).isTrue();
        assertThat(PageSteps.inView(BROWSER, "#serie")).isTrue();
        assertThat(BROWSER.find("#modele").getAttribute("value")).isEqualTo("Lenovo ThinkPad L13");
        assertThat(BROWSER.find("#type-LAPTOP").isSelected()).isTrue();
        String label = BROWSER.driver().findElement(By.linkText("Étiquette de " + laptopTag + " (PDF)")).getAttribute("href");
        assertThat(pdfText(label)).contains(laptopTag);
        JsonNode registered = api.get("/api/devices/" + laptopTag).expect(200);
        assertThat(registered.path("accessories").toString()).isEqualTo("[\"chargeur\",\"housse\"]");
        accessibleAtBothWidths();
        BROWSER.screenshot("parc-appareil-ajoute");

        assertThat(BROWSER.find("#accessoires").getAttribute("value")).isEqualTo("chargeur, housse");
        BROWSER.find("#type-DONGLE_4G").sendKeys(Keys.SPACE);
        typeInto("modele", "Huawei E3372");
        typeInto("accessoires", Keys.BACK_SPACE);
        typeInto("serie", "861234050099001");
        typeInto("iccid", "8933150123456789001");
        typeInto("telephone", "06 12 34 56 78");
        typeInto("forfait", "50");
        typeInto("fin_forfait", "31/08/2027", Keys.ENTER);
        Matcher dongle = ADDED.matcher(PageSteps.answer(BROWSER, "reponse-ajout", "Clé 4G"));
        assertThat(dongle.find()).isTrue();
        JsonNode sim = api.get("/api/devices/" + dongle.group(2)).expect(200);
        assertThat(sim.path("kind").asText()).isEqualTo("DONGLE_4G");
        assertThat(sim.path("sim").path("iccid").asText()).isEqualTo("8933150123456789001");
        assertThat(sim.path("sim").path("planEnds").asText()).isEqualTo("2027-08-31");
        assertThat(sim.path("sim").path("dataPlanGb").asInt()).isEqualTo(50);
        assertThat(BROWSER.find("tbody").getText()).contains(dongle.group(2), laptopTag);
        accessibleAtBothWidths();
    }

    @Test
    void anAdministratorAddsToTheSchoolTheyType() {
        signIn("parc.admin");
        assertThat(BROWSER.find("main").getText()).contains("Indiquez l'établissement");
        BROWSER.find("#ecole").sendKeys(LYCEE, Keys.ENTER);
        BROWSER.waiting().until(ExpectedConditions.urlContains("ecole=" + LYCEE));
        BROWSER.find("#type-HEADSET").sendKeys(Keys.SPACE);
        typeInto("modele", "Jabra Evolve 20", Keys.ENTER);
        Matcher headset = Pattern.compile("Casque (\\S+) ajouté au parc").matcher(PageSteps.answer(BROWSER, "reponse-ajout", "ajouté au parc"));
        assertThat(headset.find()).isTrue();
        assertThat(pool(LYCEE)).containsValue(headset.group(1));
        accessibleAtBothWidths();
    }

    @Test
    void aRefusedDeviceKeepsWhatWasTypedAndSaysWhy() {
        Map<String, Object> body = Builders.laptop();
        String taken = api.post("/api/establishments/" + COLLEGE + "/devices", body).expect(201).path("assetTag").asText();
        int before = pool(COLLEGE).size();
        signIn("parc.college");

        BROWSER.find("#type-LAPTOP").sendKeys(Keys.SPACE);
        typeInto("modele", "Dell Latitude 3440");
        typeInto("inventaire", "INV-GARDE-1");
        typeInto("accessoires", "chargeur");
        typeInto("serie", (String) body.get("serial"), Keys.ENTER);
        String refusal = PageSteps.answer(BROWSER, "reponse-ajout", "Appareil non ajouté");
        assertThat(refusal).contains("Numéro de série", "déjà enregistré", taken);
        assertThat(BROWSER.find("#reponse-ajout [role=alert]").isDisplayed()).isTrue();
        assertThat(PageSteps.inView(BROWSER, "#reponse-ajout")).isTrue();
        assertThat(BROWSER.find("#modele").getAttribute("value")).isEqualTo("Dell Latitude 3440");
        assertThat(BROWSER.find("#inventaire").getAttribute("value")).isEqualTo("INV-GARDE-1");
        assertThat(BROWSER.find("#accessoires").getAttribute("value")).isEqualTo("chargeur");
        assertThat(BROWSER.find("#serie").getAttribute("value")).isEqualTo(body.get("serial"));
        assertThat(BROWSER.find("#type-LAPTOP").isSelected()).isTrue();
        assertThat(BROWSER.find("#serie").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("serie");
        assertThat(BROWSER.find("#serie-erreur").getText()).contains("déjà enregistré");
        accessibleAtBothWidths();
        BROWSER.screenshot("parc-appareil-refuse");
        assertThat(api.get("/api/devices/INV-GARDE-1").status()).isEqualTo(404);
        assertThat(pool(COLLEGE)).hasSize(before);
    }

    @Test
    void aDeliveryOfThreeIsImportedAndItsSheetHoldsExactlyThoseTags() throws Exception {
        String earlier = device(COLLEGE);
        long stamp = System.nanoTime() % 1_000_000_000L;
        List<String> serials = List.of("LIV-A-" + stamp, "LIV-B-" + stamp, "LIV-C-" + stamp);
        Path file = Files.createTempFile("livraison-", ".csv");
        Files.writeString(file, "kind;serial;model;accessories;simIccid;simPhone;simDataPlanGb;simPlanEnds\n"
                + "LAPTOP;" + serials.get(0) + ";Lenovo ThinkPad L13;chargeur;;;;\n"
                + "DONGLE_4G;" + serials.get(1) + ";Huawei E3372;;89331501" + String.format("%011d", stamp) + ";;50;2027-08-31\n"
                + "HEADSET;" + serials.get(2) + ";Jabra Evolve 20;;;;;\n");
        signIn("parc.college");

        BROWSER.find("#livraison").sendKeys(file.toAbsolutePath().toString());
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Importer la livraison']")).sendKeys(Keys.ENTER);
        assertThat(PageSteps.answer(BROWSER, "reponse-livraison", "Livraison importée")).contains("3 appareils ajoutés au parc");
        assertThat(PageSteps.inView(BROWSER, "#reponse-livraison")).isTrue();
        assertThat(BROWSER.focused().getText()).isEqualTo("Étiquettes de la livraison (PDF)");
        Map<String, String> pool = pool(COLLEGE);
        List<String> delivered = serials.stream().map(pool::get).toList();
        assertThat(delivered).doesNotContainNull();
        assertThat(BROWSER.find("tbody").getText()).contains(delivered.toArray(String[]::new));
        accessibleAtBothWidths();
        BROWSER.screenshot("parc-livraison-importee");
        BROWSER.screenshotAt(360, "parc-livraison-importee-360");

        String sheet = pdfText(BROWSER.driver().findElement(By.linkText("Étiquettes de la livraison (PDF)")).getAttribute("href"));
        for (String tag : pool.values()) {
            if (delivered.contains(tag)) {
                assertThat(sheet).contains(tag);
            } else {
                assertThat(sheet).doesNotContain(tag);
            }
        }
        assertThat(sheet).doesNotContain(earlier);
    }

    @Test
    void aDeliveryWithABadLineIsRefusedWholeAndSaysWhichLine() throws Exception {
        long stamp = System.nanoTime() % 1_000_000_000L;
        Path file = Files.createTempFile("livraison-", ".csv");
        Files.writeString(file, "kind;serial;model\nLAPTOP;BAD-A-" + stamp + ";Lenovo ThinkPad L13\n"
                + "LAPTOP;BAD-B-" + stamp + ";\nLAPTOP;BAD-C-" + stamp + ";Lenovo ThinkPad L13\n");
        int before = pool(COLLEGE).size();
        signIn("parc.college");

        BROWSER.find("#livraison").sendKeys(file.toAbsolutePath().toString());
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Importer la livraison']")).sendKeys(Keys.ENTER);
        String refusal = PageSteps.answer(BROWSER, "reponse-livraison", "Livraison refusée");
        assertThat(refusal).contains("rien n'a été importé", "Ligne 3", "« model »");
        assertThat(BROWSER.find("#reponse-livraison [role=alert]").isDisplayed()).isTrue();
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("livraison");
        assertThat(pool(COLLEGE)).hasSize(before).doesNotContainKey("BAD-A-" + stamp);
        accessibleAtBothWidths();
        BROWSER.screenshot("parc-livraison-refusee");

        // a line whose serial a device of another school has: found before anything is written
        Map<String, Object> taken = Builders.laptop();
        api.post("/api/establishments/" + LYCEE + "/devices", taken).expect(201);
        String again = new String(upload(Map.of("csrf", csrf(), "ecole", COLLEGE), "kind;serial;model\nLAPTOP;BAD-D-"
                + stamp + ";Lenovo ThinkPad L13\nLAPTOP;" + taken.get("serial") + ";Lenovo ThinkPad L13\n").body(),
                StandardCharsets.UTF_8);
        assertThat(again).contains("Livraison refusée", "Ligne 3", "déjà enregistré");
        assertThat(pool(COLLEGE)).hasSize(before).doesNotContainKey("BAD-D-" + stamp);
    }

    @Test
    void aFileOverTheDesksLimitIsRefusedAndNothingIsImported() throws Exception {
        long stamp = System.nanoTime() % 1_000_000_000L;
        StringBuilder csv = new StringBuilder("kind;serial;model\n");
        for (int i = 0; csv.length() <= MAX_DELIVERY + 4096; i++) {
            csv.append("LAPTOP;GROS-").append(stamp).append('-').append(i).append(";Lenovo ThinkPad L13 Gen 4 (21FN)\n");
        }
        Path file = Files.createTempFile("livraison-", ".csv");
        Files.writeString(file, csv);
        int before = pool(COLLEGE).size();
        signIn("parc.college");
        assertThat(BROWSER.find("label[for=livraison]").getText()).contains("64 Kio au plus");

        // in the browser: said before anything is sent
        BROWSER.find("#livraison").sendKeys(file.toAbsolutePath().toString());
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Importer la livraison']")).sendKeys(Keys.ENTER);
        assertThat(PageSteps.answer(BROWSER, "reponse-livraison", "rien n'a été envoyé")).contains("dépasse 64 Kio");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("livraison");
        assertThat(BROWSER.driver().getCurrentUrl()).endsWith("/poste/parc");

        // sent all the same (no scripts): refused by the service, as the API refuses the same file
        HttpResponse<byte[]> over = upload(Map.of("csrf", csrf(), "ecole", COLLEGE), csv.toString());
        assertThat(new String(over.body(), StandardCharsets.UTF_8)).contains("Livraison refusée", "dépasse 64 Kio");
        assertThat(upload(Map.of("csrf", csrf(), "ecole", COLLEGE), csv.toString().repeat(2)).statusCode()).isEqualTo(413);
        assertThat(api.postRaw("/api/establishments/" + COLLEGE + "/imports/devices", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(413);
        assertThat(pool(COLLEGE)).hasSize(before);
    }

    @Test
    void theLabelsOfTheDevicesTickedAndOnlyThose() throws Exception {
        String first = device(COLLEGE);
        String second = device(COLLEGE);
        String left = device(COLLEGE);
        signIn("parc.college");

        // none ticked: said so, nothing printed
        WebElement print = BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Imprimer les étiquettes choisies']"));
        print.sendKeys(Keys.ENTER);
        assertThat(PageSteps.answer(BROWSER, "reponse", "Aucun appareil coché")).contains("cochez au moins un appareil");
        accessibleAtBothWidths();

        for (String tag : List.of(first, second)) {
            WebElement label = BROWSER.driver().findElement(By.xpath("//label[normalize-space()='" + tag + "']"));
            BROWSER.find("#" + label.getAttribute("for")).sendKeys(Keys.SPACE);
        }
        assertThat(BROWSER.all("input[name=appareil]:checked")).hasSize(2);
        BROWSER.script("document.getElementById('liste-titre').scrollIntoView();");
        BROWSER.screenshot("parc-etiquettes-choisies");
        // what the form sends, as the browser sends it
        String sent = (String) BROWSER.script("return new URLSearchParams(new FormData(document.getElementById('choix'))).toString();");
        HttpResponse<byte[]> pdf = page("POST", "/poste/parc/etiquettes", "application/x-www-form-urlencoded",
                sent.getBytes(StandardCharsets.UTF_8));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String sheet = TextLayer.of(pdf.body()).replaceAll("\\s", "");
        assertThat(sheet).contains(first, second).doesNotContain(left);
        // the browser's own viewer opens it: of the pages' policy, only the framing rule
        assertThat(pdf.headers().allValues("Content-Security-Policy")).containsExactly("frame-ancestors 'none'");
        // and the button opens it in the browser
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Imprimer les étiquettes choisies']")).sendKeys(Keys.ENTER);
        BROWSER.waiting().until(driver -> "application/pdf".equals(BROWSER.script("return document.contentType;")));
    }

    @Test
    void aFormWithoutItsTokenAddsNothing() throws Exception {
        signIn("parc.college");
        Map<String, List<String>> laptop = new LinkedHashMap<>(Map.of("ecole", List.of(COLLEGE), "type", List.of("LAPTOP"),
                "modele", List.of("Lenovo ThinkPad L13"), "serie", List.of("SANS-JETON-1")));
        assertThat(form("/poste/parc/appareil", laptop).statusCode()).isEqualTo(403);
        laptop.put("csrf", List.of("un-jeton-forge"));
        assertThat(form("/poste/parc/appareil", laptop).statusCode()).isEqualTo(403);
        assertThat(upload(Map.of("ecole", COLLEGE), "kind;serial;model\nLAPTOP;SANS-JETON-2;Lenovo ThinkPad L13\n")
                .statusCode()).isEqualTo(403);
        assertThat(pool(COLLEGE)).doesNotContainKeys("SANS-JETON-1", "SANS-JETON-2");

        // the same form with its token is taken: the refusals above were the token's
        laptop.put("csrf", List.of(csrf()));
        assertThat(form("/poste/parc/appareil", laptop).statusCode()).isEqualTo(303);
        assertThat(pool(COLLEGE)).containsKey("SANS-JETON-1");
    }

    @Test
    void aDeskOfAnotherSchoolCannotAddToOrPrintForThisSchool() throws Exception {
        String college = device(COLLEGE);
        signIn("parc.lycee");
        assertThat(BROWSER.find("main").getText()).doesNotContain(college);
        String token = csrf();

        Map<String, List<String>> laptop = Map.of("csrf", List.of(token), "ecole", List.of(COLLEGE),
                "type", List.of("LAPTOP"), "modele", List.of("Lenovo ThinkPad L13"), "serie", List.of("AUTRE-ECOLE-1"));
        HttpResponse<byte[]> added = form("/poste/parc/appareil", laptop);
        assertThat(added.statusCode()).isEqualTo(403);
        assertThat(new String(added.body(), StandardCharsets.UTF_8)).contains("Établissement hors de votre périmètre", "a été enregistré");
        assertThat(upload(Map.of("csrf", token, "ecole", COLLEGE), "kind;serial;model\nLAPTOP;AUTRE-ECOLE-2;Lenovo\n")
                .statusCode()).isEqualTo(403);
        assertThat(pool(COLLEGE)).doesNotContainKeys("AUTRE-ECOLE-1", "AUTRE-ECOLE-2");
        assertThat(pool(LYCEE)).doesNotContainKeys("AUTRE-ECOLE-1", "AUTRE-ECOLE-2");

        assertThat(form("/poste/parc/etiquettes", Map.of("csrf", List.of(token), "ecole", List.of(COLLEGE),
                "appareil", List.of(college))).statusCode()).isEqualTo(403);
        assertThat(page("GET", "/poste/etiquettes.pdf?ecole=" + COLLEGE + "&appareils=" + college, null, null)
                .statusCode()).isEqualTo(403);
        // its own school's sheet with the other's device: not found, as an unknown tag
        HttpResponse<byte[]> own = form("/poste/parc/etiquettes", Map.of("csrf", List.of(token), "appareil", List.of(college)));
        assertThat(own.statusCode()).isEqualTo(404);
        assertThat(own.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page("GET", "/poste/etiquettes.pdf?appareils=" + college, null, null).headers()
                .allValues("Content-Security-Policy")).singleElement().asString().contains("script-src 'self'");
        assertThat(page("GET", "/poste/etiquettes.pdf?appareils=" + college, null, null).statusCode()).isEqualTo(404);
    }
}
