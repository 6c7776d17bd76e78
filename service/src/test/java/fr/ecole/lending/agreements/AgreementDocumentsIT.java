package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TextLayer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AgreementDocumentsIT {
    static final Path FOLDER = TestApp.newFolder();
    static final Path TERMS = FOLDER.resolve("terms");
    static final String DATA_PROTECTION_OFFICER = "DPD de l'académie de Rennes, dpd@ac-rennes.example, 96 rue d'Antrain";
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overridesWithDirectory(FOLDER, "termsFolder", TERMS.toString(),
            "dataProtectionContact", DATA_PROTECTION_OFFICER));
    static Api api;

    @BeforeAll
    static void directoryAndTerms() throws Exception {
        Files.createDirectories(TERMS);
        Files.write(TERMS.resolve("terms-1.txt"), Api.resource("/fixtures/terms/terms-1.txt"));
        api = new Api(APP);
    }

    static byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return response.body();
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** An agreement of two devices for a family whose names carry accents; returns its number and tags. */
    static List<String> lend() {
        List<String> out = new ArrayList<>();
        Map<String, Object> family = Builders.family("Hélène Lefèvre-Ørsted", COLLEGE);
        long familyId = api.post("/api/families", family).json().path("id").asLong();
        List<String> tags = new ArrayList<>();
        for (String kind : List.of("LAPTOP", "DONGLE_4G")) {
            tags.add(api.post("/api/establishments/" + COLLEGE + "/devices", Builders.device(kind)).json().path("assetTag").asText());
        }
        Reply lent = api.post("/api/agreements", Builders.agreement(familyId, COLLEGE, tags, UUID.randomUUID().toString()));
        assertThat(lent.status()).as(lent.text()).isEqualTo(201);
        out.add(lent.json().path("number").asText());
        out.addAll(tags);
        return out;
    }

    static Reply sign(String number, Instant at) {
        return api.post("/api/agreements/" + number + "/signature", Map.of("signedBy", "Hélène Lefèvre-Ørsted",
                "signedAt", at.toString()));
    }

    @Test
    void theDocumentNamesEveryDeviceAndTheGuardianAsWritten() throws Exception {
        List<String> lent = lend();
        String number = lent.get(0);
        String text = text(bytes("/api/agreements/" + number + "/document.pdf"));
        assertThat(text).contains(number, "Hélène Lefèvre-Ørsted", "Collège les Hautes Ourmes", "Conditions du prêt",
                "Vos données", "Conditions version 1", lent.get(1), lent.get(2));
        for (String tag : lent.subList(1, 3)) {
            String serial = api.get("/api/devices/" + tag).json().path("serial").asText();
            assertThat(text).contains(serial);
        }
        assertThat(text).contains("Nom, date et signature");
    }

    @Test
    void theDataProtectionNoticeNamesTheOfficersContactAsConfigured() throws Exception {
        String number = lend().get(0);
        String document = text(bytes("/api/agreements/" + number + "/document.pdf")).replaceAll("\\s+", " ");
        String officer = "Délégué à la protection des données : " + DATA_PROTECTION_OFFICER + ".";
        assertThat(document).contains(officer);
        // within the notice: after the family's rights, before the signature
        assertThat(document.indexOf(officer)).isGreaterThan(document.indexOf("Vos droits"))
                .isLessThan(document.indexOf("Conditions version 1"));
        assertThat(text(bytes("/api/agreements/" + number + "/summary.pdf")).replaceAll("\\s+", " ")).contains(officer);
    }

    @Test
    void theSignedDocumentIsKeptByteForByteWhateverTermsArePublishedLater() throws Exception {
        String number = lend().get(0);
        Reply signed = sign(number, Instant.now().minusSeconds(60));
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        assertThat(signed.json().path("signedBy").asText()).isEqualTo("Hélène Lefèvre-Ørsted");
        assertThat(signed.json().path("termsVersion").asText()).isEqualTo("1");
        byte[] before = bytes("/api/agreements/" + number + "/document.pdf");
        assertThat(text(before)).contains("Signée pour l'ensemble des appareils par Hélène Lefèvre-Ørsted");

        Files.writeString(TERMS.resolve("terms-2.txt"), "# Conditions du prêt, version 2\nDe nouvelles conditions.\n");
        try {
            String later = lend().get(0);
            assertThat(api.get("/api/agreements/" + later).json().path("termsVersion").asText()).isEqualTo("2");
            assertThat(text(bytes("/api/agreements/" + later + "/document.pdf"))).contains("De nouvelles conditions");
            assertThat(bytes("/api/agreements/" + number + "/document.pdf")).isEqualTo(before);
        } finally {
            Files.delete(TERMS.resolve("terms-2.txt"));
        }
    }

    /**
     * What was signed is what is kept: after the signature, a renewal, the guardian's name corrected
     * and the terms' text reworded, none of which a document printed again would miss, the kept
     * document's bytes stay those of the signature.
     */
    @Test
    void theSignedDocumentStaysAsSignedWhateverChangesAfterwards() throws Exception {
        String number = lend().get(0);
        long familyId = api.get("/api/agreements/" + number).json().path("familyId").asLong();
        assertThat(sign(number, Instant.now().minusSeconds(60)).status()).isEqualTo(200);
        byte[] signed = bytes("/api/agreements/" + number + "/document.pdf");
        assertThat(text(signed)).contains("Hélène Lefèvre-Ørsted");

        LocalDate later = LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(11);
        Reply renewed = api.post("/api/agreements/" + number + "/renewal", Map.of("dueDate", later.toString()));
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        Reply corrected = api.patch("/api/families/" + familyId, Map.of("guardian", Map.of("name", "Hélène Martin")));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
        Path terms = TERMS.resolve("terms-1.txt");
        byte[] original = Files.readAllBytes(terms);
        Files.writeString(terms, "# Conditions du prêt, version 1\nUn texte reformulé après la signature.\n");
        try {
            assertThat(api.get("/api/families/" + familyId).json().path("guardian").path("name").asText())
                    .isEqualTo("Hélène Martin");
            assertThat(api.get("/api/agreements/" + number).json().path("dueDate").asText()).isEqualTo(later.toString());
            byte[] kept = bytes("/api/agreements/" + number + "/document.pdf");
            assertThat(kept).isEqualTo(signed);
            assertThat(text(kept)).contains("Hélène Lefèvre-Ørsted")
                    .doesNotContain("Hélène Martin", "reformulé", String.valueOf(later.getDayOfMonth()) + "/"
                            + String.format("%02d", later.getMonthValue()) + "/" + later.getYear());
        } finally {
            Files.write(terms, original);
        }
    }

    @Test
    void aSignatureIsOneForTheBundleOnAnActiveAgreement() {
        List<String> lent = lend();
        String number = lent.get(0);
        assertThat(sign(number, Instant.now().plusSeconds(3600)).error()).isEqualTo("signed_in_future");
        assertThat(api.post("/api/agreements/" + number + "/signature", Map.of("signedAt", Instant.now().toString()))
                .field()).isEqualTo("signedBy");
        assertThat(sign(number, Instant.now()).status()).isEqualTo(200);
        Reply twice = sign(number, Instant.now());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error()).isEqualTo("already_signed");

        List<String> closed = lend();
        for (String tag : closed.subList(1, 3)) {
            api.post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD"));
        }
        Reply onClosed = sign(closed.get(0), Instant.now());
        assertThat(onClosed.status()).isEqualTo(409);
        assertThat(onClosed.error()).isEqualTo("agreement_closed");
    }

    @Test
    void aSignatureDrawnOnScreenIsDrawnInTheSignedDocumentAndABadOneSignsNothing() throws Exception {
        String number = lend().get(0);
        byte[] unsigned = bytes("/api/agreements/" + number + "/document.pdf");
        assertThat(TextLayer.images(unsigned)).as("the QR code").isEqualTo(1);

        String blank = DrawnSignatureTest.dataUrl(DrawnSignatureTest.png(DrawnSignatureTest.canvas(600, 200, 0)));
        Reply refused = api.post("/api/agreements/" + number + "/signature", Map.of("signedBy", "Hélène Lefèvre-Ørsted",
                "signedAt", Instant.now().toString(), "drawing", blank));
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.error()).isEqualTo("invalid_drawing");
        assertThat(refused.field()).isEqualTo("drawing");
        assertThat(api.get("/api/agreements/" + number).json().path("signedAt").isNull()).as("still unsigned").isTrue();
        assertThat(text(bytes("/api/agreements/" + number + "/document.pdf"))).contains("Nom, date et signature");

        String drawn = DrawnSignatureTest.dataUrl(DrawnSignatureTest.png(DrawnSignatureTest.canvas(600, 200, 6)));
        Reply signed = api.post("/api/agreements/" + number + "/signature", Map.of("signedBy", "Hélène Lefèvre-Ørsted",
                "signedAt", Instant.now().toString(), "drawing", drawn));
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        byte[] document = bytes("/api/agreements/" + number + "/document.pdf");
        assertThat(TextLayer.images(document)).as("the QR code and the signature").isEqualTo(2);
        assertThat(text(document)).contains("Signée à l'écran pour l'ensemble des appareils par Hélène Lefèvre-Ørsted")
                .doesNotContain("Nom, date et signature");
        assertThat(bytes("/api/agreements/" + number + "/document.pdf")).as("kept as signed").isEqualTo(document);
        Reply audit = api.get("/api/audit?limit=500&entity=AGREEMENT&id=" + number);
        assertThat(audit.status()).as(audit.text()).isEqualTo(200);
        assertThat(audit.text()).contains("\"drawn\":true");
    }

    @Test
    void aRenewalAfterSignaturePrintsAsAnAmendment() throws Exception {
        String number = lend().get(0);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        Reply before = api.post("/api/agreements/" + number + "/renewal", Map.of("dueDate", today.plusMonths(8).toString()));
        assertThat(before.status()).as(before.text()).isEqualTo(200);
        assertThat(before.json().path("dueDate").asText()).isEqualTo(today.plusMonths(8).toString());
        assertThat(api.get("/api/agreements/" + number + "/amendments/1.pdf").error())
                .as("a renewal before signature is in the document itself").isEqualTo("unknown_amendment");

        sign(number, Instant.now());
        LocalDate later = today.plusMonths(10);
        assertThat(api.post("/api/agreements/" + number + "/renewal", Map.of("dueDate", later.toString())).json()
                .path("renewals").asInt()).isEqualTo(2);
        // amendments count the renewals made after signature only
        String amendment = text(bytes("/api/agreements/" + number + "/amendments/1.pdf"));
        assertThat(amendment).contains("Avenant n° 1", number, String.valueOf(later.getYear()));
        assertThat(api.get("/api/agreements/" + number + "/amendments/2.pdf").error()).isEqualTo("unknown_amendment");

        Reply past = api.post("/api/agreements/" + number + "/renewal", Map.of("dueDate", today.minusDays(1).toString()));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.error()).isEqualTo("due_date_in_past");
        assertThat(api.get("/api/agreements/" + number).json().path("dueDate").asText()).isEqualTo(later.toString());
    }

    @Test
    void theListTellsWhichAgreementsAreOverdueAndHowToReachTheFamily() {
        String number = lend().get(0);
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE agreements SET due_date = ? WHERE number = ?",
                LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(3).toString(), number));
        JsonNode overdue = api.get("/api/agreements?uai=" + COLLEGE + "&overdue=true&limit=500").json().path("items");
        assertThat(overdue).extracting(a -> a.path("number").asText()).contains(number);
        assertThat(overdue).allSatisfy(a -> assertThat(a.path("overdue").asBoolean()).isTrue());
        assertThat(overdue.get(0).path("preferredContact").asText()).isEqualTo("SMS");
        assertThat(api.get("/api/agreements?status=CLOSED&limit=500").json().path("items"))
                .allSatisfy(a -> assertThat(a.path("status").asText()).isEqualTo("CLOSED"));
        assertThat(api.get("/api/agreements?overdue=maybe").field()).isEqualTo("overdue");
    }
}
