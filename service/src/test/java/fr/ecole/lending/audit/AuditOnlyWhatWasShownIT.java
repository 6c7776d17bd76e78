package fr.ecole.lending.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit log is append-only and goes into a family's data-protection export: a social worker's
 * reading is written there only when the family was shown. A family that does not exist, or lies
 * outside the worker's territory, answers 404 and leaves no false {@code READ} behind.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditOnlyWhatWasShownIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String RENNES = "35238";

    static Api admin;
    static Api rennesWorker;
    static Api baulonWorker;

    @BeforeAll
    static void scene() {
        admin = new Api(APP);
        rennesWorker = admin.as(worker("as.rennes", "commune:" + RENNES));
        baulonWorker = admin.as(worker("as.baulon", "commune:35016"));
    }

    static String worker(String name, String territory) {
        Reply reply = admin.post("/api/users", Map.of("name", name, "role", "SOCIAL_WORKER", "territory", territory));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("token").asText();
    }

    static long family(String name) {
        Reply reply = admin.post("/api/families", Builders.family(name, Builders.COLLEGE));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("id").asLong();
    }

    static long diagnostic(long family) {
        Reply reply = admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers()));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("id").asLong();
    }

    /** The readings on record of the family, as "actor read what". */
    static List<String> readings(long family) {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500").json().path("items")) {
            if (entry.path("action").asText().equals("READ")) {
                out.add(entry.path("actor").asText() + " read " + entry.path("detail").path("read").asText());
            }
        }
        return out;
    }

    /** The readings the family's own data-protection export shows it. */
    static List<String> readingsInExport(long family) {
        Reply export = admin.get("/api/families/" + family + "/export");
        assertThat(export.status()).as(export.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode line : export.json().path("audit")) {
            if (line.path("action").asText().equals("READ")) {
                out.add(line.path("who").path("name").asText());
            }
        }
        return out;
    }

    @Test
    void aReadingOutsideTheTerritoryIsRefusedAndNotAudited() {
        long family = family("Famille Hors Territoire");
        long diagnostic = diagnostic(family);

        for (String path : List.of("/api/families/" + family, "/api/families/" + family + "/diagnostics",
                "/api/families/" + family + "/diagnostics/" + diagnostic)) {
            Reply refused = baulonWorker.get(path);
            assertThat(refused.status()).as(path + " " + refused.text()).isEqualTo(404);
        }
        assertThat(baulonWorker.get("/api/families?q=hors%20territoire").json().path("items")).isEmpty();

        assertThat(readings(family)).as("nothing was shown to the worker of Baulon").isEmpty();
        assertThat(readingsInExport(family)).isEmpty();
    }

    @Test
    void aReadingOfAFamilyNotYetRegisteredDoesNotShowInTheFamilyRegisteredLater() {
        long last = family("Famille Déjà Là");
        // the next numbers: families that do not exist yet when the worker asks for them
        for (long next = last + 1; next <= last + 3; next++) {
            for (String path : List.of("/api/families/" + next, "/api/families/" + next + "/diagnostics",
                    "/api/families/" + next + "/diagnostics/1")) {
                Reply refused = rennesWorker.get(path);
                assertThat(refused.status()).as(path + " " + refused.text()).isEqualTo(404);
            }
        }
        long later = family("Famille Arrivée Après");
        assertThat(later).isBetween(last + 1, last + 3);

        assertThat(readings(later)).as("the family did not exist when it was asked for").isEmpty();
        assertThat(readingsInExport(later)).isEmpty();
    }

    @Test
    void anUnknownDiagnosticOfAFamilyInTheTerritoryIsNotAReadingOfIt() {
        long family = family("Famille Sans Ce Diagnostic");
        Reply refused = rennesWorker.get("/api/families/" + family + "/diagnostics/999999");
        assertThat(refused.status()).as(refused.text()).isEqualTo(404);
        assertThat(readings(family)).isEmpty();
    }

    @Test
    void whatWasShownIsAuditedOnceEach() {
        long family = family("Famille Montrée");
        long diagnostic = diagnostic(family);

        assertThat(rennesWorker.get("/api/families/" + family).status()).isEqualTo(200);
        assertThat(rennesWorker.get("/api/families/" + family + "/diagnostics").status()).isEqualTo(200);
        assertThat(rennesWorker.get("/api/families/" + family + "/diagnostics/" + diagnostic).status()).isEqualTo(200);
        assertThat(rennesWorker.get("/api/families?q=montrée").json().path("items")).hasSize(1);

        assertThat(readings(family)).containsExactly("as.rennes read record", "as.rennes read diagnostics",
                "as.rennes read diagnostic " + diagnostic, "as.rennes read search");
        assertThat(readingsInExport(family)).containsExactly("as.rennes", "as.rennes", "as.rennes", "as.rennes");
    }
}
