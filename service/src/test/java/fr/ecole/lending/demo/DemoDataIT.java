package fr.ecole.lending.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.LendingConfiguration;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's walk-through rests on these: the demo must load as the README says. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoDataIT {
    static final DropwizardAppExtension<LendingConfiguration> APP =
            TestApp.create("demoData", "true");

    @Test
    void anEmptyDatabaseIsFilledWithTheDemo() {
        Api api = new Api(APP);
        assertThat(api.get("/api/establishments/0350963G").json().path("name").asText())
                .isEqualTo("Collège les Hautes Ourmes");
        assertThat(api.get("/api/establishments/0350963G/devices?limit=500").json().path("items")).hasSize(20);
        assertThat(api.get("/api/establishments/0352258P/devices?limit=500").json().path("items")).hasSize(14);
        assertThat(api.get("/api/establishments/0350028R/devices?limit=500").json().path("items")).hasSize(11);
        assertThat(api.get("/api/families?limit=500").json().path("items")).hasSize(6);

        JsonNode first = api.get("/api/agreements/" + number(1)).json();
        assertThat(first.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.path("loans")).hasSize(3);
        assertThat(api.get("/api/agreements/" + number(2)).json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(api.get("/api/agreements/" + number(3)).json().path("status").asText()).isEqualTo("ACTIVE");

        // the devices the README lends and takes back
        assertThat(api.get("/api/devices/KR8R228ZZ").json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(api.get("/api/devices/V5UQX3D82").json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(api.get("/api/families?q=le%20goff").json().path("items").get(0).path("id").asLong()).isEqualTo(2);
    }

    @Test
    void aDatabaseThatHoldsDataIsLeftAlone() {
        Api api = new Api(APP);
        int families = api.get("/api/families?limit=500").json().path("items").size();
        Database database = Database.of(Engine.SQLITE, Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()));
        boolean loaded = new DemoData(database, APP.getObjectMapper(), Clock.systemUTC())
                .loadIfEmpty(new User(1, "admin", Role.ADMIN, null, Set.of()));
        assertThat(loaded).isFalse();
        assertThat(api.get("/api/families?limit=500").json().path("items")).hasSize(families);
    }

    private static String number(int id) {
        return String.format("AGR-%d-%06d", LocalDate.now(ZoneId.of("Europe/Paris")).getYear(), id);
    }
}
