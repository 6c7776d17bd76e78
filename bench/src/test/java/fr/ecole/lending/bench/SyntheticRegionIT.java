package fr.ecole.lending.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark's synthetic région, small, written into a running service's database: it keeps the
 * rules the service keeps, the reports over it agree with plain counts of what was written, and the
 * service goes on writing into it, on either engine.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SyntheticRegionIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();

    static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void theRegionKeepsTheServicesRulesAndItsReportsAddUp() throws Exception {
        SyntheticRegion.Counts counts;
        long open;
        long inService;
        String lycee;
        String commune;
        try (Connection connection = DriverManager.getConnection(APP.getConfiguration().getDataSourceFactory().getUrl())) {
            counts = new SyntheticRegion(0.02, Instant.now()).write(connection);
            connection.setAutoCommit(true);
            if (!TestEngine.onPostgresql()) {
                // PostgreSQL refuses a dangling key as it is written; SQLite is asked afterwards
                assertThat(count(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check")).isZero();
            }
            open = count(connection, "SELECT COUNT(*) FROM loans WHERE returned_at IS NULL AND lost_at IS NULL");
            inService = count(connection, "SELECT COUNT(*) FROM devices WHERE status NOT IN ('LOST', 'RETIRED')");
            try (Statement statement = connection.createStatement(); ResultSet first = statement.executeQuery("""
                    SELECT uai, commune_insee FROM establishments WHERE region = '53' AND type = 'LYCEE' ORDER BY uai""")) {
                first.next();
                lycee = first.getString(1);
                commune = first.getString(2);
            }
            // a device out is ON_LOAN, and only then
            assertThat(count(connection, "SELECT COUNT(*) FROM devices WHERE status = 'ON_LOAN'")).isEqualTo(open);
            // an agreement is open while a device of it is out
            assertThat(count(connection, """
                    SELECT COUNT(*) FROM agreements a WHERE (a.closed_at IS NULL) <> EXISTS (
                        SELECT 1 FROM loans l WHERE l.agreement_id = a.id AND l.returned_at IS NULL AND l.lost_at IS NULL)"""))
                    .isZero();
        }
        assertThat(counts.lycees()).isPositive();
        assertThat(counts.loans()).isEqualTo(counts.devices() * 10);
        assertThat(open).isPositive();

        // the pool and the devices out are inventory, exact for an administrator; household figures are not
        Api api = new Api(APP);
        Reply loans = api.get("/api/reports/loans?territory=region:53&from="
                + LocalDate.now(ZoneId.of("Europe/Paris")));
        assertThat(loans.status()).as(loans.text()).isEqualTo(200);
        JsonNode totals = loans.json().path("totals");
        assertThat(totals.path("devicesOnLoan").asLong()).isEqualTo(open);
        assertThat(totals.path("devicesInPool").asLong()).isEqualTo(inService);
        assertThat(totals.path("agreementsActive").asLong()).isPositive();

        // the région's rows were written with their own ids: the service's next ones must not collide
        Map<String, Object> family = Builders.family("Foyer après le banc", lycee);
        family.put("communeInsee", commune);
        Reply registered = api.post("/api/families", family);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        Reply device = api.post("/api/establishments/" + lycee + "/devices", Builders.laptop());
        assertThat(device.status()).as(device.text()).isEqualTo(201);
    }
}
