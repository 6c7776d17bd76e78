package fr.ecole.lending.surveys;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.app.PurgeCommand;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import fr.ecole.lending.support.TextLayer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Survey campaigns end to end: a campaign of 300 codes answered by the form's API and by a
 * spreadsheet gives, in the administrator's plain counts, exactly the counts of the answers sent; a
 * code serves once, only for its campaign; refusals store nothing; and no answer row can name a family.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SurveysIT {
    // the address limit is tested on its own (AnswerThrottleTest): here every answer comes from one address
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory(
            "surveyAnswers.perAddressPerMinute", "100000", "labelBaseUrl", "https://pret.example.fr");
    static final List<String> QUESTIONS = List.of("devicesForSchoolwork", "hasSmartphone", "pupilsInHousehold",
            "adultsTeleworking", "headset", "homeInternet", "fixedSpeed", "mobile4g");
    static final List<String> FLAGS = List.of("noDevice", "smartphoneOnly", "sharedDevice", "noConnection",
            "mobileCapped", "whiteZone");
    /** An école of Saint-Malo, whose commune and catchment hold no other campaign of these tests. */
    static final String SURVEYED = "0351387T";
    static Api admin;
    static Api anyone;
    static String url;
    static int schoolYear;

    /** Five households whose answers are known, each with the flags a plain reading of its answers gives. */
    record Household(List<Object> answers, List<Integer> flags) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            for (int i = 0; i < QUESTIONS.size(); i++) {
                json.put(QUESTIONS.get(i), answers.get(i));
            }
            return json;
        }

        String csv(String code) {
            StringBuilder line = new StringBuilder(code);
            for (Object answer : answers) {
                line.append(';').append(answer instanceof Boolean b ? (b ? "oui" : "non") : answer);
            }
            return line.append('\n').toString();
        }
    }

    static final List<Household> HOUSEHOLDS = List.of(
            // no device, a smartphone, no connection, no fixed line and no 4G: a white zone
            new Household(List.of(0, true, 2, 0, "NONE", "NONE", "NONE", "NONE"), List.of(1, 1, 0, 1, 0, 1)),
            // one device for three, a capped plan, under 3 Mbit/s and limited 4G
            new Household(List.of(1, true, 3, 0, "SHARED", "MOBILE_CAPPED", "LT3", "LIMITED"), List.of(0, 0, 1, 0, 1, 1)),
            // two devices for three, a fast box
            new Household(List.of(2, false, 2, 1, "OK", "FIXED_BOX", "30_TO_100", "GOOD"), List.of(0, 0, 0, 0, 0, 0)),
            // no device and no smartphone, unlimited mobile, good 4G
            new Household(List.of(0, false, 1, 0, "NONE", "MOBILE_UNLIMITED", "NONE", "GOOD"), List.of(1, 0, 0, 0, 0, 0)),
            // one device for three, no connection
            new Household(List.of(1, true, 2, 1, "OK", "NONE", "UNKNOWN", "VERY_GOOD"), List.of(0, 0, 1, 1, 0, 0)));

    @BeforeAll
    static void start() {
        admin = new Api(APP);
        anyone = admin.as(null);
        url = APP.getConfiguration().getDataSourceFactory().getUrl();
        schoolYear = SchoolCalendar.schoolYear(SchoolCalendar.today(Clock.systemUTC()));
        admin.postRaw("/api/imports/catchments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-carte-scolaire-colleges-publics.csv")).expect(200);
        Jdbi.create(url).useHandle(handle -> handle.execute(
                "INSERT INTO enrolments (uai, school_year, pupils) VALUES (?, ?, 300)", SURVEYED, schoolYear));
    }

    static long count(String sql, Object... values) {
        return Jdbi.create(url).withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < values.length; i++) {
                query.bind(i, values[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    static List<String> codes(long survey) {
        return Jdbi.create(url).withHandle(handle -> handle.createQuery(
                "SELECT code FROM survey_codes WHERE survey_id = ? ORDER BY code").bind(0, survey).mapTo(String.class).list());
    }

    static long campaign(Api as, String uai, Integer codes) {
        Reply made = as.post("/api/establishments/" + uai + "/surveys", codes == null ? Map.of() : Map.of("codes", codes));
        return made.expect(201).path("id").asLong();
    }

    static Reply answer(String code, Household household) {
        return anyone.post("/api/surveys/answers", Map.of("code", code, "answers", household.json()));
    }

    static String header() {
        return "code;" + String.join(";", QUESTIONS) + "\n";
    }

    static Reply importCsv(Api as, long survey, String csv) {
        return as.postRaw("/api/surveys/" + survey + "/answers", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCampaignOf300CodesGivesThePlainCountsOfItsAnswers() {
        Api desk = admin.desk(SURVEYED);
        Reply made = desk.post("/api/establishments/" + SURVEYED + "/surveys", Map.of());
        JsonNode survey = made.expect(201);
        assertThat(survey.path("codes").asInt()).as("by default, as many codes as pupils").isEqualTo(300);
        assertThat(survey.path("schoolYear").asInt()).isEqualTo(schoolYear);
        assertThat(made.header("Location").orElse("")).endsWith("/api/surveys/" + survey.path("id").asLong());
        long id = survey.path("id").asLong();
        List<String> codes = codes(id);
        assertThat(codes).hasSize(300).allMatch(code -> code.matches("[A-HJKMNP-Z2-9]{8}"));

        long[] expected = new long[FLAGS.size()];
        for (int i = 0; i < 200; i++) {
            Household household = HOUSEHOLDS.get(i % HOUSEHOLDS.size());
            String code = codes.get(i);
            // as a family types it: grouped, in lower case, with spaces around
            String typed = i % 3 == 0 ? " " + code.substring(0, 4).toLowerCase(Locale.ROOT) + "-" + code.substring(4) + " " : code;
            assertThat(answer(typed, household).status()).isEqualTo(201);
            for (int f = 0; f < FLAGS.size(); f++) {
                expected[f] += household.flags().get(f);
            }
        }
        StringBuilder csv = new StringBuilder(header());
        for (int i = 200; i < 260; i++) {
            Household household = HOUSEHOLDS.get((i * 7) % HOUSEHOLDS.size());
            csv.append(household.csv(codes.get(i)));
            for (int f = 0; f < FLAGS.size(); f++) {
                expected[f] += household.flags().get(f);
            }
        }
        Reply imported = importCsv(desk, id, csv.toString());
        assertThat(imported.expect(200).path("answers").asInt()).isEqualTo(60);

        JsonNode followed = desk.get("/api/surveys/" + id).expect(200);
        assertThat(followed.path("answers").asLong()).isEqualTo(260);
        assertThat(followed.path("responseRate").decimalValue()).isEqualByComparingTo("86.67");
        assertThat(desk.get("/api/establishments/" + SURVEYED + "/surveys").expect(200).path("items").toString())
                .contains("\"id\":" + id);

        String commune = admin.get("/api/establishments/" + SURVEYED).expect(200).path("communeInsee").asText();
        for (String grouping : List.of("establishment", "commune", "catchment")) {
            JsonNode raw = admin.get("/api/reports/survey?territory=departement:035&raw=true&groupBy=" + grouping).expect(200);
            assertThat(raw.path("disclosure").path("method").asText()).isEqualTo("none");
            JsonNode totals = raw.path("totals");
            assertThat(totals.path("codes").asLong()).as(grouping).isGreaterThanOrEqualTo(300);
            JsonNode row = null;
            for (JsonNode candidate : raw.path("rows")) {
                // its catchment is the collège that serves Saint-Malo, or the commune's split or none
                if (grouping.equals("establishment") ? candidate.path("key").asText().equals(SURVEYED)
                        : grouping.equals("commune") ? candidate.path("key").asText().equals(commune)
                        : candidate.path("pupils").asLong() == 300) {
                    row = candidate;
                }
            }
            assertThat(row).as(grouping + ": " + raw).isNotNull();
            assertThat(row.path("codes").asLong()).isEqualTo(300);
            assertThat(row.path("answers").asLong()).isEqualTo(260);
            assertThat(row.path("responseRate").decimalValue()).isEqualByComparingTo("86.67");
            for (int f = 0; f < FLAGS.size(); f++) {
                assertThat(row.path(FLAGS.get(f)).asLong()).as(grouping + " " + FLAGS.get(f)).isEqualTo(expected[f]);
            }
        }
        // the collectivity reads the same figures protected: each within 3 of the truth, never 1 or 2
        Api departement = admin.as(admin.post("/api/users", Map.of("name", "departement-enquete", "role", "COLLECTIVITY",
                "territory", "departement:035")).expect(201).path("token").asText());
        JsonNode shown = departement.get("/api/reports/survey?groupBy=establishment").expect(200);
        assertThat(shown.path("disclosure").path("method").asText()).isEqualTo("cell-key");
        int seen = 0;
        for (JsonNode row : shown.path("rows")) {
            if (row.path("key").asText().equals(SURVEYED)) {
                seen++;
                assertThat(row.path("answers").asLong()).isBetween(257L, 263L);
                for (int f = 0; f < FLAGS.size(); f++) {
                    assertThat(row.path(FLAGS.get(f)).asLong()).as("protected " + FLAGS.get(f))
                            .isBetween(expected[f] - 3, expected[f] + 3).isNotIn(1L, 2L);
                }
            }
        }
        assertThat(seen).as("the surveyed school's row").isEqualTo(1);
        assertThat(departement.get("/api/reports/survey?raw=true").status()).isEqualTo(403);
        Reply csvReport = departement.get("/api/reports/survey?format=csv");
        assertThat(csvReport.status()).isEqualTo(200);
        assertThat(csvReport.text()).contains("key;label;codes;pupils;answers;responseRate;noDevice");
    }

    @Test
    void aCodeServesOnceAndARefusalStoresNothing() {
        long id = campaign(admin, COLLEGE, 3);
        String code = codes(id).get(0);
        assertThat(answer(code, HOUSEHOLDS.get(0)).status()).isEqualTo(201);
        long answers = count("SELECT COUNT(*) FROM survey_answers");
        long spent = count("SELECT COUNT(*) FROM survey_codes WHERE spent = TRUE");
        Reply again = answer(code, HOUSEHOLDS.get(1));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("code_spent");
        Reply unknown = answer("ABCD-EFGH".equals(code) ? "ABCD-EFGK" : "ABCD-EFGH", HOUSEHOLDS.get(1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown_code");
        assertThat(answer("pas un code", HOUSEHOLDS.get(1)).error()).isEqualTo("unknown_code");
        Reply invalid = anyone.post("/api/surveys/answers", Map.of("code", codes(id).get(1), "answers",
                Map.of("devicesForSchoolwork", 1, "familyQuotientBelowThreshold", true)));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.error()).isEqualTo("unknown_criterion");
        assertThat(count("SELECT COUNT(*) FROM survey_answers")).isEqualTo(answers);
        assertThat(count("SELECT COUNT(*) FROM survey_codes WHERE spent = TRUE")).isEqualTo(spent);
        // more answers than codes cannot be: every answer spends one of the campaign's codes
        assertThat(answer(codes(id).get(1), HOUSEHOLDS.get(2)).status()).isEqualTo(201);
        assertThat(answer(codes(id).get(2), HOUSEHOLDS.get(2)).status()).isEqualTo(201);
        assertThat(count("SELECT COUNT(*) FROM survey_answers WHERE survey_id = ?", id)).isEqualTo(3);
        Reply fourth = importCsv(admin, id, header() + HOUSEHOLDS.get(0).csv(codes(campaign(admin, COLLEGE, 1)).get(0)));
        assertThat(fourth.status()).isEqualTo(422);
        assertThat(count("SELECT COUNT(*) FROM survey_answers WHERE survey_id = ?", id)).isEqualTo(3);
    }

    @Test
    void aSpreadsheetIsTakenWholeOrRefusedLineByLine() {
        long id = campaign(admin, COLLEGE, 10);
        List<String> codes = codes(id);
        String foreign = codes(campaign(admin, LYCEE, 1)).get(0);
        long answers = count("SELECT COUNT(*) FROM survey_answers");
        Reply bad = importCsv(admin, id, header() + HOUSEHOLDS.get(0).csv(codes.get(0))
                + HOUSEHOLDS.get(1).csv(codes.get(1)).replace("MOBILE_CAPPED", "SATELLITE")
                + HOUSEHOLDS.get(2).csv(codes.get(2)).replace(";2;", ";deux;"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.error()).isEqualTo("invalid_rows");
        assertThat(bad.json().path("message").asText()).contains("ligne 3, colonne « homeInternet »",
                "ligne 4, colonne « devicesForSchoolwork »");
        Reply twice = importCsv(admin, id, header() + HOUSEHOLDS.get(0).csv(codes.get(0)) + HOUSEHOLDS.get(1).csv(codes.get(0)));
        assertThat(twice.json().path("message").asText()).contains("ligne 3, colonne « code »");
        Reply other = importCsv(admin, id, header() + HOUSEHOLDS.get(0).csv(codes.get(0)) + HOUSEHOLDS.get(1).csv(foreign));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("message").asText()).contains("ligne 3, colonne « code » : code inconnu");
        assertThat(importCsv(admin, id, "code;devicesForSchoolwork\nX;1\n").error()).isEqualTo("missing_column");
        assertThat(importCsv(admin, id, header().replace("\n", ";nom\n") + "A;1\n").error()).isEqualTo("unknown_column");
        assertThat(importCsv(admin, id, header() + "\"" + codes.get(3) + ";1\n").status()).isEqualTo(422);
        assertThat(count("SELECT COUNT(*) FROM survey_answers")).isEqualTo(answers);
        assertThat(count("SELECT COUNT(*) FROM survey_codes WHERE survey_id = ? AND spent = TRUE", id)).isZero();

        assertThat(answer(codes.get(4), HOUSEHOLDS.get(3)).status()).isEqualTo(201);
        Reply spent = importCsv(admin, id, header() + HOUSEHOLDS.get(0).csv(codes.get(5)) + HOUSEHOLDS.get(1).csv(codes.get(4)));
        assertThat(spent.json().path("message").asText()).contains("ligne 3, colonne « code » : code déjà utilisé");
        assertThat(count("SELECT COUNT(*) FROM survey_answers WHERE survey_id = ?", id)).isEqualTo(1);
    }

    @Test
    void theFormIsLimitedByCodeAndBySize() {
        long id = campaign(admin, COLLEGE, 1);
        String code = codes(id).get(0);
        for (int i = 0; i < 5; i++) {
            assertThat(answer(code, HOUSEHOLDS.get(i)).status()).isIn(201, 409);
        }
        Reply limited = answer(code, HOUSEHOLDS.get(0));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("too_many_attempts");
        assertThat(limited.header("Retry-After")).isPresent();
        Reply large = anyone.post("/api/surveys/answers", Map.of("code", "ABCD-EFGH", "answers", HOUSEHOLDS.get(0).json(),
                "contact", Map.of("name", "x".repeat(5000), "phone", "0612345678")));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.error()).isEqualTo("body_too_large");
        assertThat(anyone.get("/api/surveys/questions").expect(200).path("questions")).extracting(q -> q.path("id").asText())
                .containsExactlyElementsOf(QUESTIONS);
    }

    @Test
    void aDeskOfAnotherSchoolFindsNoneOfItsSurveys() throws Exception {
        long id = campaign(admin, COLLEGE, 2);
        Api other = admin.desk(LYCEE);
        assertThat(other.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", 5)).status()).isEqualTo(404);
        assertThat(other.get("/api/establishments/" + COLLEGE + "/surveys").status()).isEqualTo(404);
        assertThat(other.get("/api/surveys/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/surveys/" + id + "/codes.pdf").status()).isEqualTo(404);
        assertThat(importCsv(other, id, header() + HOUSEHOLDS.get(0).csv(codes(id).get(0))).status()).isEqualTo(404);
        assertThat(other.get("/api/establishments/" + COLLEGE + "/contact-requests").status()).isEqualTo(404);
        assertThat(admin.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", 5001)).status()).isEqualTo(422);
        assertThat(admin.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", 0)).status()).isEqualTo(422);
        assertThat(count("SELECT COUNT(*) FROM survey_codes WHERE survey_id = ? AND spent = TRUE", id)).isZero();
    }

    @Test
    void theSlipsPrintTenCodesAPage() throws Exception {
        long id = campaign(admin, COLLEGE, 25);
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(admin.base() + "/api/surveys/" + id + "/codes.pdf"))
                .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
        }
        String text = TextLayer.of(pdf.body()).replaceAll("\\s+", " ");
        for (String code : codes(id)) {
            assertThat(text).contains(code.substring(0, 4) + "-" + code.substring(4));
        }
        assertThat(text).contains("Réponse anonyme", "https://pret.example.fr/enquete");
    }

    @Test
    void aCampaignOfAPastSchoolYearTakesNoMoreAnswers() {
        long id = campaign(admin, COLLEGE, 2);
        Jdbi.create(url).useHandle(handle -> handle.execute("UPDATE surveys SET school_year = school_year - 1 WHERE id = ?",
                id));
        Reply late = anyone.post("/api/surveys/answers", Map.of("code", codes(id).get(0), "answers",
                HOUSEHOLDS.get(0).json(), "contact", Map.of("name", "Famille Tardive", "phone", "06 11 22 33 44")));
        assertThat(late.status()).as(late.text()).isEqualTo(410);
        assertThat(late.error()).isEqualTo("survey_closed");
        assertThat(importCsv(admin, id, header() + HOUSEHOLDS.get(0).csv(codes(id).get(1)) + "\n").error())
                .isEqualTo("survey_closed");
        assertThat(count("SELECT COUNT(*) FROM survey_answers WHERE survey_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM survey_codes WHERE survey_id = ? AND spent", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM survey_contact_requests WHERE name = 'Famille Tardive'")).isZero();
    }

    @Test
    void afterTheDailyPurgeNoTransactionNumberJoinsAnAnswerToItsCodeOrItsContactRequest() {
        assumeTrue(TestEngine.onPostgresql(), "the transaction number of a row (xmin) is PostgreSQL's");
        long id = campaign(admin, COLLEGE, 3);
        List<String> codes = codes(id);
        anyone.post("/api/surveys/answers", Map.of("code", codes.get(0), "answers", HOUSEHOLDS.get(0).json(),
                "contact", Map.of("name", "Famille Rappelée", "phone", "06 11 22 33 44"))).expect(201);
        answer(codes.get(1), HOUSEHOLDS.get(1)).expect(201);
        String joined = """
                SELECT COUNT(*) FROM survey_answers a
                  JOIN survey_contact_requests c ON c.xmin = a.xmin
                  JOIN survey_codes k ON k.xmin = a.xmin
                 WHERE a.survey_id = ? AND c.name = 'Famille Rappelée'""";
        assertThat(count(joined, id)).as("written together, the three rows share their transaction").isEqualTo(1);

        PurgeCommand.purgeOnce(APP.getConfiguration(), Clock.systemUTC(), false);
        assertThat(count("""
                SELECT COUNT(DISTINCT x) FROM (SELECT xmin::text AS x FROM survey_answers
                                               UNION ALL SELECT xmin::text FROM survey_codes
                                               UNION ALL SELECT xmin::text FROM survey_contact_requests) t"""))
                .as("every survey row written again by one transaction").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM survey_answers WHERE survey_id = ?", id)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM survey_codes WHERE survey_id = ? AND spent", id)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM survey_contact_requests WHERE name = 'Famille Rappelée'")).isEqualTo(1);
        assertThat(answer(codes.get(0), HOUSEHOLDS.get(0)).error()).as("a spent code stays spent").isEqualTo("code_spent");
    }

    @Test
    void noAnswerRowCanNameAFamilyAndAContactRequestGoesAfterwards() throws Exception {
        Set<String> columns = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rows = connection.getMetaData().getColumns(null, TestEngine.onPostgresql() ? "public" : null,
                     "survey_answers", "%")) {
            while (rows.next()) {
                columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        assertThat(columns).containsExactlyInAnyOrder("id", "survey_id", "no_device", "smartphone_only", "shared_device",
                "no_connection", "mobile_capped", "white_zone", "answers", "record_key");

        long id = campaign(admin, COLLEGE, 2);
        String code = codes(id).get(0);
        Reply asked = anyone.post("/api/surveys/answers", Map.of("code", code, "answers", HOUSEHOLDS.get(0).json(),
                "contact", Map.of("name", "Awa Diallo-Enquête", "phone", "06 11 22 33 44")));
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        List<String> stored = Jdbi.create(url).withHandle(handle -> handle.createQuery(
                "SELECT answers FROM survey_answers WHERE survey_id = ?").bind(0, id).mapTo(String.class).list());
        assertThat(stored).hasSize(1).allSatisfy(answers -> assertThat(answers).doesNotContain("Awa", "0611", code));
        String day = Jdbi.create(url).withHandle(handle -> handle.createQuery(
                "SELECT created_on FROM survey_contact_requests WHERE survey_id = ?").bind(0, id).mapTo(String.class).one());
        assertThat(day).isEqualTo(SchoolCalendar.today(Clock.systemUTC()).toString());
        assertThat(anyone.post("/api/surveys/answers", Map.of("code", codes(id).get(1), "answers", HOUSEHOLDS.get(0).json(),
                "contact", Map.of("name", "Awa", "phone", "12"))).error()).isEqualTo("invalid_phone");

        Api desk = admin.desk(COLLEGE);
        JsonNode requests = desk.get("/api/establishments/" + COLLEGE + "/contact-requests?limit=500").expect(200);
        JsonNode request = null;
        for (JsonNode item : requests.path("items")) {
            if (item.path("surveyId").asLong() == id) {
                request = item;
            }
        }
        assertThat(request).isNotNull();
        assertThat(request.path("name").asText()).isEqualTo("Awa Diallo-Enquête");
        assertThat(request.path("phone").asText()).isEqualTo("0611223344");
        long requestId = request.path("id").asLong();
        assertThat(desk.patch("/api/contact-requests/" + requestId, Map.of("handled", true)).expect(200)
                .path("handledAt").isTextual()).isTrue();
        assertThat(admin.desk(LYCEE).patch("/api/contact-requests/" + requestId, Map.of("handled", true)).status())
                .isEqualTo(404);

        LocalDate later = SchoolCalendar.today(Clock.systemUTC()).plusDays(31);
        var purged = PurgeCommand.purgeOnce(APP.getConfiguration(), Clock.fixed(later.atTime(12, 0)
                .atZone(SchoolCalendar.ZONE).toInstant(), SchoolCalendar.ZONE), false);
        assertThat(purged.contactRequests()).isPositive();
        assertThat(count("SELECT COUNT(*) FROM survey_contact_requests WHERE id = ?", requestId)).isZero();
    }
}
