package fr.ecole.lending.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real carte scolaire of Ille-et-Vilaine's public collèges, imported and read back. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CatchmentIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static Api api;
    static Reply imported;

    @BeforeAll
    static void importTheRealCarte() {
        api = new Api(APP);
        imported = api.postRaw("/api/imports/catchments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-carte-scolaire-colleges-publics.csv"));
    }

    @Test
    void theRealFileImportsWithItsSplitCommunes() {
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().path("created").asInt()).isEqualTo(5416);
        assertThat(imported.json().path("communes").asInt()).isEqualTo(340);
        assertThat(imported.json().path("split").asInt()).isEqualTo(19);
        assertThat(imported.json().path("rejected")).isEmpty();

        Reply acigne = api.get("/api/catchments/35001");
        assertThat(acigne.json().path("key").asText()).isEqualTo("0352167R");
        Reply rennes = api.get("/api/catchments/35238");
        assertThat(rennes.json().path("key").asText()).isEqualTo("split:35238");
        assertThat(rennes.json().path("colleges").size()).isGreaterThan(1);
    }

    @Test
    void badLinesAreSetAsideAndABadFileKeepsTheCarteInPlace() {
        Reply none = api.postRaw("/api/imports/catchments", "text/csv",
                "code_insee;Code_RNE\n3500;0352167R\n35001;0352167S\n".getBytes(StandardCharsets.UTF_8));
        assertThat(none.status()).isEqualTo(422);
        assertThat(api.get("/api/catchments/35001").json().path("key").asText()).isEqualTo("0352167R");
        assertThat(api.postRaw("/api/imports/catchments", "text/csv", "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8))
                .error()).isEqualTo("missing_column");
        assertThat(api.get("/api/catchments/99999").error()).isEqualTo("unknown_catchment");
        assertThat(api.get("/api/catchments/3500").field()).isEqualTo("insee");
        assertThat(api.as("not-a-token").get("/api/catchments/35001").status()).isEqualTo(401);
    }
}
