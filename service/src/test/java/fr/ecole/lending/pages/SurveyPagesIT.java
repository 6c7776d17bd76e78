package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The school's survey page in a real browser, at the keyboard: a campaign created, its slips printed,
 * answers collected on paper imported (a file refused whole first), the families' requests to be
 * called back handled and erased; what a desk of another school cannot see or do; and the survey's
 * figures on the territory's dashboard, as the report gives them to a collectivity. The main path
 * runs on PostgreSQL too.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class SurveyPagesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final Browser BROWSER = new Browser();
    static final String QUESTIONS = "devicesForSchoolwork;hasSmartphone;pupilsInHousehold;adultsTeleworking;headset;"
            + "homeInternet;fixedSpeed;mobile4g";
    /** No device, a smartphone, no connection: a household the survey is for. */
    static final String UNEQUIPPED = "0;oui;2;0;NONE;NONE;NONE;NONE";
    static final String EQUIPPED = "2;non;2;1;OK;FIXED_BOX;30_TO_100;GOOD";
    static final int PUPILS = 12;
    static Api api;
    static String collectivity;

    @BeforeAll
    static void desksAndPupils() {
        api = new Api(APP);
        PageSteps.user(api, "enquete.college", "DESK", List.of(COLLEGE), null);
        PageSteps.user(api, "enquete.lycee", "DESK", List.of(LYCEE), null);
        PageSteps.user(api, "rennes.tableau", "COLLECTIVITY", null, "commune:35238");
        PageSteps.user(api, "saintmalo.tableau", "COLLECTIVITY", null, "commune:35288");
        collectivity = api.post("/api/users", Map.of("name", "rennes.api", "role", "COLLECTIVITY", "territory",
                "commune:35238")).expect(201).path("token").asText();
        int schoolYear = SchoolCalendar.schoolYear(SchoolCalendar.today(Clock.systemUTC()));
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "INSERT INTO enrolments (uai, school_year, pupils) VALUES (?, ?, ?)", COLLEGE, schoolYear, PUPILS));
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static void press(String name) {
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()=\"" + name + "\"]")).sendKeys(Keys.ENTER);
    }

    /** Scrolls the page to the element, for a screenshot of what matters. */
    static void show(String css) {
        BROWSER.script("document.querySelector(arguments[0]).scrollIntoView()", css);
    }

    static void accessibleAtBothWidths() {
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
    }

    /** The campaign's codes as the API's codes.csv gives them, printed form (ABCD-EFGH). */
    static List<String> codes(long survey) {
        List<String> lines = new ArrayList<>(List.of(api.get("/api/surveys/" + survey + "/codes.csv").text()
                .replace("\ufeff", "").strip().split("\\R")));
        assertThat(lines.remove(0)).isEqualTo("code");
        return lines.stream().map(String::strip).toList();
    }

    static long answers(long survey) {
        return api.get("/api/surveys/" + survey).expect(200).path("answers").asLong();
    }

    /** An answer from the public form by a family who asks to be called back. */
    static void callMeBack(String code, String name, String phone) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("devicesForSchoolwork", 0);
        answers.put("hasSmartphone", true);
        answers.put("pupilsInHousehold", 2);
        answers.put("adultsTeleworking", 0);
        for (String question : List.of("headset", "homeInternet", "fixedSpeed", "mobile4g")) {
            answers.put(question, "NONE");
        }
        api.as(null).post("/api/surveys/answers", Map.of("code", code, "answers", answers,
                "contact", Map.of("name", name, "phone", phone))).expect(201);
    }

    static Path file(String csv) throws Exception {
        Path file = Files.createTempFile("reponses-", ".csv");
        Files.writeString(file, csv);
        return file;
    }

    static HttpResponse<byte[]> page(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Cookie", PageSteps.sessionCookie(BROWSER))
                .header("Accept", path.contains(".csv") ? "text/csv" : "text/html")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> form(String path, Map<String, String> fields) throws Exception {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return page("POST", path, "application/x-www-form-urlencoded", String.join("&", pairs));
    }

    static String csrf() {
        return BROWSER.find("input[name=csrf]").getAttribute("value");
    }

    @Test
    void aDeskRunsACampaignFromTheKeyboard() throws Exception {
        PageSteps.signInThrough(BROWSER, base(), "/poste/enquetes", "enquete.college");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Enquêtes auprès des familles");
        assertThat(BROWSER.find("nav a[aria-current=page]").getText()).isEqualTo("Enquêtes auprès des familles");
        assertThat(BROWSER.find("label[for=codes]").getText()).contains("soit " + PUPILS + " codes");
        accessibleAtBothWidths();

        // the number of codes left empty: one per pupil enrolled
        BROWSER.find("#codes").sendKeys(Keys.TAB, Keys.ENTER);
        String created = PageSteps.answer(BROWSER, "reponse-creation", "créée");
        JsonNode listed = api.get("/api/establishments/" + COLLEGE + "/surveys").expect(200).path("items");
        long survey = listed.get(listed.size() - 1).path("id").asLong();
        assertThat(created).contains("Enquête n° " + survey + " créée : " + PUPILS + " codes. Imprimez les fiches "
                + "et remettez-en une à chaque famille.");
        String slipsLink = "Fiches à distribuer (PDF), enquête n° " + survey;
        assertThat(BROWSER.focused().getText()).isEqualTo(slipsLink);
        assertThat(BROWSER.find("tr[data-enquete='" + survey + "']").getText()).contains(PUPILS + " 0 0 %");
        BROWSER.screenshot("enquetes-creee");

        // the slips: a PDF at the page's own address, with every code of the campaign
        List<String> codes = codes(survey);
        assertThat(codes).hasSize(PUPILS);
        String href = BROWSER.find("#reponse-creation a").getAttribute("href");
        HttpResponse<byte[]> pdf = page("GET", href.replace(base(), ""), null, null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
        String slips = TextLayer.of(pdf.body()).replaceAll("\\s", "");
        codes.forEach(code -> assertThat(slips).contains(code));

        // a file with problems: each listed by line and column, nothing stored
        BROWSER.find("#reponses").sendKeys(file("code;" + QUESTIONS + "\n" + codes.get(0) + ";" + UNEQUIPPED + "\n"
                + codes.get(1) + ";0;oui;2;0;NONE;PEUT-ETRE;NONE;NONE\nAB-12;" + EQUIPPED + "\n").toString());
        press("Importer les réponses");
        String refused = PageSteps.answer(BROWSER, "reponse-import", "Fichier refusé");
        assertThat(refused).contains("aucune réponse n'a été enregistrée", "Ligne 3, colonne « homeInternet »",
                "Ligne 4, colonne « code »");
        assertThat(BROWSER.find("#reponse-import [role=alert]").isDisplayed()).isTrue();
        assertThat(PageSteps.inView(BROWSER, "#reponse-import")).as("the page opens on the answer").isTrue();
        assertThat(answers(survey)).isZero();
        accessibleAtBothWidths();
        show("#import-titre");
        BROWSER.screenshot("enquetes-fichier-refuse");

        BROWSER.find("#reponses").sendKeys(file("code;" + QUESTIONS + "\n" + codes.get(0) + ";" + UNEQUIPPED + "\n"
                + codes.get(1) + ";" + EQUIPPED + "\n" + codes.get(2).toLowerCase() + ";" + UNEQUIPPED + "\n").toString());
        press("Importer les réponses");
        assertThat(PageSteps.answer(BROWSER, "reponse-import", "Réponses importées")).contains("3 réponses enregistrées pour l'enquête n° "
                + survey);
        assertThat(answers(survey)).isEqualTo(3);
        assertThat(BROWSER.find("tr[data-enquete='" + survey + "']").getText()).contains(PUPILS + " 3 25 %");

        // two families asked to be called back from the public form
        callMeBack(codes.get(3), "Awa Diallo", "06 11 22 33 44");
        callMeBack(codes.get(4), "Lou <b>Martin</b>", "07 55 44 33 22");
        BROWSER.open(base() + "/poste/enquetes");
        assertThat(BROWSER.find("#rappels-titre").getText()).isEqualTo("Familles à rappeler (2)");
        assertThat(BROWSER.find("main").getText()).contains("Lou <b>Martin</b>", "06 11 22 33 44",
                "n'est liée à aucune réponse");
        assertThat(BROWSER.find("tr[data-enquete='" + survey + "']").getText()).contains(PUPILS + " 5 41,7 %");
        press("Rappel fait pour Awa Diallo");
        assertThat(PageSteps.answer(BROWSER, "reponse-rappels", "Rappel noté comme fait")).contains("puis elle est effacée");
        assertThat(BROWSER.find("main").getText()).contains("Rappel fait le");
        assertThat(BROWSER.all("button[value=fait]")).hasSize(1);
        press("Effacer la demande de Lou <b>Martin</b>");
        PageSteps.answer(BROWSER, "reponse-rappels", "Demande de rappel effacée");
        JsonNode requests = api.get("/api/establishments/" + COLLEGE + "/contact-requests").expect(200).path("items");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path("name").asText()).isEqualTo("Awa Diallo");
        assertThat(requests.get(0).path("handledAt").isNull()).isFalse();
        assertThat(BROWSER.find("main").getText()).doesNotContain("Martin");
        accessibleAtBothWidths();
        show("#rappels-titre");
        BROWSER.screenshot("enquetes-1280");
        BROWSER.screenshotAt(360, "enquetes-360");
    }

    @Test
    @Tag("sqlite-only")
    void aNumberOfCodesOutOfBoundsIsRefusedWithWhatWasTypedKept() {
        PageSteps.signInThrough(BROWSER, base(), "/poste/enquetes", "enquete.college");
        int before = api.get("/api/establishments/" + COLLEGE + "/surveys").expect(200).path("items").size();
        BROWSER.find("#codes").sendKeys("9000", Keys.ENTER);
        assertThat(PageSteps.answer(BROWSER, "reponse-creation", "Enquête non créée")).contains("de 1 à 5000 codes");
        assertThat(BROWSER.find("#codes").getAttribute("value")).isEqualTo("9000");
        assertThat(BROWSER.find("#codes").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("codes");
        assertThat(api.get("/api/establishments/" + COLLEGE + "/surveys").expect(200).path("items")).hasSize(before);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    @Tag("sqlite-only")
    void anotherSchoolsDeskNeitherSeesNorActsOnTheCampaign() throws Exception {
        long survey = api.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", 5)).expect(201)
                .path("id").asLong();
        List<String> codes = codes(survey);
        callMeBack(codes.get(0), "Famille Kerouac", "06 99 88 77 66");
        long request = api.get("/api/establishments/" + COLLEGE + "/contact-requests").expect(200).path("items")
                .findValues("id").stream().mapToLong(JsonNode::asLong).max().orElseThrow();

        PageSteps.signInThrough(BROWSER, base(), "/poste/enquetes", "enquete.lycee");
        assertThat(BROWSER.find("main").getText()).contains("Lycée Bréquigny", "Aucune enquête pour l'instant")
                .doesNotContain("Kerouac", "n° " + survey);
        BROWSER.open(base() + "/poste/enquetes?ecole=" + COLLEGE);
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Établissement hors de votre périmètre");
        assertThat(page("GET", "/poste/enquetes/" + survey + "/fiches.pdf", null, null).statusCode()).isEqualTo(404);
        BROWSER.open(base() + "/poste/enquetes");
        String token = csrf();
        HttpResponse<byte[]> handled = form("/poste/enquetes/rappels", Map.of("csrf", token, "demande",
                String.valueOf(request), "action", "effacer"));
        assertThat(new String(handled.body(), StandardCharsets.UTF_8)).contains("Demande non modifiée");
        assertThat(form("/poste/enquetes", Map.of("csrf", token, "ecole", COLLEGE, "codes", "3")).statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/establishments/" + COLLEGE + "/contact-requests").expect(200).path("items")
                .findValues("id").stream().map(JsonNode::asLong).toList()).contains(request);
        assertThat(api.get("/api/surveys/" + survey).expect(200).path("answers").asLong()).isEqualTo(1);
    }

    @Test
    @Tag("sqlite-only")
    void theTerritorysDashboardShowsTheSurveyAsTheReportGivesIt() throws Exception {
        long survey = api.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", 20)).expect(201)
                .path("id").asLong();
        List<String> codes = codes(survey);
        StringBuilder csv = new StringBuilder("code;" + QUESTIONS + "\n");
        for (int i = 0; i < 8; i++) {
            csv.append(codes.get(i)).append(';').append(i % 2 == 0 ? UNEQUIPPED : EQUIPPED).append('\n');
        }
        api.postRaw("/api/surveys/" + survey + "/answers", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8))
                .expect(200);
        JsonNode report = api.as(collectivity).get("/api/reports/survey?territory=commune:35238&groupBy=establishment")
                .expect(200);

        PageSteps.signInThrough(BROWSER, base(), "/territoire", "rennes.tableau");
        assertThat(BROWSER.find("#enquete-titre").getText()).startsWith("Enquête auprès des familles, année scolaire");
        assertThat(report.path("rows")).isNotEmpty();
        List<String> columns = List.of("noDevice", "smartphoneOnly", "sharedDevice", "noConnection", "mobileCapped",
                "whiteZone");
        for (JsonNode row : report.path("rows")) {
            WebElement shown = BROWSER.find("#enquete tr[data-key='" + row.path("key").asText() + "']");
            assertThat(shown.findElement(By.tagName("th")).getText()).isEqualTo(row.path("label").asText());
            List<String> cells = shown.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(cells.get(0)).isEqualTo(row.path("codes").asText());
            assertThat(cells.get(1)).isEqualTo(row.path("answers").asText());
            assertThat(cells.get(2)).isEqualTo(row.path("responseRate").decimalValue().stripTrailingZeros()
                    .toPlainString().replace('.', ',') + " %");
            for (int i = 0; i < columns.size(); i++) {
                long households = row.path(columns.get(i)).asLong();
                long all = row.path("answers").asLong();
                assertThat(cells.get(3 + i)).as(columns.get(i)).isEqualTo(all == 0 ? String.valueOf(households)
                        : households + " (" + Math.round(households * 100.0 / all) + " %)");
            }
        }
        String page = BROWSER.driver().getPageSource();
        assertThat(page).doesNotContain("Awa Diallo", "Kerouac", "06 11 22 33 44");
        HttpResponse<byte[]> reportCsv = page("GET", BROWSER.driver().findElement(By.partialLinkText(
                "Rapport de l'enquête")).getAttribute("href").replace(base(), ""), null, null);
        assertThat(reportCsv.statusCode()).isEqualTo(200);
        assertThat(new String(reportCsv.body(), StandardCharsets.UTF_8)).contains("responseRate", "Collège les Hautes Ourmes");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        show("#enquete-titre");
        BROWSER.screenshot("territoire-enquete");

        PageSteps.signInThrough(BROWSER, base(), "/territoire", "saintmalo.tableau");
        assertThat(BROWSER.find("main").getText()).contains("Aucune enquête cette année scolaire");
        assertThat(BROWSER.all("#enquete")).isEmpty();
    }
}
