package fr.ecole.lending.dataprotection;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingApplication;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * A family's export holds everything the register lists for a family, prints in French, is written
 * in the audit log, and is given only to an administrator and the family's own desk.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FamilyExportIT {
    static final String OFFICER = "DPD de l'académie, dpd@ac-exemple.fr";
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(LendingApplication.class,
            TestApp.CONFIG, TestApp.overridesWithDirectory(TestApp.newFolder(), "dataProtectionContact", OFFICER));
    static Api admin;
    static Api desk;
    static String deskToken;
    static long family;
    static String open;
    static String closed;
    static String handedFrom;
    static String continued;

    /**
     * A family that has been through everything the service records: a diagnostic, an agreement
     * signed, renewed into an amendment, with a device returned elsewhere with a note, one lost and one
     * still out (handed in at another school, refused as a return), overdue and reminded; another agreement closed
     * after a swap; a correction and a social worker's reading.
     */
    @BeforeAll
    static void aFamilysWholeStory() {
        admin = new Api(APP);
        deskToken = token(Map.of("name", "pret.college", "role", "DESK", "establishments", List.of(COLLEGE)));
        desk = admin.as(deskToken);
        Map<String, Object> body = Builders.family("Maëlle Kerjean-Dubois", COLLEGE, ECOLE);
        @SuppressWarnings("unchecked")
        Map<String, Object> guardian = (Map<String, Object>) body.get("guardian");
        guardian.put("email", "maelle.kerjean@example.org");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pupils = (List<Map<String, Object>>) body.get("pupils");
        pupils.get(0).put("firstName", "Anouk");
        pupils.get(1).put("firstName", "Titouan");
        family = created(desk.post("/api/families", body)).path("id").asLong();
        created(desk.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers())));
        long tariff = created(desk.post("/api/families/" + family + "/referrals", Map.of("kind", "SOCIAL_TARIFF",
                "to", "Espace France Services de Rennes", "note", "Apporter une facture"))).path("id").asLong();
        ok(desk.patch("/api/referrals/" + tariff, Map.of("status", "ACCEPTED")));
        ok(desk.patch("/api/referrals/" + tariff, Map.of("status", "DONE")));
        long printed = created(desk.post("/api/families/" + family + "/referrals", Map.of("kind", "PRINTED_WORK")))
                .path("id").asLong();
        ok(desk.patch("/api/referrals/" + printed, Map.of("status", "DECLINED")));

        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> laptop = Builders.laptop();
            tags.add(created(admin.post("/api/establishments/" + COLLEGE + "/devices", laptop)).path("assetTag").asText());
        }
        open = created(desk.post("/api/agreements", Builders.agreement(family, COLLEGE, tags, UUID.randomUUID().toString())))
                .path("number").asText();
        ok(desk.post("/api/agreements/" + open + "/signature", Map.of("signedBy", "Maëlle Kerjean-Dubois",
                "signedAt", Instant.now().minusSeconds(30).toString())));
        ok(desk.post("/api/agreements/" + open + "/renewal", Map.of("dueDate", LocalDate.now(ZoneId.of("Europe/Paris"))
                .plusMonths(8).toString())));
        Map<String, Object> back = new LinkedHashMap<>(Map.of("assetTag", tags.get(0), "condition", "DAMAGED",
                "missingAccessories", List.of("chargeur"), "note", "Clavier usé", "receivedAt", LYCEE));
        ok(admin.post("/api/returns", back));
        // brought back to the lycée, whose desk only takes it in: the collège refuses it as a return
        Api lycee = admin.as(token(Map.of("name", "pret.lycee-remise", "role", "DESK", "establishments", List.of(LYCEE))));
        Reply handedIn = lycee.post("/api/returns", Map.of("assetTag", tags.get(2), "condition", "GOOD",
                "note", "Sacoche déchirée", "receivedAt", LYCEE));
        assertThat(handedIn.status()).as(handedIn.text()).isEqualTo(202);
        ok(desk.post("/api/returns/" + handedIn.json().path("id").asLong() + "/refusal",
                Map.of("reason", "La famille garde l'appareil jusqu'en juin")));
        ok(desk.patch("/api/devices/" + tags.get(1), Map.of("status", "LOST", "note", "Perdu lors d'un déménagement")));
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE agreements SET due_date = ? WHERE number = ?",
                LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(3).toString(), open));
        ok(desk.post("/api/establishments/" + COLLEGE + "/follow-ups", ""));
        // a copy of the signed agreement by e-mail, marked sent as the mail sender does (MessagesIT sends for real)
        Reply copy = desk.post("/api/agreements/" + open + "/copy", Map.of("email", "maelle.kd@example.org"));
        assertThat(copy.status()).as(copy.text()).isEqualTo(202);
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE messages SET status = 'SENT', attempts = 1, sent_at = ? WHERE id = ?",
                System.currentTimeMillis(), copy.json().path("id").asLong()));

        String tag = created(admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()))
                .path("assetTag").asText();
        closed = created(desk.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tag),
                UUID.randomUUID().toString()))).path("number").asText();
        // its laptop swapped broken for another, which then comes back and closes it
        String replacement = created(admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()))
                .path("assetTag").asText();
        ok(desk.post("/api/agreements/" + closed + "/swap", Map.of("out", tag, "in", replacement,
                "condition", "BROKEN")));
        ok(desk.post("/api/returns", Map.of("assetTag", replacement, "condition", "GOOD")));

        // Titouan's laptop, lent by the école, followed him to the collège: a handover and its amendment
        String followed = created(admin.post("/api/establishments/" + ECOLE + "/devices", Builders.laptop()))
                .path("assetTag").asText();
        handedFrom = created(admin.post("/api/agreements", Builders.agreement(family, ECOLE, List.of(followed),
                UUID.randomUUID().toString()))).path("number").asText();
        continued = ok(admin.post("/api/agreements/" + handedFrom + "/handover", Map.of("toUai", COLLEGE)))
                .path("number").asText();

        ok(desk.patch("/api/families/" + family, Map.of("guardian", Map.of("phone", "06 12 34 56 78"))));
        Api socialWorker = admin.as(token(Map.of("name", "as.rennes", "role", "SOCIAL_WORKER", "territory", "commune:35238")));
        ok(socialWorker.get("/api/families/" + family));
    }

    static String token(Map<String, Object> user) {
        return created(admin.post("/api/users", user)).path("token").asText();
    }

    static JsonNode created(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    /** The values at {@code path} ("agreements[].loans[].outAt"), through every element of the lists marked []. */
    static List<JsonNode> at(JsonNode root, String path) {
        List<JsonNode> nodes = List.of(root);
        for (String step : path.split("\\.")) {
            boolean list = step.endsWith("[]");
            String name = list ? step.substring(0, step.length() - 2) : step;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                JsonNode child = node.path(name);
                if (list) {
                    child.forEach(next::add);
                } else if (!child.isMissingNode() && !child.isNull()) {
                    next.add(child);
                }
            }
            nodes = next;
        }
        return nodes;
    }

    static HttpResponse<byte[]> bytes(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(desk.base() + path))
                .header("Authorization", "Bearer " + deskToken);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theExportHoldsEveryFieldTheRegisterListsForAFamily() {
        JsonNode export = ok(desk.get("/api/families/" + family + "/export"));
        List<String> paths = Register.read().exportPaths();
        assertThat(paths).as("the register names where each column is exported").hasSizeGreaterThan(60)
                .contains("family.guardian.name", "family.pupils[].firstName", "audit[].who.role");
        List<String> missing = paths.stream().filter(path -> at(export, path).isEmpty()).toList();
        assertThat(missing).as("fields that " + Register.PATH + " lists but the export lacks (or holds null):%n%s",
                export.toPrettyString()).isEmpty();
    }

    @Test
    void theExportTellsTheFamilysStoryAndWhoReadOrChangedIt() {
        JsonNode export = ok(desk.get("/api/families/" + family + "/export"));
        assertThat(export.path("family").path("guardian").path("name").asText()).isEqualTo("Maëlle Kerjean-Dubois");
        assertThat(at(export, "family.pupils[].firstName")).extracting(JsonNode::asText).containsExactly("Anouk", "Titouan");
        assertThat(export.path("dataProtectionContact").asText()).isEqualTo(OFFICER);
        assertThat(export.path("exportedBy").path("name").asText()).isEqualTo("pret.college");
        assertThat(at(export, "agreements[].number")).extracting(JsonNode::asText).containsExactly(open, closed, handedFrom, continued);
        assertThat(at(export, "agreements[].documents[].href")).extracting(JsonNode::asText).contains(
                "/api/agreements/" + open + "/document.pdf", "/api/agreements/" + open + "/amendments/1.pdf",
                "/api/agreements/" + closed + "/summary.pdf", "/api/agreements/" + closed + "/swaps/1.pdf");
        assertThat(at(export, "agreements[].documents[].href")).extracting(JsonNode::asText).contains(
                "/api/agreements/" + handedFrom + "/handovers/1.pdf");
        for (JsonNode href : at(export, "agreements[].documents[].href")) {
            // the école's agreement is not the collège desk's to print
            Api reader = href.asText().contains(handedFrom + "/") ? admin : desk;
            assertThat(reader.get(href.asText()).status()).as(href.asText()).isEqualTo(200);
        }
        List<String> trail = new ArrayList<>();
        at(export, "audit[]").forEach(line -> trail.add(line.path("action").asText() + " " + line.path("entity").asText()
                + " by " + line.path("who").path("name").asText() + " (" + line.path("who").path("role").asText() + ")"));
        assertThat(trail).contains("CREATE FAMILY by pret.college (DESK)", "CREATE DIAGNOSTIC by pret.college (DESK)",
                "SIGN AGREEMENT by pret.college (DESK)", "CREATE RETURN by admin (ADMIN)",
                "CREATE RETURN by pret.lycee-remise (DESK)", "REFUSE RETURN by pret.college (DESK)",
                "UPDATE FAMILY by pret.college (DESK)", "READ FAMILY by as.rennes (SOCIAL_WORKER)",
                "SWAP AGREEMENT by pret.college (DESK)");
        // the family sees its own correction, before and after, opened from the log's sealed values
        JsonNode correction = at(export, "audit[]").stream().filter(line -> line.path("action").asText().equals("UPDATE")
                && line.path("entity").asText().equals("FAMILY")).findFirst().orElseThrow();
        assertThat(correction.path("detail").path("personal").path("after").path("guardian.phone").asText())
                .isEqualTo("0612345678");
        assertThat(correction.path("detail").has("sealed")).isFalse();
    }

    @Test
    void readingTheExportIsWrittenInTheAuditLog() {
        ok(desk.get("/api/families/" + family + "/export?format=json"));
        JsonNode entries = ok(admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500")).path("items");
        JsonNode last = entries.get(entries.size() - 1);
        assertThat(last.path("action").asText()).isEqualTo("EXPORT");
        assertThat(last.path("actor").asText()).isEqualTo("pret.college");
        assertThat(last.path("detail").path("format").asText()).isEqualTo("json");
        // and the next export shows the one before
        assertThat(at(ok(admin.get("/api/families/" + family + "/export")), "audit[].action"))
                .extracting(JsonNode::asText).contains("EXPORT");
    }

    @Test
    void thePrintableCopyOpensAndHoldsTheFamilysData() throws Exception {
        HttpResponse<byte[]> byFormat = bytes("/api/families/" + family + "/export?format=pdf", null);
        HttpResponse<byte[]> byAccept = bytes("/api/families/" + family + "/export", "application/pdf");
        for (HttpResponse<byte[]> pdf : List.of(byFormat, byAccept)) {
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
                assertThat(text).contains("Vos données au service de prêt", "Maëlle Kerjean-Dubois", "Anouk", "Titouan",
                        open, closed, "Échange n° 1", "Clavier usé", "Sacoche déchirée", "La famille garde l'appareil jusqu'en juin",
                        "Qui a consulté ou modifié votre dossier", "as.rennes (travailleur social)",
                        "Délégué à la protection des données : " + OFFICER);
            }
        }
        JsonNode entries = ok(admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500")).path("items");
        assertThat(entries.get(entries.size() - 1).path("detail").path("format").asText()).isEqualTo("pdf");
    }

    @Test
    void onlyAnAdministratorAndTheFamilysOwnDeskMayExport() {
        String path = "/api/families/" + family + "/export";
        assertThat(admin.get(path).status()).isEqualTo(200);
        Api otherDesk = admin.as(token(Map.of("name", "pret.lycee", "role", "DESK", "establishments", List.of(LYCEE))));
        Reply elsewhere = otherDesk.get(path);
        assertThat(elsewhere.status()).as("as if the family did not exist").isEqualTo(404);
        assertThat(elsewhere.error()).isEqualTo("unknown_family");
        Api collectivity = admin.as(token(Map.of("name", "departement.35", "role", "COLLECTIVITY",
                "territory", "departement:035")));
        assertThat(collectivity.get(path).status()).isEqualTo(403);
        Api socialWorker = admin.as(token(Map.of("name", "as.export", "role", "SOCIAL_WORKER", "territory", "commune:35238")));
        assertThat(socialWorker.get(path).status()).isEqualTo(403);
        assertThat(admin.as(null).get(path).status()).isEqualTo(401);
        assertThat(admin.get("/api/families/999999/export").status()).isEqualTo(404);
        assertThat(admin.get(path + "?format=xml").field()).isEqualTo("format");
        long before = ok(admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500")).path("items").size();
        otherDesk.get(path);
        collectivity.get(path);
        assertThat(ok(admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500")).path("items").size())
                .as("a refused export is no export").isEqualTo(before);
    }
}
