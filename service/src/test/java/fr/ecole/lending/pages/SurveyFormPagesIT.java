package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The survey's public form, as a family opens it from the QR code of its slip on a phone: no account,
 * the code filled in from the address, the questions answered with the keyboard, a request to be
 * called back; a code spent or unknown refused with the answers kept; a campaign of 300 codes answered
 * through the form and a spreadsheet counted by the report as a plain count gives it. Both run on
 * PostgreSQL too.
 */
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class SurveyFormPagesIT {
    // every request of the test comes from one address: the form's limit per address is the code's here
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory(
            "surveyAnswers.perAddressPerMinute", "1000");
    static final Browser BROWSER = new Browser();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Api api;
    static String url;

    @BeforeAll
    static void campaign() {
        api = new Api(APP);
        url = APP.getConfiguration().getDataSourceFactory().getUrl();
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static long survey(int codes) {
        return api.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", codes)).expect(201)
                .path("id").asLong();
    }

    static List<String> codes(long survey) {
        return Jdbi.create(url).withHandle(handle -> handle.createQuery(
                "SELECT code FROM survey_codes WHERE survey_id = ? ORDER BY code").bind(0, survey)
                .mapTo(String.class).list());
    }

    static long answers(long survey) {
        return Jdbi.create(url).withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM survey_answers WHERE survey_id = ?").bind(0, survey).mapTo(Long.class).one());
    }

    static void choose(String question, String value) {
        BROWSER.find("input[name='" + question + "'][value='" + value + "']").sendKeys(Keys.SPACE);
    }

    static void send() {
        BROWSER.driver().findElement(By.xpath("//button[normalize-space()='Envoyer mes réponses']")).sendKeys(Keys.ENTER);
    }

    @Test
    void aFamilyAnswersOnItsPhoneFromTheSlipsQrCodeAndAsksToBeCalledBack() {
        long survey = survey(3);
        String code = codes(survey).get(0);
        String printed = code.substring(0, 4) + "-" + code.substring(4);
        BROWSER.driver().manage().deleteAllCookies();
        BROWSER.open(base() + "/enquete#" + printed.toLowerCase());
        assertThat(BROWSER.find("h1").getText()).isEqualTo("Enquête sur l'équipement numérique des familles");
        assertThat(BROWSER.find("#code-reponse").getAttribute("value")).isEqualTo(printed);
        assertThat(BROWSER.driver().getCurrentUrl()).as("the code leaves the address").doesNotContain("#");
        assertThat(BROWSER.find("label[for=code-reponse]").getText()).startsWith("Code de réponse");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        assertThat(BROWSER.overflowAt(360)).isLessThanOrEqualTo(0);
        PageSteps.screenshotAt(BROWSER, 360, "enquete-telephone");

        // sent too soon: the first question left unanswered is named in words, the code kept
        BROWSER.find("#q-devicesForSchoolwork").sendKeys("0");
        send();
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reponse [role=alert]")));
        assertThat(BROWSER.find("#reponse").getText()).startsWith("Répondez à la question");
        assertThat(BROWSER.find("#code-reponse").getAttribute("value")).isEqualTo(printed);
        assertThat(BROWSER.find("#q-devicesForSchoolwork").getAttribute("value")).isEqualTo("0");
        assertThat(answers(survey)).isZero();

        choose("hasSmartphone", "true");
        BROWSER.find("#q-pupilsInHousehold").sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
        BROWSER.find("#q-adultsTeleworking").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        choose("headset", "NONE");
        choose("homeInternet", "MOBILE_CAPPED");
        choose("fixedSpeed", "NONE");
        choose("mobile4g", "GOOD");
        BROWSER.find("#rappel").sendKeys(Keys.SPACE);
        BROWSER.find("#nom").sendKeys("Nadia Benali");
        BROWSER.find("#telephone").sendKeys("06 12 34 56 78");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        send();
        BROWSER.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Merci"));
        assertThat(BROWSER.find("#reponse").getText()).contains("sans votre nom", "L'école vous rappellera");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
        BROWSER.screenshot("enquete-merci");
        assertThat(answers(survey)).isEqualTo(1);
        JsonNode requests = api.get("/api/establishments/" + COLLEGE + "/contact-requests").expect(200).path("items");
        assertThat(requests.toString()).contains("Nadia Benali");
        JsonNode stored = api.get("/api/surveys/" + survey).expect(200);
        assertThat(stored.path("answers").asLong()).isEqualTo(1);

        // the same slip again: refused, said plainly, nothing stored, what was typed kept
        BROWSER.open(base() + "/enquete#" + printed);
        BROWSER.find("#q-devicesForSchoolwork").sendKeys("1");
        send();
        BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reponse [role=alert]")));
        assertThat(BROWSER.find("#reponse").getText()).contains("Ce code a déjà servi");
        assertThat(BROWSER.find("#code-reponse").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(BROWSER.find("#q-devicesForSchoolwork").getAttribute("value")).isEqualTo("1");
        assertThat(answers(survey)).isEqualTo(1);
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }

    /** The form's cookie and token, as a browser that opened the page holds them. */
    record Opened(String cookie, String token) {
    }

    static Opened open() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/enquete")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lending_form="))
                .findFirst().orElseThrow().split(";")[0];
        return new Opened(cookie, cookie.substring("lending_form=".length()));
    }

    static HttpResponse<String> post(Opened opened, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/enquete"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (opened != null) {
            request.header("Cookie", opened.cookie());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> household(String code, int devices, boolean smartphone, int pupils, String internet,
                                         String mobile) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("devicesForSchoolwork", String.valueOf(devices));
        fields.put("hasSmartphone", String.valueOf(smartphone));
        fields.put("pupilsInHousehold", String.valueOf(pupils));
        fields.put("adultsTeleworking", "0");
        fields.put("headset", "OK");
        fields.put("homeInternet", internet);
        fields.put("fixedSpeed", "FIXED_BOX".equals(internet) ? "30_TO_100" : "NONE");
        fields.put("mobile4g", mobile);
        return fields;
    }

    @Test
    void aCampaignOf300CodesAnsweredThroughTheFormAndASpreadsheetIsCountedAsAPlainCountGivesIt() throws Exception {
        // a school of its own, so that its row of the report holds these answers only
        long survey = api.post("/api/establishments/" + LYCEE + "/surveys", Map.of("codes", 300)).expect(201)
                .path("id").asLong();
        List<String> codes = codes(survey);
        Opened opened = open();
        Map<String, Integer> plain = new LinkedHashMap<>();
        for (String figure : List.of("noDevice", "smartphoneOnly", "sharedDevice", "noConnection", "mobileCapped",
                "whiteZone")) {
            plain.put(figure, 0);
        }
        StringBuilder spreadsheet = new StringBuilder("code;devicesForSchoolwork;hasSmartphone;pupilsInHousehold;"
                + "adultsTeleworking;headset;homeInternet;fixedSpeed;mobile4g\n");
        for (int i = 0; i < 260; i++) {
            int devices = i % 3 == 0 ? 0 : 1;
            boolean smartphone = i % 2 == 0;
            int pupils = i % 4 == 0 ? 3 : 2;
            String internet = i % 5 == 0 ? "NONE" : i % 5 == 1 ? "MOBILE_CAPPED" : "FIXED_BOX";
            String mobile = i % 7 == 0 ? "NONE" : "GOOD";
            Map<String, String> fields = household(codes.get(i), devices, smartphone, pupils, internet, mobile);
            if (i < 200) {
                // 200 families answer on the form
                fields.put("csrf", opened.token());
                HttpResponse<String> sent = post(opened, fields);
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
            } else {
                // 60 answered on paper, typed into a spreadsheet (yes/no in words, as a school writes them)
                spreadsheet.append(String.join(";", fields.values()).replace(";true;", ";oui;").replace(";false;", ";non;"))
                        .append('\n');
            }
            // the plain count, household by household, as the criteria define each figure
            plain.merge("noDevice", devices == 0 ? 1 : 0, Integer::sum);
            plain.merge("smartphoneOnly", devices == 0 && smartphone ? 1 : 0, Integer::sum);
            plain.merge("sharedDevice", devices > 0 && pupils > 2 * devices ? 1 : 0, Integer::sum);
            plain.merge("noConnection", "NONE".equals(internet) ? 1 : 0, Integer::sum);
            plain.merge("mobileCapped", "MOBILE_CAPPED".equals(internet) ? 1 : 0, Integer::sum);
            plain.merge("whiteZone", !"FIXED_BOX".equals(internet) && "NONE".equals(mobile) ? 1 : 0, Integer::sum);
        }
        Api.Reply imported = api.postRaw("/api/surveys/" + survey + "/answers", "text/csv",
                spreadsheet.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode line : api.get("/api/reports/survey?territory=departement:035&groupBy=establishment&raw=true")
                .expect(200).path("rows")) {
            if (LYCEE.equals(line.path("key").asText())) {
                row = line;
            }
        }
        assertThat(row).as("the lycée's row").isNotNull();
        assertThat(row.path("codes").asInt()).isEqualTo(300);
        assertThat(row.path("answers").asInt()).isEqualTo(260);
        for (Map.Entry<String, Integer> figure : plain.entrySet()) {
            assertThat(row.path(figure.getKey()).asInt()).as(figure.getKey()).isEqualTo(figure.getValue());
        }
        assertThat(plain.values()).as("every figure is tried with households in and out of it")
                .allSatisfy(count -> assertThat(count).isBetween(1, 259));

        // without the form's cookie, or with a spent code: refused, nothing stored
        Map<String, String> again = household(codes.get(0), 0, true, 2, "NONE", "GOOD");
        again.put("csrf", opened.token());
        assertThat(post(null, again).statusCode()).isEqualTo(403);
        HttpResponse<String> spent = post(opened, again);
        assertThat(spent.statusCode()).isEqualTo(409);
        assertThat(spent.body()).contains("Ce code a déjà servi");
        Map<String, String> unknown = household("ZZZZ-ZZZZ", 0, true, 2, "NONE", "GOOD");
        unknown.put("csrf", opened.token());
        HttpResponse<String> refused = post(opened, unknown);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("Ce code n&#39;est pas reconnu", "value=\"ZZZZ-ZZZZ\"");
        Map<String, String> large = household(codes.get(280), 0, true, 2, "NONE", "GOOD");
        large.put("csrf", opened.token());
        large.put("nom", "x".repeat(5000));
        assertThat(post(opened, large).statusCode()).isEqualTo(413);
        assertThat(answers(survey)).isEqualTo(260);
    }
}
