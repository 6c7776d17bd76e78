package fr.ecole.lending.reports;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.reports.ReportRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
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
 * The loans report over a pool whose every figure is known: 13 devices of the collège Les Hautes
 * Ourmes (Rennes), two agreements, returns, a loss, repairs and a retirement. The threshold is 2
 * here, so that counts of one are hidden and the others shown as they are. A figure adds up cells
 * (an establishment's devices of one funder): it hides when one of them does, so that the funder
 * rows and the establishment rows cannot be subtracted from one another.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoansReportIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create("reportSuppressionThreshold", "2");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));
    static Api admin;
    static Api departement;

    @BeforeAll
    static void lendRetrieveLoseAndRepair() {
        admin = new Api(APP);
        admin.importDirectory();
        admin.postRaw("/api/imports/enrolments", "text/csv", Api.resource("/fixtures/territory/fr-en-effectifs-second-degre.csv"));
        departement = admin.as(admin.post("/api/users", Map.of("name", "departement-35", "role", "COLLECTIVITY",
                "territory", "departement:035")).json().path("token").asText());

        List<String> laptops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            laptops.add(device("LAPTOP", "departement:035"));
        }
        List<String> headsets = List.of(device("HEADSET", "departement:035"), device("HEADSET", "departement:035"));
        List<String> dongles = List.of(device("DONGLE_4G", null), device("DONGLE_4G", null), device("DONGLE_4G", null));
        // the département paid for two laptops of an école too: its own, though not of its competence
        device("LAPTOP", "departement:035", ECOLE);
        device("LAPTOP", "departement:035", ECOLE);

        long first = admin.post("/api/families", Builders.family("Hélène Rapport", COLLEGE)).json().path("id").asLong();
        long second = admin.post("/api/families", Builders.family("Karim Rapport", COLLEGE)).json().path("id").asLong();
        lend(first, List.of(laptops.get(0), laptops.get(1), headsets.get(0), headsets.get(1)));
        lend(second, List.of(laptops.get(2), laptops.get(3), dongles.get(0), dongles.get(1), dongles.get(2)));
        assertThat(admin.post("/api/returns", Map.of("assetTag", laptops.get(0), "condition", "GOOD")).status()).isEqualTo(200);
        assertThat(admin.post("/api/returns", Map.of("assetTag", laptops.get(1), "condition", "BROKEN")).status()).isEqualTo(200);
        status(dongles.get(0), "LOST", "Perdu pendant un déménagement");
        status(laptops.get(4), "IN_REPAIR", "Écran fendu");
        status(laptops.get(5), "LOST", "Disparu de l'armoire");
        status(laptops.get(6), "RETIRED", "Batterie hors d'usage");
        // declared lost, then found again the same day: back in the pool, and one more loss of the period
        status(laptops.get(7), "LOST", "Introuvable");
        status(laptops.get(7), "AVAILABLE", "Retrouvé au CDI");
    }

    static String device(String kind, String fundedBy) {
        return device(kind, fundedBy, COLLEGE);
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
        Map<String, Object> body = new LinkedHashMap<>(Builders.agreement(family, COLLEGE, tags, UUID.randomUUID().toString()));
        body.put("dueDate", TODAY.plusDays(30).toString());
        Reply lent = admin.post("/api/agreements", body);
        assertThat(lent.status()).as(lent.text()).isEqualTo(201);
    }

    static void status(String tag, String status, String note) {
        Reply changed = admin.patch("/api/devices/" + tag, Map.of("status", status, "note", note));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
    }


    /** The row's counts, hidden ones as null, in the API's order. */
    static List<Object> counts(JsonNode row) {
        List<Object> counts = new ArrayList<>();
        for (String column : List.of("devicesInPool", "devicesOnLoan", "laptopsOnLoan", "tabletsOnLoan", "donglesOnLoan",
                "headsetsOnLoan", "agreementsActive", "lent", "returned", "overdue", "lost", "inRepair")) {
            assertThat(row.has(column)).as(column).isTrue();
            counts.add(row.get(column).isNull() ? null : row.get(column).asInt());
        }
        return counts;
    }

    @Test
    void eachCollegeOfTheDepartementHasItsRowAndTheCountsAreTheDesks() {
        Reply report = departement.get("/api/reports/loans");
        assertThat(report.json().path("report").asText()).isEqualTo("loans");
        assertThat(report.json().path("territory").asText()).isEqualTo("departement:035");
        assertThat(report.json().path("groupBy").asText()).isEqualTo("establishment");
        assertThat(report.json().path("suppressionThreshold").asInt()).isEqualTo(2);
        assertThat(report.json().path("to").asText()).isEqualTo(TODAY.toString());
        JsonNode college = row(report, COLLEGE);
        assertThat(college.path("label").asText()).isEqualTo("Collège les Hautes Ourmes (Rennes)");
        // pool 13 − lost (a dongle out, a laptop on the shelf) − retired = 10; out: 2 headsets, 2 laptops, 2 dongles;
        // lost: two laptops and a dongle, but the dongle is hidden in the funder rows, so the sum is too
        assertThat(counts(college)).containsExactly(10, 6, 2, 0, 2, 2, 2, 9, 2, 0, null, 2);
        assertThat(college.path("pupils").asInt()).isEqualTo(556);
        assertThat(college.path("devicesOnLoanPer100Pupils").decimalValue()).isEqualByComparingTo("1.1");
        // collèges only: the école's laptop is the commune's, not the département's
        assertThat(report.json().path("rows")).extracting(row -> row.path("key").asText())
                .doesNotContain(ECOLE, Builders.LYCEE).contains("0350044H", "0351969A");
        assertThat(report.json().path("rows").size()).isGreaterThan(50);
        assertThat(counts(report.json().path("totals"))).containsExactly(10, 6, 2, 0, 2, 2, 2, 9, 2, 0, null, 2);
    }

    @Test
    void theFunderGroupingShowsTheDevicesTheDepartementPaidFor() {
        Reply report = departement.get("/api/reports/loans?groupBy=funder");
        assertThat(report.json().path("rows")).extracting(row -> row.path("key").asText())
                .containsExactly("departement:035", "none");
        // laptops and headsets: 8 in the collège's pool and the école's two laptops, 4 out under both agreements,
        // two declared lost (one found again)
        assertThat(counts(row(report, "departement:035"))).containsExactly(10, 4, 2, 0, 0, 2, 2, 6, 2, 0, 2, 2);
        assertThat(row(report, "departement:035").path("label").asText()).isEqualTo("Département 035");
        // the dongles nobody declared a funder for: one agreement (hidden), one lost (hidden)
        assertThat(counts(row(report, "none"))).containsExactly(2, 2, 0, 0, 2, 0, null, 3, 0, 0, null, 0);
        JsonNode totals = report.json().path("totals");
        // an agreement lends devices of both funders: its count does not add up across them
        assertThat(totals.has("agreementsActive")).isFalse();
        assertThat(totals.path("devicesOnLoan").asInt()).isEqualTo(6);
        assertThat(totals.path("lost").isNull()).isTrue();
        // an administrator's funder rows cover the competence asked for: the collèges
        assertThat(row(admin.get("/api/reports/loans?territory=departement:035&groupBy=funder"), "departement:035")
                .path("devicesInPool").asInt()).isEqualTo(8);
    }

    @Test
    void theCommuneGroupingAddsUpItsCollegesAndAnAdministratorMayAskForEcolesToo() {
        assertThat(counts(row(departement.get("/api/reports/loans?groupBy=commune"), "35238")))
                .containsExactly(10, 6, 2, 0, 2, 2, 2, 9, 2, 0, null, 2);
        assertThat(row(departement.get("/api/reports/loans?groupBy=commune"), "35238").path("label").asText())
                .isEqualTo("Rennes");

        Reply both = admin.get("/api/reports/loans?territory=commune:35238&types=ECOLE,COLLEGE");
        assertThat(counts(row(both, ECOLE))).containsExactly(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(counts(row(both, COLLEGE))).containsExactly(10, 6, 2, 0, 2, 2, 2, 9, 2, 0, null, 2);
        Reply ecoles = admin.get("/api/reports/loans?territory=commune:35238");
        assertThat(ecoles.json().path("rows")).noneMatch(row -> row.path("key").asText().equals(COLLEGE));
        assertThat(row(ecoles, ECOLE).path("devicesInPool").asInt()).isEqualTo(2);
    }

    @Test
    void stocksAreTakenAtTheEndOfToAndFlowsWithinThePeriod() {
        JsonNode later = row(departement.get("/api/reports/loans?from=" + TODAY + "&to=" + TODAY.plusDays(31)), COLLEGE);
        // both agreements were due in 30 days: overdue by then
        assertThat(counts(later)).containsExactly(10, 6, 2, 0, 2, 2, 2, 9, 2, 2, null, 2);

        JsonNode tomorrow = row(departement.get("/api/reports/loans?from=" + TODAY.plusDays(1) + "&to="
                + TODAY.plusDays(1)), COLLEGE);
        assertThat(counts(tomorrow)).containsExactly(10, 6, 2, 0, 2, 2, 2, 0, 0, 0, 0, 2);

        JsonNode yesterday = row(departement.get("/api/reports/loans?to=" + TODAY.minusDays(1)), COLLEGE);
        assertThat(counts(yesterday)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
