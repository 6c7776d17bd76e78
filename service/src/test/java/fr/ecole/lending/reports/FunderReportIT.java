package fr.ecole.lending.reports;

import static fr.ecole.lending.reports.ReportRows.assertProtected;
import static fr.ecole.lending.reports.ReportRows.row;
import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 23: reports by funder include every funder, the State's national programme as a département;
 * and a funder's own user reads the loans report of the devices it paid for, wherever they are, its
 * inventory exact and its households protected, and nothing else. The pool: the State paid for four
 * devices of the collège Les Hautes Ourmes, one of the lycée Bréquigny and one of the école Volga
 * (all in Rennes); a foundation for one laptop of the collège, the département for another. One
 * family borrows a State laptop and the foundation's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FunderReportIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String STATE_NAME = "État – Programme national d'équipement";
    static Api admin;
    static Api funder;
    static String state;
    static String foundation;
    static String stateLaptop;

    @BeforeAll
    static void pool() {
        admin = new Api(APP);
        state = "funder:" + funder("STATE", STATE_NAME, null);
        foundation = "funder:" + funder("FOUNDATION", "Fondation pour l'école numérique", "region:53");
        stateLaptop = device("LAPTOP", state, COLLEGE);
        device("LAPTOP", state, COLLEGE);
        device("LAPTOP", state, COLLEGE);
        device("DONGLE_4G", state, COLLEGE);
        device("LAPTOP", state, LYCEE);
        device("TABLET", state, ECOLE);
        String foundationLaptop = device("LAPTOP", foundation, COLLEGE);
        device("LAPTOP", "departement:035", COLLEGE);
        long family = admin.post("/api/families", Builders.family("Awa Financeur", COLLEGE)).json().path("id").asLong();
        Reply lent = admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(stateLaptop, foundationLaptop),
                UUID.randomUUID().toString()));
        assertThat(lent.status()).as(lent.text()).isEqualTo(201);

        Reply user = admin.post("/api/users", Map.of("name", "etat.programme", "role", "FUNDER",
                "funder", Long.parseLong(state.substring("funder:".length()))));
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        assertThat(user.json().path("funder").asText()).isEqualTo(state.substring("funder:".length()));
        funder = admin.as(user.json().path("token").asText());
    }

    static long funder(String kind, String name, String territory) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("name", name);
        body.put("territory", territory);
        body.put("allowsTransfersOutside", true);
        Reply created = admin.post("/api/funders", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static String device(String kind, String fundedBy, String uai) {
        Map<String, Object> body = new LinkedHashMap<>(Builders.device(kind));
        body.put("fundedBy", fundedBy);
        Reply created = admin.post("/api/establishments/" + uai + "/devices", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("assetTag").asText();
    }

    static void assertInventory(JsonNode row, long inPool, long onLoan, long laptopsOnLoan) {
        assertThat(row.path("devicesInPool").asLong()).as("devicesInPool").isEqualTo(inPool);
        assertThat(row.path("devicesOnLoan").asLong()).as("devicesOnLoan").isEqualTo(onLoan);
        assertThat(row.path("laptopsOnLoan").asLong()).as("laptopsOnLoan").isEqualTo(laptopsOnLoan);
        assertThat(row.path("tabletsOnLoan").asLong()).isZero();
        assertThat(row.path("donglesOnLoan").asLong()).isZero();
        assertThat(row.path("headsetsOnLoan").asLong()).isZero();
        assertThat(row.path("inRepair").asLong()).isZero();
        assertThat(row.path("lost").asLong()).isZero();
    }

    @Test
    void aStateFundedDevicesReportLine() {
        Reply report = admin.get("/api/reports/loans?territory=departement:035&groupBy=funder");
        JsonNode line = row(report, state);
        assertThat(line.path("label").asText()).isEqualTo(STATE_NAME);
        assertThat(line.path("funderKind").asText()).isEqualTo("STATE");
        // the département's collèges: the State's four devices of the collège, not its lycée's nor its école's
        assertInventory(line, 4, 1, 1);
        JsonNode foundationLine = row(report, foundation);
        assertThat(foundationLine.path("label").asText()).isEqualTo("Fondation pour l'école numérique");
        assertThat(foundationLine.path("funderKind").asText()).isEqualTo("FOUNDATION");
        assertInventory(foundationLine, 1, 1, 1);
        JsonNode departement = row(report, "departement:035");
        assertThat(departement.path("funderKind").asText()).isEqualTo("DEPARTEMENT");
        assertInventory(departement, 1, 0, 0);

        Reply csv = admin.get("/api/reports/loans?territory=departement:035&groupBy=funder&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).contains("key;label;funderKind;devicesInPool").contains(STATE_NAME);
    }

    @Test
    void theCollectivityReadsTheStatesLineProtected() {
        Api departement = admin.as(admin.post("/api/users", Map.of("name", "departement-35-financeurs", "role",
                "COLLECTIVITY", "territory", "departement:035")).json().path("token").asText());
        JsonNode line = row(departement.get("/api/reports/loans?groupBy=funder"), state);
        assertThat(line.path("label").asText()).isEqualTo(STATE_NAME);
        assertProtected(line.path("devicesInPool"), 4, "the State's devices, not the département's own");
    }

    @Test
    void theFundersUserReadsItsDevicesWhereverTheyAre() {
        Reply report = funder.get("/api/reports/loans");
        assertThat(report.json().path("territory").isNull()).isTrue();
        assertThat(report.json().path("rows")).extracting(row -> row.path("key").asText())
                .containsExactlyInAnyOrder(COLLEGE, LYCEE, ECOLE);
        JsonNode college = row(report, COLLEGE);
        assertInventory(college, 4, 1, 1);
        assertProtected(college.path("agreementsActive"), 1, "its households are protected");
        assertInventory(row(report, LYCEE), 1, 0, 0);
        assertInventory(row(report, ECOLE), 1, 0, 0);

        assertInventory(row(funder.get("/api/reports/loans?groupBy=commune"), "35238"), 6, 1, 1);
        Reply byFunder = funder.get("/api/reports/loans?groupBy=funder&territory=departement:035");
        assertThat(byFunder.json().path("rows")).hasSize(1);
        assertInventory(row(byFunder, state), 6, 1, 1);
        assertThat(funder.get("/api/reports/loans?territory=commune:35288").json().path("rows")).isEmpty();
        Reply csv = funder.get("/api/reports/loans?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).hasValueSatisfying(name -> assertThat(name).contains("partout"));
    }

    @Test
    void theFundersUserReadsNothingElse() {
        assertThat(funder.get("/api/reports/loans?raw=true").error()).isEqualTo("raw_refused");
        for (String path : List.of("/api/reports/fragility", "/api/reports/summary?territory=departement:035",
                "/api/reports/connectivity", "/api/devices/" + stateLaptop, "/api/establishments/" + COLLEGE + "/devices",
                "/api/establishments/" + COLLEGE, "/api/families?q=awa", "/api/agreements", "/api/exports/loans.csv",
                "/api/users", "/api/audit?entity=FUNDER&id=1")) {
            assertThat(funder.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(funder.get("/api/funders").status()).isEqualTo(200);
        assertThat(funder.get("/api/funders/" + state.substring("funder:".length())).json().path("name").asText())
                .isEqualTo(STATE_NAME);
    }

    @Test
    void aFundersUserNeedsAFunderThatExists() {
        Reply missing = admin.post("/api/users", Map.of("name", "financeur.sans", "role", "FUNDER"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.field()).isEqualTo("funder");
        Reply unknown = admin.post("/api/users", Map.of("name", "financeur.inconnu", "role", "FUNDER", "funder", 999999));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown_funder");
        assertThat(unknown.field()).isEqualTo("funder");
        Reply desk = admin.post("/api/users", Map.of("name", "pret.financeur", "role", "DESK",
                "establishments", List.of(COLLEGE), "funder", 1));
        assertThat(desk.status()).isEqualTo(422);
        assertThat(desk.field()).isEqualTo("funder");
        assertThat(admin.get("/api/users?limit=500").text()).doesNotContain("financeur.inconnu", "financeur.sans");
    }
}
