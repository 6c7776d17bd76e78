package fr.ecole.lending.care;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What happens to a device between two families: return receipt, wipe, repair ticket, SIM plan. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeviceCareIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api api;

    @BeforeAll
    static void client() {
        api = new Api(APP);
    }

    static String device(String kind) {
        return api.post("/api/establishments/" + COLLEGE + "/devices", Builders.device(kind)).json().path("assetTag").asText();
    }

    static long family() {
        return api.post("/api/families", Builders.family("Noémie Château", COLLEGE)).json().path("id").asLong();
    }

    static Reply lend(long family, String tag) {
        return api.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tag), UUID.randomUUID().toString()));
    }

    static String pdfText(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(response.body())) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void aReturnedDeviceIsLentAgainOnlyOnceWipedAndTheFamilyKeepsAReceipt() throws Exception {
        String tag = device("LAPTOP");
        long family = family();
        assertThat(lend(family, tag).status()).isEqualTo(201);
        long returnId = api.post("/api/returns", Map.of("assetTag", tag, "condition", "DAMAGED",
                "missingAccessories", List.of("chargeur"), "note", "Coin d'écran fêlé")).json().path("id").asLong();
        assertThat(api.get("/api/devices/" + tag).json().path("needsWipe").asBoolean()).isTrue();

        String receipt = pdfText("/api/returns/" + returnId + "/receipt.pdf");
        assertThat(receipt).contains("Reçu de retour", "Noémie Château", tag, "abîmé", "chargeur", "Coin d'écran fêlé");

        Reply refused = lend(family, tag);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("not_wiped");

        Reply wiped = api.post("/api/devices/" + tag + "/wipe", Map.of("note", "Réinitialisé"));
        assertThat(wiped.status()).as(wiped.text()).isEqualTo(200);
        assertThat(wiped.json().path("needsWipe").asBoolean()).isFalse();
        assertThat(lend(family, tag).status()).isEqualTo(201);
        assertThat(api.get("/api/devices/" + tag + "/history").json().path("items"))
                .extracting(e -> e.path("event").asText()).containsExactly("CREATED", "LENT", "RETURNED", "WIPED", "LENT");
        assertThat(api.post("/api/devices/" + tag + "/wipe", "{}").error()).as("wiped on return, not while out")
                .isEqualTo("device_on_loan");
        assertThat(api.get("/api/returns/999999/receipt.pdf").status()).isEqualTo(404);
    }

    @Test
    void aRepairHasATicketFromTheDayItGoesToTheDayItComesBack() {
        String tag = device("LAPTOP");
        api.patch("/api/devices/" + tag, Map.of("status", "IN_REPAIR", "note", "Clavier HS"));
        api.patch("/api/devices/" + tag, Map.of("status", "AVAILABLE", "note", "Clavier remplacé"));
        String broken = device("LAPTOP");
        lend(family(), broken);
        api.post("/api/returns", Map.of("assetTag", broken, "condition", "BROKEN", "note", "Ne démarre plus"));

        JsonNode tickets = api.get("/api/devices/" + tag + "/repairs").json();
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).path("reason").asText()).isEqualTo("Clavier HS");
        assertThat(tickets.get(0).path("backAt").isNull()).isFalse();
        assertThat(tickets.get(0).path("outcome").asText()).isEqualTo("AVAILABLE : Clavier remplacé");

        JsonNode open = api.get("/api/devices/" + broken + "/repairs").json();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("reason").asText()).contains("Ne démarre plus");
        assertThat(open.get(0).path("backAt").isNull()).isTrue();
    }

    @Test
    void theSimsEndingSoonAreListedToRenewTheirPlans() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        Map<String, Object> soon = Builders.device("DONGLE_4G");
        soon.put("sim", Builders.sim(today.plusDays(10)));
        String ending = api.post("/api/establishments/" + COLLEGE + "/devices", soon).json().path("assetTag").asText();
        String later = device("DONGLE_4G");
        JsonNode listed = api.get("/api/establishments/" + COLLEGE + "/sims?endingBefore=" + today.plusMonths(1)).json();
        assertThat(listed).extracting(d -> d.path("assetTag").asText()).contains(ending).doesNotContain(later);
        assertThat(listed.get(0).path("sim").path("planEnds").asText()).isEqualTo(today.plusDays(10).toString());
        assertThat(api.get("/api/establishments/" + COLLEGE + "/sims").json()).extracting(d -> d.path("assetTag").asText())
                .contains(ending, later);
        assertThat(api.get("/api/establishments/" + COLLEGE + "/sims?endingBefore=soon").field()).isEqualTo("endingBefore");
    }

    @Test
    void aDeviceBroughtBackToAnotherSchoolWaitsThereToTravelHome() {
        String ecole = "0352258P";
        String tag = device("LAPTOP");
        lend(family(), tag);
        String otherDesk = api.post("/api/users", Map.of("name", "pret.volga", "role", "DESK",
                "establishments", List.of(ecole))).json().path("token").asText();
        assertThat(api.as(otherDesk).post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD")).status())
                .as("without saying where, another school's device is not its own").isEqualTo(404);
        Reply received = api.as(otherDesk).post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD",
                "receivedAt", ecole));
        assertThat(received.status()).as(received.text()).isEqualTo(202);
        assertThat(received.json().path("agreementNumber").isNull()).as("the other school learns nothing of the agreement")
                .isTrue();
        long returnId = received.json().path("id").asLong();
        assertThat(api.as(otherDesk).get("/api/returns/" + returnId + "/receipt.pdf").status())
                .as("the receiving desk gives the family its receipt").isEqualTo(200);
        assertThat(api.get("/api/devices/" + tag).json().path("status").asText())
                .as("out on loan until its own school confirms the return").isEqualTo("ON_LOAN");
        assertThat(api.post("/api/returns/" + returnId + "/confirmation", "").status()).isEqualTo(200);

        JsonNode device = api.get("/api/devices/" + tag).json();
        assertThat(device.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(device.path("heldAt").asText()).isEqualTo(ecole);
        api.post("/api/devices/" + tag + "/wipe", Map.of());
        Reply away = lend(family(), tag);
        assertThat(away.status()).isEqualTo(409);
        assertThat(away.json().path("message").asText()).contains(ecole);

        assertThat(api.post("/api/devices/" + tag + "/home", "").json().path("heldAt").isNull()).isTrue();
        assertThat(lend(family(), tag).status()).isEqualTo(201);
        assertThat(api.as(otherDesk).post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD",
                "receivedAt", "0350963G")).status()).as("only for a school of its own").isEqualTo(403);
    }

    @Test
    void theFamilyGetsASummaryInPlainWords() throws Exception {
        String tag = device("HEADSET");
        String number = lend(family(), tag).json().path("number").asText();
        assertThat(pdfText("/api/agreements/" + number + "/summary.pdf"))
                .contains("Votre prêt, en résumé", tag, "À rendre au plus tard", "pas de pénalité");
    }
}
