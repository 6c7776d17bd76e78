package fr.ecole.lending.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The loans export over the demo: one row per loan, no guardian, each desk its own schools. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoansExportIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overrides(TestApp.newFolder(), "demoData", "true"));

    static HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(new Api(APP).base() + path))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static List<String[]> rows(String csv) throws Exception {
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(csv))
                .withCSVParser(new CSVParserBuilder().withSeparator(';').build()).build()) {
            return reader.readAll();
        }
    }

    @Test
    void everyLoanIsARowWithoutTheFamily() throws Exception {
        HttpResponse<String> export = get("/api/exports/loans.csv", TestApp.ADMIN_TOKEN);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(export.body()).startsWith("\uFEFFetiquette;type;etablissement;convention;sortie;retour_prevu;rendu");
        List<String[]> rows = rows(export.body());
        // the demo lends seven devices under four agreements, two of them back
        assertThat(rows).hasSize(1 + 7);
        assertThat(rows.subList(1, 8)).extracting(row -> row[0])
                .contains("PAPBLVJ5I", "2WX8GRCX3", "JGERR4C5I", "R64EVG7SY", "73ZUKJRTM", "E8CJUXYXB", "WWR6YDZB9");
        assertThat(rows.subList(1, 8)).filteredOn(row -> row[0].equals("E8CJUXYXB"))
                .allSatisfy(row -> assertThat(row[8]).isEqualTo("DAMAGED"));
        assertThat(export.body()).doesNotContain("Benali", "Diallo", "Nguyen", "Kerhervé", "0612345678", "@example.org");
    }

    @Test
    void aDeskExportsItsOwnSchoolsAndAPeriodNarrowsIt() throws Exception {
        assertThat(rows(get("/api/exports/loans.csv?uai=0352258P", TestApp.ADMIN_TOKEN).body())).hasSize(1 + 2);
        assertThat(rows(get("/api/exports/loans.csv", "demo-desk-token").body())).hasSize(1 + 5);
        assertThat(get("/api/exports/loans.csv?uai=0350028R", "demo-desk-token").statusCode()).isEqualTo(403);
        assertThat(get("/api/exports/loans.csv", "demo-social-worker-token").statusCode()).isEqualTo(403);
        assertThat(rows(get("/api/exports/loans.csv?to=2000-01-01", TestApp.ADMIN_TOKEN).body())).hasSize(1);
        assertThat(get("/api/exports/loans.csv?from=2030-01-02&to=2030-01-01", TestApp.ADMIN_TOKEN).body())
                .contains("\"field\":\"from\"");
        assertThat(get("/api/exports/loans.csv?from=demain", TestApp.ADMIN_TOKEN).statusCode()).isEqualTo(422);
    }
}
