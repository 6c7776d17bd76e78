package fr.ecole.lending.reports;

import static fr.ecole.lending.reports.ReportRows.assertProtected;
import static fr.ecole.lending.reports.ReportRows.row;
import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The loans report over a pool whose every figure is known: 14 devices of the collège Les Hautes
 * Ourmes (Rennes), ten of them paid for by the département, lent 40 days ago under three agreements
 * due yesterday; today two came back, two were declared lost (one found again), one went to repair
 * and one was retired. The administrator's plain counts ({@code raw=true}) are the truth; the
 * département reads its own devices exactly and the rest through the cell key method.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoansReportIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate TODAY = LocalDate.now(PARIS);
    /** Flows counted from 60 days ago, so that the loans made 40 days ago are in the period. */
    static final String PERIOD = "from=" + TODAY.minusDays(60);
    static Api admin;
    static Api departement;

    @BeforeAll
    static void lendRetrieveLoseAndRepair() throws Exception {
        admin = new Api(APP);
        admin.postRaw("/api/imports/enrolments", "text/csv", Api.resource("/fixtures/territory/fr-en-effectifs-second-degre.csv"));
        departement = admin.as(admin.post("/api/users", Map.of("name", "departement-35", "role", "COLLECTIVITY",
                "territory", "departement:035")).json().path("token").asText());

        List<String> laptops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            laptops.add(device("LAPTOP", "departement:035", COLLEGE));
        }
        List<String> headsets = List.of(device("HEADSET", "departement:035", COLLEGE),
                device("HEADSET", "departement:035", COLLEGE));
        List<String> dongles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dongles.add(device("DONGLE_4G", null, COLLEGE));
        }
        // the département paid for two laptops of an école too: its own, though not of its competence
        device("LAPTOP", "departement:035", ECOLE);
        device("LAPTOP", "departement:035", ECOLE);

        long first = admin.post("/api/families", Builders.family("Hélène Rapport", COLLEGE)).json().path("id").asLong();
        long second = admin.post("/api/families", Builders.family("Karim Rapport", COLLEGE)).json().path("id").asLong();
        lend(first, List.of(laptops.get(0), laptops.get(1), headsets.get(0), headsets.get(1)));
        lend(second, List.of(laptops.get(2), laptops.get(3), dongles.get(0), dongles.get(1)));
        lend(second, List.of(dongles.get(2), dongles.get(3)));
        lentFortyDaysAgoAndDueYesterday();

        assertThat(admin.post("/api/returns", Map.of("assetTag", laptops.get(0), "condition", "GOOD")).status()).isEqualTo(200);
        assertThat(admin.post("/api/returns", Map.of("assetTag", laptops.get(1), "condition", "BROKEN")).status()).isEqualTo(200);
        status(laptops.get(4), "IN_REPAIR", "Écran fendu");
        status(laptops.get(5), "LOST", "Disparu de l'armoire");
        status(laptops.get(6), "RETIRED", "Batterie hors d'usage");
        // declared lost, then found again the same day: back in the pool, and one more loss of the period
        status(laptops.get(7), "LOST", "Introuvable");
        status(laptops.get(7), "AVAILABLE", "Retrouvé au CDI");
    }

    /** The API lends today and refuses a due date in the past: the collège's records are moved back as a whole. */
    static void lentFortyDaysAgoAndDueYesterday() throws Exception {
        long fortyDaysAgo = Instant.now().minus(Duration.ofDays(40)).toEpochMilli();
        try (Connection connection = DriverManager.getConnection(APP.getConfiguration().getDataSourceFactory().getUrl());
             PreparedStatement agreements = connection.prepareStatement(
                     "UPDATE agreements SET created_at = ?, due_date = ? WHERE uai = ?");
             PreparedStatement loans = connection.prepareStatement("UPDATE loans SET out_at = ?");
             PreparedStatement devices = connection.prepareStatement("UPDATE devices SET created_at = ? WHERE uai = ?")) {
            agreements.setLong(1, fortyDaysAgo);
            agreements.setString(2, TODAY.minusDays(1).toString());
            agreements.setString(3, COLLEGE);
            assertThat(agreements.executeUpdate()).isEqualTo(3);
            loans.setLong(1, fortyDaysAgo);
            loans.executeUpdate();
            devices.setLong(1, fortyDaysAgo - Duration.ofDays(10).toMillis());
            devices.setString(2, COLLEGE);
            devices.executeUpdate();
        }
    }

    static String device(String kind, String fundedBy, String uai) {
        Map<String, Object> body = new LinkedHashMap<>(Builders.device(kind));
        if (fundedBy != null) {
            body.put("fundedBy", fundedBy);
        }
        Reply created = admin.post("/api/establishments/" + uai + "/devices", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("assetTag").asText();
    }

    static void lend(long family, List<String> tags) {
        Reply lent = admin.post("/api/agreements", Builders.agreement(family, COLLEGE, tags, UUID.randomUUID().toString()));
        assertThat(lent.status()).as(lent.text()).isEqualTo(201);
    }

    static void status(String tag, String status, String note) {
        Reply changed = admin.patch("/api/devices/" + tag, Map.of("status", status, "note", note));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
    }

    static final String[] COLUMNS = {"devicesInPool", "devicesOnLoan", "laptopsOnLoan", "tabletsOnLoan", "donglesOnLoan",
            "headsetsOnLoan", "agreementsActive", "lent", "returned", "overdue", "lost", "inRepair"};
    /** What stands for households: protected for everyone but in plain counts. */
    static final String[] HOUSEHOLDS = {"agreementsActive", "lent", "returned", "overdue"};
    static final String[] INVENTORY = {"devicesInPool", "devicesOnLoan", "laptopsOnLoan", "tabletsOnLoan",
            "donglesOnLoan", "headsetsOnLoan", "lost", "inRepair"};

    /** The plain counts of a report, as the administrator alone may read them. */
    static Reply raw(String query) {
        Reply raw = admin.get("/api/reports/loans?" + query + "&raw=true");
        assertThat(raw.status()).as(raw.text()).isEqualTo(200);
        return raw;
    }

    /** The row's counts, in the API's order. */
    static List<Object> counts(JsonNode row) {
        List<Object> counts = new ArrayList<>();
        for (String column : COLUMNS) {
            assertThat(row.has(column)).as(column).isTrue();
            counts.add(row.get(column).isNull() ? null : row.get(column).asInt());
        }
        return counts;
    }

    @Test
    void eachCollegeOfTheDepartementHasItsRowAndTheCountsAreTheDesks() {
        Reply report = departement.get("/api/reports/loans?" + PERIOD);
        assertThat(report.json().path("report").asText()).isEqualTo("loans");
        assertThat(report.json().path("territory").asText()).isEqualTo("departement:035");
        assertThat(report.json().path("groupBy").asText()).isEqualTo("establishment");
        assertThat(report.json().path("disclosure").path("method").asText()).isEqualTo("cell-key");
        assertThat(report.json().path("to").asText()).isEqualTo(TODAY.toString());
        JsonNode college = row(report, COLLEGE);
        assertThat(college.path("label").asText()).isEqualTo("Collège les Hautes Ourmes (Rennes)");
        // pool 14 − a laptop lost on the shelf − a retired one = 12; out: 2 headsets, 2 laptops, 4 dongles;
        // 10 lent 40 days ago, 2 back, 2 lost (one found again), 2 in repair, the three agreements overdue
        Reply truth = raw("territory=departement:035&" + PERIOD);
        assertThat(counts(row(truth, COLLEGE))).containsExactly(12, 8, 2, 0, 4, 2, 3, 10, 2, 3, 2, 2);
        assertThat(row(truth, COLLEGE).path("devicesOnLoanPer100Pupils").decimalValue()).isEqualByComparingTo("1.44");
        // the département's own devices exactly, the four dongles of no funder protected: at most 3 off
        for (String column : INVENTORY) {
            assertThat(college.path(column).asLong()).as(column)
                    .isBetween(row(truth, COLLEGE).path(column).asLong() - 3, row(truth, COLLEGE).path(column).asLong() + 3);
        }
        assertThat(college.path("laptopsOnLoan").asInt()).as("its own laptops, exactly").isEqualTo(2);
        assertThat(college.path("headsetsOnLoan").asInt()).as("its own headsets, exactly").isEqualTo(2);
        assertThat(college.path("tabletsOnLoan").asInt()).isZero();
        assertProtected(college, row(truth, COLLEGE), HOUSEHOLDS);
        assertThat(college.path("pupils").asInt()).isEqualTo(556);
        assertThat(college.path("devicesOnLoanPer100Pupils").isNull()).isFalse();
        // collèges only: the école's laptops are the commune's, not the département's
        assertThat(report.json().path("rows")).extracting(row -> row.path("key").asText())
                .doesNotContain(ECOLE, Builders.LYCEE).contains("0350044H", "0351969A");
        assertProtected(report.json().path("totals"), truth.json().path("totals"), HOUSEHOLDS);
        assertThat(counts(truth.json().path("totals"))).containsExactly(12, 8, 2, 0, 4, 2, 3, 10, 2, 3, 2, 2);
    }

    @Test
    void theFunderGroupingShowsTheDevicesTheDepartementPaidFor() {
        Reply report = departement.get("/api/reports/loans?groupBy=funder&" + PERIOD);
        assertThat(report.json().path("rows")).extracting(row -> row.path("key").asText())
                .containsExactly("departement:035", "none");
        // laptops and headsets: 8 in the collège's pool and the école's two laptops; 4 out under two agreements.
        // What the département paid for is its inventory, exact; the agreements stand for households
        JsonNode own = row(report, "departement:035");
        for (String column : INVENTORY) {
            assertThat(own.path(column).asInt()).as(column).isEqualTo(switch (column) {
                case "devicesInPool" -> 10;
                case "devicesOnLoan" -> 4;
                case "laptopsOnLoan", "headsetsOnLoan", "lost", "inRepair" -> 2;
                default -> 0;
            });
        }
        assertProtected(own.path("agreementsActive"), 2, "agreements");
        assertProtected(own.path("lent"), 6, "lent");
        assertProtected(own.path("returned"), 2, "returned");
        assertProtected(own.path("overdue"), 2, "overdue");
        assertThat(own.path("label").asText()).isEqualTo("Département 035");
        // the dongles nobody declared a funder for, out under two agreements: not the département's, protected
        JsonNode none = row(report, "none");
        int i = 0;
        for (long truth : List.of(4, 4, 0, 0, 4, 0, 2, 4, 0, 2, 0, 0)) {
            assertProtected(none.path(COLUMNS[i]), truth, COLUMNS[i++]);
        }
        JsonNode totals = report.json().path("totals");
        // an agreement lends devices of both funders: its count does not add up across them
        assertThat(totals.has("agreementsActive")).isFalse();
        assertThat(totals.path("devicesInPool").asInt()).isBetween(14 - 3, 14 + 3);
        // the administrator reads every funder's inventory exactly
        JsonNode all = admin.get("/api/reports/loans?territory=departement:035&groupBy=funder&" + PERIOD).json()
                .path("totals");
        assertThat(all.path("devicesOnLoan").asInt()).isEqualTo(8);
        assertThat(all.path("devicesInPool").asInt()).isEqualTo(12);
        // an administrator's funder rows cover the competence asked for: the collèges
        assertThat(row(admin.get("/api/reports/loans?territory=departement:035&groupBy=funder"), "departement:035")
                .path("devicesInPool").asInt()).isEqualTo(8);
    }

    @Test
    void theCommuneGroupingAddsUpItsCollegesAndAnAdministratorMayAskForEcolesToo() {
        Reply communes = departement.get("/api/reports/loans?groupBy=commune&" + PERIOD);
        // the same loans, devices and agreements as the collège's row: the same figures
        assertThat(counts(row(communes, "35238")))
                .isEqualTo(counts(row(departement.get("/api/reports/loans?" + PERIOD), COLLEGE)));
        assertThat(row(communes, "35238").path("label").asText()).isEqualTo("Rennes");

        Reply both = admin.get("/api/reports/loans?territory=commune:35238&types=ECOLE,COLLEGE&raw=true&" + PERIOD);
        assertThat(counts(row(both, ECOLE))).containsExactly(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(counts(row(both, COLLEGE))).containsExactly(12, 8, 2, 0, 4, 2, 3, 10, 2, 3, 2, 2);
        Reply ecoles = admin.get("/api/reports/loans?territory=commune:35238");
        assertThat(ecoles.json().path("rows")).noneMatch(row -> row.path("key").asText().equals(COLLEGE));
        assertThat(row(ecoles, ECOLE).path("devicesInPool").asInt()).isEqualTo(2);
    }

    @Test
    void stocksAreTakenAtTheEndOfToAndFlowsWithinThePeriod() {
        // since ten days ago: nothing lent, the stocks as they are
        JsonNode lately = row(raw("territory=departement:035&from=" + TODAY.minusDays(10)), COLLEGE);
        assertThat(counts(lately)).containsExactly(12, 8, 2, 0, 4, 2, 3, 0, 2, 3, 2, 2);

        // at the end of yesterday: all ten out, nothing back, lost, retired or in repair yet; due yesterday is not late
        JsonNode yesterday = row(raw("territory=departement:035&" + PERIOD + "&to=" + TODAY.minusDays(1)), COLLEGE);
        assertThat(counts(yesterday)).containsExactly(14, 10, 4, 0, 4, 2, 3, 10, 0, 0, 0, 0);

        Reply future = departement.get("/api/reports/loans?to=" + TODAY.plusDays(1));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.error()).isEqualTo("invalid_period");
        assertThat(future.field()).isEqualTo("to");
    }
}
