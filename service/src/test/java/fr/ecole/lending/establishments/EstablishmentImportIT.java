package fr.ecole.lending.establishments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class EstablishmentImportIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static Api api;
    static Reply firstImport;

    static final String HEADER = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;"
            + "Nom_commune;Code_departement;Code_region;Appartenance_Education_Prioritaire;Autre\n";

    @BeforeAll
    static void importTheRealDirectory() {
        api = new Api(APP);
        firstImport = api.importDirectory();
    }

    /**
     * On connections of its own: a file refused before its body is read (a NUL character, an unreadable
     * line) makes the server close the connection, which a shared client would use again for the next test.
     */
    private static Reply importCsv(String csv) {
        return api.isolated().postRaw("/api/imports/establishments", "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRealFileImportsWholeAndItsRepeatedLinesAreReported() {
        assertThat(firstImport.status()).as(firstImport.text()).isEqualTo(200);
        // 996 lines, three establishments listed on two lines each
        assertThat(firstImport.json().path("created").asInt()).isEqualTo(993);
        assertThat(firstImport.json().path("rejected")).isEmpty();
        assertThat(firstImport.json().path("repeated")).hasSize(3);
        assertThat(firstImport.json().path("repeated").get(0).path("error").asText()).isEqualTo("repeated_uai");
    }

    @Test
    void importingTheSameFileAgainCreatesAndChangesNothing() {
        Reply again = api.importDirectory();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("created").asInt()).isZero();
        assertThat(again.json().path("updated").asInt()).isZero();
        assertThat(again.json().path("unchanged").asInt()).isEqualTo(993);
    }

    @Test
    void anEstablishmentKeepsItsDirectoryFacts() {
        Reply college = api.get("/api/establishments/0350963G");
        assertThat(college.status()).isEqualTo(200);
        assertThat(college.json().path("uai").asText()).isEqualTo("0350963G");
        assertThat(college.json().path("name").asText()).isEqualTo("Collège les Hautes Ourmes");
        assertThat(college.json().path("type").asText()).isEqualTo("COLLEGE");
        assertThat(college.json().path("communeInsee").asText()).isEqualTo("35238");
        assertThat(college.json().path("departement").asText()).isEqualTo("035");
        assertThat(college.json().path("region").asText()).isEqualTo("53");
        assertThat(college.json().path("priorityEducation").asText()).isEqualTo("REP_PLUS");

        assertThat(api.get("/api/establishments/0352668K").json().path("priorityEducation").asText()).isEqualTo("REP");
        assertThat(api.get("/api/establishments/0350028R").json().path("type").asText()).isEqualTo("LYCEE");
        assertThat(api.get("/api/establishments/0350122T").json().path("type").asText()).isEqualTo("ECOLE");
        assertThat(api.get("/api/establishments/0350122t").status()).as("lower-case check letter").isEqualTo(200);
    }

    @Test
    void badLinesAreSetAsideWithTheirLineNumbersAndAChangedLineUpdates() {
        Reply reply = importCsv(HEADER
                + "0010003Y;Nouvelle école;Ecole;35016;Baulon;035;53;REP+;x\n"
                + "0350122U;Mauvaise lettre;Ecole;35016;Baulon;035;53;;x\n"
                + "9999999A;Trop de colonnes;Ecole;35016;Baulon;035;53;;x;y\n"
                + "0010001W;Sans commune;Ecole;;Baulon;035;53;;x\n"
                + "0010002X;Priorité inconnue;Ecole;35016;Baulon;035;53;REP++;x\n");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().path("created").asInt()).isEqualTo(1);
        assertThat(reply.json().path("rejected")).extracting(node -> node.path("line").asInt())
                .containsExactly(3, 4, 5, 6);
        assertThat(reply.json().path("rejected")).extracting(node -> node.path("error").asText())
                .containsExactly("invalid_uai", "wrong_column_count", "invalid_commune", "invalid_priority_education");
        assertThat(api.get("/api/establishments/0010002X").status()).isEqualTo(404);

        Reply renamed = importCsv(HEADER + "0010003Y;École renommée;Ecole;35016;Baulon;035;53;REP+;x\n");
        assertThat(renamed.json().path("created").asInt()).isZero();
        assertThat(renamed.json().path("updated").asInt()).isEqualTo(1);
        Reply school = api.get("/api/establishments/0010003Y");
        assertThat(school.json().path("name").asText()).isEqualTo("École renommée");
        assertThat(school.json().path("priorityEducation").asText()).isEqualTo("REP_PLUS");
    }

    @Test
    void aFileWithoutTheDirectoryColumnsIsRefusedWholeAndChangesNothing() {
        Reply reply = importCsv("Identifiant_de_l_etablissement;Nom_etablissement\n0350122T;Renommée\n");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("missing_column");
        assertThat(reply.field()).isEqualTo("Type_etablissement");
        assertThat(api.get("/api/establishments/0350122T").json().path("name").asText()).doesNotContain("Renommée");
    }

    @Test
    void aFileHoldingANulCharacterIsRefusedWholeAndChangesNothing() {
        Reply reply = importCsv(HEADER + "0010003Y;Nouvelle école;Ecole;35016;Baulon;035;53;;x\n"
                + "0350122T;Re\0nommée;Ecole;35016;Baulon;035;53;;x\n");
        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("invalid_csv");
        assertThat(reply.json().path("message").asText()).contains("ligne 3");
        assertThat(api.get("/api/establishments/0010003Y").status()).isEqualTo(404);
    }

    @Test
    void aFileThatIsNotUtf8OrIsEmptyIsRefused() {
        byte[] latin1 = (HEADER + "0350122T;École;Ecole;35016;Baulon;035;53;;x\n").getBytes(StandardCharsets.ISO_8859_1);
        Reply reply = api.postRaw("/api/imports/establishments", "text/csv", latin1);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("invalid_encoding");

        assertThat(importCsv("").error()).isEqualTo("empty_file");
        assertThat(importCsv("a;b\n\"unterminated;x\n").status()).isEqualTo(422);
    }

    @Test
    void unknownAndInvalidUaisAreTold() {
        Reply unknown = api.get("/api/establishments/0000001B");
        assertThat(Uai.isValid("0000001B")).isTrue();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown_establishment");

        Reply invalid = api.get("/api/establishments/0350963H");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.error()).isEqualTo("invalid_uai");
        assertThat(invalid.field()).isEqualTo("uai");
    }

    @Test
    void importsNeedCsv() {
        Reply reply = api.post("/api/imports/establishments", "{}");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.error()).isEqualTo("unsupported_media_type");
    }
}
