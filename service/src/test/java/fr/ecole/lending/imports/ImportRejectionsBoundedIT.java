package fr.ecole.lending.imports;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15, finding 5, for the administrators' imports of national files: larger files are legitimate
 * there, but a file of bad lines answered every refusal, so the answer grew with the file. The answer
 * lists the first 100 refusals and counts them all.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ImportRejectionsBoundedIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final int BAD_LINES = 5_000;
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/imports/establishments|Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;"
                + "Nom_commune;Code_departement;Code_region;Appartenance_Education_Prioritaire|"
                + "0350963G;Collège les Hautes Ourmes;Collège;35238;Rennes;035;53;|XXXXXXXX;Faux;Collège;35238;Rennes;035;53;",
        "/api/imports/catchments|code_insee;Code_RNE|35238;0350963G|35238;XXXXXXXX",
        "/api/imports/enrolments|Numero_d_etablissement;Annee_scolaire;Nombre_d_eleves|0350963G;2024;512|0350963G;2024;beaucoup",
        "/api/imports/coverage|code_insee;niveau_4g|35238;GOOD|35238;parfois",
    })
    void aFileOfBadLinesIsAnsweredWithTheFirstRefusalsAndTheirCount(String path, String header, String good, String bad) {
        String csv = header + "\n" + good + "\n" + (bad + "\n").repeat(BAD_LINES);
        Reply imported = admin.postRaw(path, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().path("rejected")).hasSize(100);
        assertThat(imported.json().path("rejected").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(imported.json().path("rejectedCount").asInt()).isEqualTo(BAD_LINES);
    }
}
