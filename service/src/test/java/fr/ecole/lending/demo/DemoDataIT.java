package fr.ecole.lending.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's walk-through rests on these: the demo must load as the README says. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoDataIT {
    static final Path FOLDER = TestApp.newFolder();
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overrides(FOLDER, "demoData", "true"));

    @Test
    void anEmptyDatabaseIsFilledWithTheDemo() {
        Api api = new Api(APP);
        assertThat(api.get("/api/establishments/0350963G").json().path("name").asText())
                .isEqualTo("Collège les Hautes Ourmes");
        assertThat(api.get("/api/establishments/0350963G/devices?limit=500").json().path("items")).hasSize(20);
        assertThat(api.get("/api/establishments/0352258P/devices?limit=500").json().path("items")).hasSize(14);
        assertThat(api.get("/api/establishments/0350028R/devices?limit=500").json().path("items")).hasSize(11);
        // the State's three laptops and the foundation's two tablets, at another collège of Rennes
        assertThat(api.get("/api/establishments/0350734H/devices?limit=500").json().path("items"))
                .extracting(device -> device.path("fundedBy").asText())
                .containsExactly("funder:1", "funder:1", "funder:1", "funder:2", "funder:2");
        assertThat(api.get("/api/funders").json().path("items")).extracting(funder -> funder.path("kind").asText())
                .containsExactly("STATE", "FOUNDATION");
        // the six families of the README and one whose agreement is overdue, then the 45 invented households
        assertThat(api.get("/api/families?limit=500").json().path("items")).hasSize(52);

        JsonNode first = api.get("/api/agreements/" + number(1)).json();
        assertThat(first.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.path("loans")).hasSize(3);
        assertThat(api.get("/api/agreements/" + number(2)).json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(api.get("/api/agreements/" + number(3)).json().path("status").asText()).isEqualTo("ACTIVE");
        // an agreement already overdue, of a family that prefers e-mail: the demo's follow-up has a reminder to queue
        JsonNode overdue = api.get("/api/agreements?uai=0352258P&overdue=true").json().path("items");
        // numbered in the year it was lent, 100 days ago: the year before, in the first months of a year
        assertThat(overdue).extracting(a -> a.path("number").asText()).singleElement().asString().endsWith("-000004");
        assertThat(overdue.get(0).path("preferredContact").asText()).isEqualTo("EMAIL");

        // the devices the README lends and takes back
        assertThat(api.get("/api/devices/KR8R228ZZ").json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(api.get("/api/devices/V5UQX3D82").json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(api.get("/api/families?q=le%20goff").json().path("items").get(0).path("id").asLong()).isEqualTo(2);

        // diagnosed families waiting for a loan at the collège and at the école
        assertThat(api.get("/api/establishments/0350963G/waiting-list").json().path("items"))
                .extracting(f -> f.path("familyId").asLong()).containsExactly(6L);
        assertThat(api.get("/api/establishments/0352258P/waiting-list").json().path("items"))
                .extracting(f -> f.path("familyId").asLong()).containsExactly(4L);
        assertThat(api.get("/api/families/2/diagnostics").json().path("items").get(0).path("eligible").asBoolean()).isFalse();
    }

    @Test
    void theDemoHoldsTheOutlineOfEveryCommuneOfTheDepartement() {
        int outlines = Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).withHandle(handle -> handle
                .createQuery("SELECT COUNT(*) FROM commune_outlines WHERE departement = '035'").mapTo(Integer.class).one());
        assertThat(outlines).isEqualTo(345);
        int communesWithout = Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).withHandle(handle -> handle
                .createQuery("SELECT COUNT(*) FROM communes c WHERE NOT EXISTS "
                        + "(SELECT 1 FROM commune_outlines o WHERE o.insee = c.insee)").mapTo(Integer.class).one());
        assertThat(communesWithout).as("every commune of the directory has its outline").isZero();
    }

    /** What a collectivity's report counts for a commune, among the invented households. */
    record CommuneCounts(int households, int noConnection, int mobileCapped, int whiteZone, int lowFixedSpeed) {
    }

    @Test
    void theHouseholdsGiveThreeCommunesCountsAboveTheSmallCountThreshold() {
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        Map<String, CommuneCounts> counts = new HashMap<>();
        Jdbi.create(url).useHandle(h -> h.createQuery("SELECT f.commune_insee, COUNT(*), "
                        // booleans are 0 and 1 on SQLite, true and false on PostgreSQL
                        + "SUM(CASE WHEN d.no_connection THEN 1 ELSE 0 END), SUM(CASE WHEN d.mobile_capped THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN d.white_zone THEN 1 ELSE 0 END), SUM(CASE WHEN d.low_fixed_speed THEN 1 ELSE 0 END) "
                        + "FROM families f "
                        + "JOIN diagnostics d ON d.family_id = f.id WHERE f.id > 7 GROUP BY f.commune_insee")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new CommuneCounts(rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6))))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        assertThat(counts).containsOnlyKeys("35238", "35288", "35211");
        CommuneCounts rennes = counts.get("35238");
        assertThat(rennes.households()).isEqualTo(18);
        assertThat(rennes.noConnection()).isGreaterThanOrEqualTo(12);
        assertThat(rennes.mobileCapped()).isBetween(3, 5);
        assertThat(rennes.whiteZone()).isZero();
        CommuneCounts saintMalo = counts.get("35288");
        assertThat(saintMalo.households()).isEqualTo(14);
        assertThat(saintMalo.mobileCapped()).isGreaterThanOrEqualTo(11);
        assertThat(saintMalo.noConnection()).isBetween(2, 3);
        CommuneCounts paimpont = counts.get("35211");
        assertThat(paimpont.households()).isEqualTo(13);
        assertThat(paimpont.whiteZone()).isGreaterThanOrEqualTo(11);
        assertThat(paimpont.lowFixedSpeed()).isGreaterThanOrEqualTo(12);

        // the carte scolaire and the pupil counts come with the demo: Paimpont has one collège
        Api api = new Api(APP);
        assertThat(api.get("/api/catchments/35211").json().path("key").asText()).isEqualTo("0350017D");
        long pupilCounts = Jdbi.create(url).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM enrolments")
                .mapTo(Long.class).one());
        assertThat(pupilCounts).isGreaterThan(3000);
    }

    @Test
    void twoCollegesRanASurveyWhoseAnswersTheDepartementReads() {
        Api api = new Api(APP);
        JsonNode rennes = api.get("/api/establishments/0350963G/surveys").expect(200).path("items");
        assertThat(rennes).hasSize(1);
        assertThat(rennes.get(0).path("answers").asInt()).isEqualTo(110);
        assertThat(rennes.get(0).path("codes").asInt()).as("a code for every pupil").isGreaterThan(110);
        assertThat(api.get("/api/establishments/0350017D/surveys").expect(200).path("items").get(0)
                .path("answers").asInt()).isEqualTo(45);
        JsonNode report = api.as("demo-collectivity-token").get("/api/reports/survey?groupBy=establishment")
                .expect(200);
        assertThat(report.path("rows")).extracting(row -> row.path("key").asText())
                .containsExactlyInAnyOrder("0350963G", "0350017D");
        assertThat(report.path("rows").get(0).path("responseRate").isNumber()).isTrue();
    }

    @Test
    void theDemoUsersHaveOneRoleEachAndTheirKnownTokens() {
        Api api = new Api(APP);
        assertThat(api.as("demo-desk-token").get("/api/establishments/0350963G/devices").status()).isEqualTo(200);
        assertThat(api.as("demo-desk-token").get("/api/establishments/0350028R/devices").status()).isEqualTo(403);
        // the seven families of families.json and the 18 households of Rennes
        assertThat(api.as("demo-social-worker-token").get("/api/families?limit=500").json().path("items")).hasSize(25);
        assertThat(api.as("demo-collectivity-token").get("/api/families").status()).isEqualTo(403);
        // the rectorat of Rennes reads its académie's reports, every kind of school, and no family
        JsonNode loans = api.as("demo-rectorat-token").get("/api/reports/loans").expect(200);
        assertThat(loans.path("territory").asText()).isEqualTo("academie:14");
        assertThat(loans.path("rows")).extracting(row -> row.path("key").asText()).contains("0350963G", "0352258P");
        assertThat(api.as("demo-rectorat-token").get("/api/families/3").status()).isEqualTo(403);
        assertThat(api.get("/api/users").json().path("items")).extracting(u -> u.path("role").asText())
                .containsExactlyInAnyOrder("ADMIN", "DESK", "SOCIAL_WORKER", "COLLECTIVITY", "RECTORAT", "FUNDER");
        // the State's user reads the loans of its devices, and nothing of a family
        assertThat(api.as("demo-funder-token").get("/api/reports/loans").json().path("rows"))
                .extracting(row -> row.path("key").asText()).containsExactly("0350734H");
        assertThat(api.as("demo-funder-token").get("/api/families").status()).isEqualTo(403);
    }

    @Test
    void aRestartOnADatabaseThatHoldsDataLoadsNothingMoreAndGivesNoTokenBack() throws Exception {
        Api admin = new Api(APP);
        long id = 0;
        for (JsonNode user : admin.get("/api/users?limit=500").json().path("items")) {
            if (user.path("name").asText().equals("as.rennes")) {
                id = user.path("id").asLong();
            }
        }
        admin.post("/api/users/" + id + "/token", "");
        DropwizardTestSupport<LendingConfiguration> again = new DropwizardTestSupport<>(LendingApplication.class,
                TestApp.CONFIG, TestApp.overrides(FOLDER, "demoData", "true"));
        again.before();
        try {
            String url = APP.getConfiguration().getDataSourceFactory().getUrl();
            long families = Jdbi.create(url).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM families")
                    .mapTo(Long.class).one());
            assertThat(families).isEqualTo(52);
            assertThat(new Api(APP).as("demo-desk-token").get("/api/establishments/0350963G/devices").status())
                    .isEqualTo(200);
            assertThat(new Api(APP).as("demo-social-worker-token").get("/api/families").status())
                    .as("a token replaced by an administrator stays replaced").isEqualTo(401);
        } finally {
            again.after();
        }
    }

    private static String number(int id) {
        return String.format("AGR-%d-%06d", LocalDate.now(ZoneId.of("Europe/Paris")).getYear(), id);
    }
}
