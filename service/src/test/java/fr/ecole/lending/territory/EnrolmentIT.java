package fr.ecole.lending.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The two real files of pupil counts, imported and imported again. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EnrolmentIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();

    static int pupils(String uai, int year) {
        return Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).withHandle(handle -> handle
                .createQuery("SELECT pupils FROM enrolments WHERE uai = :uai AND school_year = :year")
                .bind("uai", uai).bind("year", year).mapTo(Integer.class).one());
    }

    @Test
    void bothFilesImportAndASecondImportChangesNothing() {
        Api api = new Api(APP);
        Reply primary = api.postRaw("/api/imports/enrolments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-ecoles-effectifs-nb_classes.csv"));
        assertThat(primary.status()).as(primary.text()).isEqualTo(200);
        assertThat(primary.json().path("created").asInt()).isEqualTo(2704);
        assertThat(primary.json().path("rejected")).isEmpty();
        assertThat(pupils("0350103X", 2022)).isEqualTo(289);

        Reply secondary = api.postRaw("/api/imports/enrolments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-effectifs-second-degre.csv"));
        assertThat(secondary.status()).as(secondary.text()).isEqualTo(200);
        assertThat(secondary.json().path("created").asInt()).isPositive();
        assertThat(pupils("0350002M", 2018)).isEqualTo(768);

        Reply again = api.postRaw("/api/imports/enrolments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-ecoles-effectifs-nb_classes.csv"));
        assertThat(again.json().path("created").asInt()).isZero();
        assertThat(again.json().path("updated").asInt()).isZero();
    }

    @Test
    void aFileOfAnotherKindOrBadLinesAreTold() {
        Api api = new Api(APP);
        assertThat(api.postRaw("/api/imports/enrolments", "text/csv", "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8))
                .error()).isEqualTo("missing_column");
        Reply bad = api.postRaw("/api/imports/enrolments", "text/csv", ("Numero_d_etablissement;Annee_scolaire;Nombre_d_eleves\n"
                + "0350002N;2018-2019;10\n0350002M;l'an dernier;10\n0350002M;2019-2020;beaucoup\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(bad.json().path("rejected")).extracting(r -> r.path("line").asInt()).containsExactly(2, 3, 4);
        assertThat(api.as("demo-desk-token").postRaw("/api/imports/enrolments", "text/csv", new byte[0]).status())
                .isEqualTo(401);
    }
}
