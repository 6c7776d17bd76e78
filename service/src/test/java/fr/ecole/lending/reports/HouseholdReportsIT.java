package fr.ecole.lending.reports;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.reports.ReportRows.assertProtected;
import static fr.ecole.lending.reports.ReportRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fragility, connectivity and summary reports over households whose answers are known: twelve
 * diagnosed households in Rennes (eleven without internet, one re-diagnosed with a fast box), ten in
 * Saint-Malo in a white zone, one in Rennes not diagnosed, and twelve in Paimpont without internet,
 * one of them with its pupil at an école rather than the collège. Every household has no device for
 * schoolwork; beside that, the facts the fragility report counts are known per household (see
 * {@link #diagnoseHouseholds}). The administrator's plain counts ({@code raw=true}) are the truth;
 * the collectivity reads them through the cell key method.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HouseholdReportsIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String RENNES = "35238";
    static final String SAINT_MALO = "35288";
    static final String PAIMPONT = "35211";
    static final List<String> GUARDIANS = new ArrayList<>();
    static Api admin;
    static Api departement;
    static String saintMaloCatchment;

    @BeforeAll
    static void diagnoseHouseholds() {
        admin = new Api(APP);
        Reply carte = admin.postRaw("/api/imports/catchments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-carte-scolaire-colleges-publics.csv"));
        assertThat(carte.status()).as(carte.text()).isEqualTo(200);
        saintMaloCatchment = admin.get("/api/catchments/" + SAINT_MALO).json().path("key").asText();
        departement = admin.as(admin.post("/api/users", Map.of("name", "departement-35", "role", "COLLECTIVITY",
                "territory", "departement:035")).json().path("token").asText());

        // Rennes: a smartphone only in each; parents without autonomy in 5, another language in 3, adapted
        // equipment in 4 (the 12th needed both at first, and no more at its latest diagnostic)
        for (int i = 1; i <= 12; i++) {
            long family = family("Rennes", i, RENNES);
            diagnose(family, Builders.answers().put("parentAutonomy", i <= 5 ? "NONE" : "PARTIAL")
                    .put("needsOtherLanguage", i <= 3 || i == 12).put("needsAdaptedEquipment", i <= 4 || i == 12));
            if (i == 12) {
                // the latest diagnostic counts: this household now has a fast box
                diagnose(family, Builders.answers().put("homeInternet", "FIXED_BOX").put("fixedSpeed", "30_TO_100"));
            }
        }
        family("Rennes", 13, RENNES);
        // Saint-Malo: 3 without a smartphone, 1 needing another language
        for (int i = 1; i <= 10; i++) {
            diagnose(family("Saint-Malo", i, SAINT_MALO), Builders.answers().put("mobile4g", "NONE")
                    .put("hasSmartphone", i > 3).put("needsOtherLanguage", i == 10));
        }
        // Paimpont: 4 sharing their one device between 3 people (2 pupils, 1 adult teleworking), 1 adapted equipment
        for (int i = 1; i <= 12; i++) {
            ObjectNode answers = Builders.answers().put("needsAdaptedEquipment", i == 1);
            if (i <= 4) {
                answers.put("devicesForSchoolwork", 1).put("adultsTeleworking", 1);
            }
            diagnose(family("Paimpont", i, PAIMPONT, i == 12 ? ECOLE : COLLEGE), answers);
        }
    }

    static long family(String town, int number, String commune) {
        return family(town, number, commune, COLLEGE);
    }

    static long family(String town, int number, String commune, String school) {
        String name = "Gardienne " + town + " " + number;
        Map<String, Object> body = new LinkedHashMap<>(Builders.family(name, school));
        body.put("communeInsee", commune);
        @SuppressWarnings("unchecked")
        Map<String, Object> guardian = new LinkedHashMap<>((Map<String, Object>) body.get("guardian"));
        guardian.put("email", "gardienne." + number + "@" + town.toLowerCase() + ".example.org");
        body.put("guardian", guardian);
        GUARDIANS.add(name);
        GUARDIANS.add((String) guardian.get("email"));
        Reply created = admin.post("/api/families", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static void diagnose(long family, ObjectNode answers) {
        Reply made = admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", answers));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
    }

    static List<Object> values(JsonNode row, String... columns) {
        List<Object> values = new ArrayList<>();
        for (String column : columns) {
            assertThat(row.has(column)).as(column).isTrue();
            values.add(row.get(column).isNull() ? null : row.get(column).asInt());
        }
        return values;
    }

    static final String[] CONNECTIVITY = {"diagnosed", "noConnection", "mobileCapped", "whiteZone", "lowFixedSpeed"};
    static final String[] FRAGILITY = {"diagnosed", "eligible", "needsLaptop", "needsDongle", "needsHeadset",
            "alternativeAccess", "equipped"};

    /** The plain counts of a report, as the administrator alone may read them. */
    static Reply raw(String query) {
        Reply raw = admin.get("/api/reports/" + query + (query.contains("?") ? "&" : "?") + "raw=true");
        assertThat(raw.status()).as(raw.text()).isEqualTo(200);
        assertThat(raw.json().path("disclosure").path("method").asText()).isEqualTo("none");
        return raw;
    }

    @Test
    void everyFigureIsWithinThreeOfTheTruthNeverOneOrTwoAndZeroStaysZero() {
        Reply report = departement.get("/api/reports/connectivity");
        assertThat(report.json().path("groupBy").asText()).isEqualTo("commune");
        JsonNode disclosure = report.json().path("disclosure");
        assertThat(disclosure.path("method").asText()).isEqualTo("cell-key");
        assertThat(disclosure.path("version").asInt()).isEqualTo(1);
        assertThat(disclosure.path("noiseBound").asInt()).isEqualTo(3);
        assertThat(report.json().has("suppressionThreshold")).isFalse();
        assertThat(report.json().path("rows")).extracting(row -> row.path("key").asText())
                .containsExactly(PAIMPONT, RENNES, SAINT_MALO);
        assertThat(row(report, RENNES).path("label").asText()).isEqualTo("Rennes");

        Reply truth = raw("connectivity?territory=departement:035");
        assertThat(values(row(truth, RENNES), CONNECTIVITY)).containsExactly(12, 11, 0, 0, 11);
        assertThat(values(row(truth, SAINT_MALO), CONNECTIVITY)).containsExactly(10, 10, 0, 10, 10);
        assertThat(values(row(truth, PAIMPONT), CONNECTIVITY)).containsExactly(12, 12, 0, 0, 12);
        assertThat(values(truth.json().path("totals"), CONNECTIVITY)).containsExactly(34, 33, 0, 10, 33);
        // every figure shown, rows and totals alike: Saint-Malo's ten and the département's totals too
        for (String commune : List.of(RENNES, SAINT_MALO, PAIMPONT)) {
            assertProtected(row(report, commune), row(truth, commune), CONNECTIVITY);
        }
        assertProtected(report.json().path("totals"), truth.json().path("totals"), CONNECTIVITY);
        // the households of Rennes without internet are the ones with a slow fixed line: the same figure
        assertThat(row(report, RENNES).path("noConnection")).isEqualTo(row(report, RENNES).path("lowFixedSpeed"));
    }

    @Test
    void aHouseholdAloneInItsSchoolsIsShownAsZeroOrAtLeastThree() {
        String query = "fragility?territory=commune:" + PAIMPONT + "&groupBy=establishment";
        Reply bySchool = departement.get("/api/reports/" + query);
        Reply truth = raw(query);
        assertThat(values(row(truth, ECOLE), FRAGILITY)).containsExactly(1, 1, 1, 1, 1, 0, 0);
        assertThat(values(row(truth, COLLEGE), FRAGILITY)).containsExactly(11, 11, 11, 11, 11, 0, 0);
        assertProtected(row(bySchool, ECOLE), row(truth, ECOLE), FRAGILITY);
        assertProtected(row(bySchool, COLLEGE), row(truth, COLLEGE), FRAGILITY);
        // Paimpont's twelve by commune are the école's one and the collège's eleven: three figures of their own
        assertProtected(row(departement.get("/api/reports/fragility"), PAIMPONT).path("diagnosed"), 12, "Paimpont");
    }

    @Test
    void fragilityCountsEachHouseholdWithItsLatestDiagnostic() {
        Reply report = departement.get("/api/reports/fragility");
        Reply truth = raw("fragility?territory=departement:035");
        // no device, no internet but good 4G, a low family quotient: eligible, a laptop, a dongle, a headset
        assertThat(values(row(truth, RENNES), FRAGILITY)).containsExactly(12, 12, 12, 11, 12, 0, 0);
        // without 4G a dongle is no use: an alternative access instead
        assertThat(values(row(truth, SAINT_MALO), FRAGILITY)).containsExactly(10, 10, 10, 0, 10, 10, 0);
        for (String commune : List.of(RENNES, SAINT_MALO, PAIMPONT)) {
            assertProtected(row(report, commune), row(truth, commune), FRAGILITY);
        }

        Reply bySchool = departement.get("/api/reports/fragility?groupBy=establishment");
        Reply bySchoolTruth = raw("fragility?territory=departement:035&groupBy=establishment");
        assertThat(values(row(bySchoolTruth, COLLEGE), FRAGILITY)).containsExactly(33, 33, 33, 22, 33, 10, 0);
        assertProtected(row(bySchool, COLLEGE), row(bySchoolTruth, COLLEGE), FRAGILITY);
        // a household with pupils in two schools stands in both rows: no totals
        assertThat(bySchool.json().has("totals")).isFalse();

        Reply before = departement.get("/api/reports/fragility?to=" + LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(1));
        assertThat(before.expect(200).path("rows")).isEmpty();
    }

    @Test
    void catchmentsGroupHouseholdsByCollegeAndSplitCommunes() {
        Reply report = departement.get("/api/reports/connectivity?groupBy=catchment");
        Reply truth = raw("connectivity?territory=departement:035&groupBy=catchment");
        assertThat(values(row(truth, "split:" + RENNES), CONNECTIVITY)).containsExactly(12, 11, 0, 0, 11);
        assertThat(row(report, "split:" + RENNES).path("label").asText()).isEqualTo("Secteur partagé : Rennes");
        // the same households as Rennes' row by commune: the same figures, not a second draw of the noise
        Reply byCommune = departement.get("/api/reports/connectivity");
        assertThat(values(row(report, "split:" + RENNES), CONNECTIVITY))
                .isEqualTo(values(row(byCommune, RENNES), CONNECTIVITY));
        assertThat(values(row(report, saintMaloCatchment), CONNECTIVITY))
                .isEqualTo(values(row(byCommune, SAINT_MALO), CONNECTIVITY));
    }

    @Test
    void theSummaryGivesHeadlineFiguresAndWhiteZonesPerCatchment() {
        Reply rennes = raw("summary?territory=commune:" + RENNES);
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        rennes.json().path("rows").forEach(row -> figures.put(row.path("key").asText(), row.path("value")));
        assertThat(figures.get("householdsDiagnosed").asInt()).isEqualTo(12);
        assertThat(figures.get("householdsEligible").asInt()).isEqualTo(12);
        assertThat(figures.get("eligibleShare").decimalValue()).isEqualByComparingTo("100.0");
        assertThat(figures.get("householdsEquipped").asInt()).isZero();
        assertThat(figures.get("equippedShare").decimalValue()).isEqualByComparingTo("0.0");
        assertThat(figures.get("devicesOnLoan").asInt()).isZero();
        assertThat(figures.get("whiteZoneHouseholds:split:" + RENNES).asInt()).isZero();

        Reply all = departement.get("/api/reports/summary");
        figures.clear();
        all.json().path("rows").forEach(row -> figures.put(row.path("key").asText(), row.path("value")));
        // the headline figures show: each the total of the report it comes from, the same figure
        JsonNode totals = departement.get("/api/reports/fragility").json().path("totals");
        assertProtected(figures.get("householdsDiagnosed"), 34, "households diagnosed");
        assertThat(figures.get("householdsDiagnosed")).isEqualTo(totals.path("diagnosed"));
        assertThat(figures.get("householdsEligible")).isEqualTo(totals.path("eligible"));
        assertThat(figures.get("eligibleShare").isNull()).isFalse();
        assertProtected(figures.get("whiteZoneHouseholds:" + saintMaloCatchment), 10, "Saint-Malo's white zones");
        assertThat(departement.get("/api/reports/summary?raw=true").status()).isEqualTo(403);
    }

    @Test
    void theCsvOpensInAFrenchSpreadsheet() throws Exception {
        Reply csv = departement.get("/api/reports/connectivity?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.header("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).contains("connectivity-departement-035-"));
        assertThat(csv.text()).startsWith("\uFEFF");
        List<String[]> lines;
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(csv.text().substring(1)))
                .withCSVParser(new CSVParserBuilder().withSeparator(';').build()).build()) {
            lines = reader.readAll();
        }
        assertThat(lines.get(0)).containsExactly("key", "label", "diagnosed", "noConnection", "mobileCapped", "whiteZone",
                "lowFixedSpeed");
        // the same figures as the JSON, in the same shape as ever
        Reply json = departement.get("/api/reports/connectivity");
        int line = 1;
        for (String commune : List.of(PAIMPONT, RENNES, SAINT_MALO)) {
            List<String> expected = new ArrayList<>(List.of(commune, row(json, commune).path("label").asText()));
            values(row(json, commune), CONNECTIVITY).forEach(value -> expected.add(String.valueOf(value)));
            assertThat(lines.get(line++)).containsExactlyElementsOf(expected);
        }
        assertThat(lines).hasSize(4);

        Reply summary = admin.get("/api/reports/summary?territory=commune:" + RENNES + "&format=csv&raw=true");
        assertThat(summary.text()).contains("eligibleShare;Part des foyers diagnostiqués éligibles (%);100,00");
    }

    /** The groupings each report offers, "" for its default (the contract's, written out). */
    static final Map<String, Set<String>> OFFERED = Map.of(
            "loans", Set.of("", "establishment", "commune", "funder"),
            "fragility", Set.of("", "commune", "establishment", "catchment"),
            "connectivity", Set.of("", "commune", "catchment"),
            "summary", Set.of(""));

    @Test
    void noReportCarriesAGuardiansNameOrContact() {
        List<String> outputs = new ArrayList<>();
        for (String report : List.of("loans", "fragility", "connectivity", "summary")) {
            for (String groupBy : List.of("", "commune", "establishment", "catchment", "funder")) {
                for (String format : List.of("json", "csv")) {
                    Reply reply = admin.get("/api/reports/" + report + "?territory=departement:035&groupBy=" + groupBy
                            + "&format=" + format);
                    // every grouping a report offers answers; the others are refused, naming groupBy
                    if (OFFERED.get(report).contains(groupBy)) {
                        assertThat(reply.status()).as(report + " by " + groupBy + ": " + reply.text()).isEqualTo(200);
                        outputs.add(reply.text());
                    } else {
                        assertThat(reply.status()).as(report + " by " + groupBy).isEqualTo(422);
                        assertThat(reply.field()).isEqualTo("groupBy");
                    }
                }
            }
        }
        // loans 4 groupings, fragility 4, connectivity 3, summary 1; each in JSON and CSV
        assertThat(outputs).hasSize(24);
        for (String output : outputs) {
            assertThat(output).doesNotContain(GUARDIANS).doesNotContain("06 11 22 33 44", "0611223344", "+33611223344", "\"familyId\"");
        }
    }

    @Test
    void aCollectivityReadsItsOwnTerritoryOnly() {
        assertThat(departement.get("/api/reports/connectivity?territory=commune:" + RENNES).status()).isEqualTo(200);
        Reply elsewhere = departement.get("/api/reports/connectivity?territory=departement:022");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.error()).isEqualTo("outside_territory");
        assertThat(elsewhere.field()).isEqualTo("territory");
        assertThat(departement.get("/api/reports/connectivity?territory=region:53").status()).isEqualTo(403);
        assertThat(departement.get("/api/reports/connectivity?territory=commune:22113").status()).isEqualTo(403);
        assertThat(departement.get("/api/reports/loans?types=ECOLE").error()).isEqualTo("outside_competence");
        assertThat(departement.get("/api/reports/loans?types=COLLEGE").status()).isEqualTo(200);

        Api region = admin.as(admin.post("/api/users", Map.of("name", "region-53", "role", "COLLECTIVITY",
                "territory", "region:53")).json().path("token").asText());
        Reply regional = region.get("/api/reports/connectivity");
        assertThat(regional.json().path("territory").asText()).isEqualTo("region:53");
        // the same households in the région's report as in the département's: the same figures
        assertThat(values(row(regional, RENNES), CONNECTIVITY))
                .isEqualTo(values(row(departement.get("/api/reports/connectivity"), RENNES), CONNECTIVITY));
        assertThat(region.get("/api/reports/connectivity?territory=departement:035").status()).isEqualTo(200);

        Api rennes = admin.as(admin.post("/api/users", Map.of("name", "ville-de-rennes", "role", "COLLECTIVITY",
                "territory", "commune:" + RENNES)).json().path("token").asText());
        assertThat(rennes.get("/api/reports/connectivity").json().path("rows")).hasSize(1);
        assertThat(rennes.get("/api/reports/connectivity?territory=departement:035").status()).isEqualTo(403);

        Api desk = admin.as(admin.post("/api/users", Map.of("name", "desk-reports", "role", "DESK",
                "establishments", List.of(COLLEGE))).json().path("token").asText());
        assertThat(desk.get("/api/reports/loans?territory=departement:035").status()).isEqualTo(403);
        assertThat(admin.as("no-such-token").get("/api/reports/loans?territory=departement:035").status()).isEqualTo(401);
    }

    @Test
    void badQuestionsGetAClearErrorAndNothingElse() {
        assertThat(admin.get("/api/reports/households?territory=departement:035").error()).isEqualTo("unknown_report");
        assertThat(admin.get("/api/reports/loans?territory=departement:035").status()).isEqualTo(200);
        assertThat(admin.get("/api/reports/loans").field()).isEqualTo("territory");
        expect(admin.get("/api/reports/loans?territory=departement:099"), 404, "unknown_territory", "territory");
        expect(admin.get("/api/reports/loans?territory=commune:99001"), 404, "unknown_territory", "territory");
        // a commune without a school is known by its département: its households count all the same
        assertThat(departement.get("/api/reports/connectivity?territory=commune:35999").expect(200).path("rows")).isEmpty();
        expect(admin.get("/api/reports/loans?territory=departement:035&to=+999999999-12-31"), 422, "invalid_value", "to");
        expect(admin.get("/api/reports/loans?territory=departement:035&from=-999999999-01-01"), 422, "invalid_value",
                "from");
        expect(admin.get("/api/reports/fragility?territory=departement:035&from=0001-01-01"), 422, "invalid_value", "from");
        expect(admin.get("/api/reports/fragility?territory=departement:035&to=2999-12-31"), 422, "invalid_period", "to");
        assertThat(admin.get("/api/reports/fragility?territory=departement:035&groupBy=Commune&format=CSV").status())
                .isEqualTo(200);
        expect(admin.get("/api/reports/loans?territory=canton:3512"), 422, "invalid_territory", "territory");
        expect(admin.get("/api/reports/loans?territory=departement:35"), 422, "invalid_territory", "territory");
        expect(admin.get("/api/reports/loans?territory=departement:035&groupBy=catchment"), 422, "invalid_value", "groupBy");
        expect(admin.get("/api/reports/connectivity?territory=departement:035&groupBy=street"), 422, "invalid_value",
                "groupBy");
        expect(admin.get("/api/reports/summary?territory=departement:035&groupBy=commune"), 422, "invalid_value",
                "groupBy");
        expect(admin.get("/api/reports/loans?territory=departement:035&from=2026-06-01&to=2026-05-01"), 422,
                "invalid_period", "from");
        expect(admin.get("/api/reports/loans?territory=departement:035&to=2026-13-01"), 422, "invalid_value", "to");
        expect(admin.get("/api/reports/loans?territory=departement:035&format=xlsx"), 422, "invalid_value", "format");
        expect(admin.get("/api/reports/loans?territory=departement:035&types=CRECHE"), 422, "invalid_value", "types");
        expect(admin.get("/api/reports/fragility?territory=departement:035&types=ECOLE"), 422, "invalid_value", "types");
        expect(admin.get("/api/reports/fragility?territory=departement:035&raw=yes"), 422, "invalid_value", "raw");
        expect(departement.get("/api/reports/fragility?raw=true"), 403, "raw_refused", "raw");
        assertThat(departement.get("/api/reports/fragility?raw=false").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorsPlainCountsAreAudited() {
        admin.get("/api/reports/connectivity?territory=commune:" + SAINT_MALO + "&raw=true");
        Reply audit = admin.get("/api/audit?entity=REPORT&limit=500");
        assertThat(audit.status()).as(audit.text()).isEqualTo(200);
        assertThat(audit.json().path("items")).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("READ_RAW");
            assertThat(entry.path("entityId").asText()).isEqualTo("connectivity");
            assertThat(entry.toString()).contains("commune:" + SAINT_MALO);
        });
    }

    static void expect(Reply reply, int status, String error, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.field()).isEqualTo(field);
        assertThat(reply.json().path("message").asText()).isNotBlank();
    }

    /** The facts the fragility report counts beside the needs; the last is of a restricted criterion. */
    static final String[] FACTS = {"smartphoneOnly", "sharedDevice", "parentsWithoutAutonomy", "otherLanguage"};

    @Test
    void fragilityCountsTheHouseholdFactsOfEachLatestDiagnostic() {
        Reply report = departement.get("/api/reports/fragility");
        Reply truth = raw("fragility?territory=departement:035");
        assertThat(values(row(truth, RENNES), FACTS)).containsExactly(12, 0, 5, 3);
        assertThat(values(row(truth, SAINT_MALO), FACTS)).containsExactly(7, 0, 0, 1);
        assertThat(values(row(truth, PAIMPONT), FACTS)).containsExactly(8, 4, 0, 0);
        assertThat(values(truth.json().path("totals"), FACTS)).containsExactly(27, 4, 5, 4);
        for (String commune : List.of(RENNES, SAINT_MALO, PAIMPONT)) {
            assertProtected(row(report, commune), row(truth, commune), FACTS);
        }
        Reply byCatchment = raw("fragility?territory=departement:035&groupBy=catchment");
        assertThat(values(row(byCatchment, "split:" + RENNES), FACTS)).containsExactly(12, 0, 5, 3);
        Reply csv = admin.get("/api/reports/fragility?territory=departement:035&format=csv&raw=true");
        assertThat(csv.text().lines().findFirst().orElseThrow()).endsWith(";alternativeAccess;smartphoneOnly;"
                + "sharedDevice;parentsWithoutAutonomy;otherLanguage;adaptedEquipment");
    }

    /**
     * Adapted equipment is a restricted answer (few may read it of one household): its figure is
     * protected for every caller, the administrator's plain counts included, and is then the very figure
     * the collectivity reads.
     */
    @Test
    void adaptedEquipmentIsProtectedEvenInTheAdministratorsPlainCounts() {
        Map<String, Long> counted = new LinkedHashMap<>();
        jdbi().useHandle(handle -> handle.attach(ReportDao.class).households(ReportDao.familiesIn(
                        fr.ecole.lending.geography.Territory.parse("departement:035")), "035", "35", "36",
                        java.time.Instant.now().plus(java.time.Duration.ofDays(1)))
                .forEach(group -> counted.merge(group.place(), group.counts().get("adaptedEquipment"), Long::sum)));
        // the truth, as the database holds it: the 12th of Rennes needs no more of it at its latest diagnostic
        assertThat(counted).containsEntry(RENNES, 4L).containsEntry(SAINT_MALO, 0L).containsEntry(PAIMPONT, 1L);

        Reply plain = raw("fragility?territory=departement:035");
        JsonNode disclosure = plain.json().path("disclosure");
        assertThat(disclosure.path("protectedColumns")).extracting(JsonNode::asText).containsExactly("adaptedEquipment");
        assertThat(disclosure.path("version").asInt()).isEqualTo(1);
        assertThat(disclosure.path("noiseBound").asInt()).isEqualTo(3);
        Reply collectivity = departement.get("/api/reports/fragility");
        assertThat(collectivity.json().path("disclosure").has("protectedColumns")).isFalse();
        for (String commune : List.of(RENNES, SAINT_MALO, PAIMPONT)) {
            JsonNode shown = row(plain, commune).path("adaptedEquipment");
            assertProtected(shown, counted.get(commune), "adaptedEquipment of " + commune);
            assertThat(shown).as("the administrator's figure is the collectivity's")
                    .isEqualTo(row(collectivity, commune).path("adaptedEquipment"));
        }
        // Paimpont's one household is never shown as one, however grouped
        Reply bySchool = raw("fragility?territory=commune:" + PAIMPONT + "&groupBy=establishment");
        assertThat(row(bySchool, COLLEGE).path("adaptedEquipment").asInt()).isNotIn(1, 2);
        assertProtected(plain.json().path("totals").path("adaptedEquipment"), 5, "adaptedEquipment in all");
        // the other reports keep the plain counts whole
        assertThat(raw("connectivity?territory=departement:035").json().path("disclosure").has("protectedColumns"))
                .isFalse();
    }

    /** The service's database, read as the service reads it: instants bound as milliseconds. */
    static org.jdbi.v3.core.Jdbi jdbi() {
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create(url).installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
        jdbi.registerArgument(new org.jdbi.v3.core.argument.AbstractArgumentFactory<java.time.Instant>(java.sql.Types.BIGINT) {
            @Override
            protected org.jdbi.v3.core.argument.Argument build(java.time.Instant value, org.jdbi.v3.core.config.ConfigRegistry config) {
                return (position, statement, context) -> statement.setLong(position, value.toEpochMilli());
            }
        });
        return jdbi;
    }

    /**
     * PostgreSQL reads the households with set-based joins, SQLite with a subquery per household: on the
     * same households (a re-diagnosed one, one never diagnosed, pupils at two kinds of schools), both
     * forms give the same groups, for the département and for one commune.
     */
    @Test
    void onPostgresqlBothFormsOfTheHouseholdsQueryGiveTheSameGroups() {
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        org.junit.jupiter.api.Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"), "the set-based form is PostgreSQL's");
        org.jdbi.v3.core.Jdbi jdbi = jdbi();
        java.time.Instant until = java.time.Instant.now().plus(java.time.Duration.ofDays(1));
        jdbi.useHandle(handle -> {
            ReportDao reports = handle.attach(ReportDao.class);
            String departement = ReportDao.familiesIn(fr.ecole.lending.geography.Territory.parse("departement:035"));
            List<ReportDao.Counts> perHousehold = reports.households(departement, "035", "35", "36", until);
            assertThat(perHousehold).isNotEmpty();
            assertThat(reports.householdsSetBased(departement, "035", "35", "36", until))
                    .containsExactlyInAnyOrderElementsOf(perHousehold);
            String commune = ReportDao.familiesIn(fr.ecole.lending.geography.Territory.parse("commune:" + RENNES));
            assertThat(reports.householdsSetBased(commune, RENNES, "", "", until))
                    .containsExactlyInAnyOrderElementsOf(reports.households(commune, RENNES, "", "", until))
                    .isNotEmpty();
        });
    }
}
