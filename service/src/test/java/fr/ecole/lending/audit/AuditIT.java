package fr.ecole.lending.audit;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuditIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    static List<JsonNode> entries(String entity, String id) {
        List<JsonNode> out = new ArrayList<>();
        admin.get("/api/audit?limit=500&entity=" + entity + "&id=" + id).json().path("items").forEach(out::add);
        return out;
    }

    static List<String> actions(String entity, String id) {
        return entries(entity, id).stream().map(e -> e.path("action").asText()).toList();
    }

    @Test
    void aDirectoryImportIsOneEntryWithItsCounts() {
        List<JsonNode> imports = entries("ESTABLISHMENT", "directory");
        assertThat(imports).hasSize(1);
        assertThat(imports.get(0).path("detail").path("created").asInt()).isEqualTo(993);
        assertThat(imports.get(0).path("actor").asText()).isEqualTo("admin");
    }

    @Test
    void aDevicesLifeIsAuditedWithItsStatusesBeforeAndAfter() {
        String tag = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json().path("assetTag").asText();
        long family = admin.post("/api/families", Builders.family("Famille Audit", COLLEGE)).json().path("id").asLong();
        String number = admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tag), "audit-1"))
                .json().path("number").asText();
        long returnId = admin.post("/api/returns", Map.of("assetTag", tag, "condition", "BROKEN")).json().path("id").asLong();
        admin.patch("/api/devices/" + tag, Map.of("status", "RETIRED"));

        List<JsonNode> device = entries("DEVICE", tag);
        assertThat(device).extracting(e -> e.path("action").asText())
                .containsExactly("CREATE", "STATUS_CHANGE", "STATUS_CHANGE", "STATUS_CHANGE");
        assertThat(device).extracting(e -> e.path("detail").path("status").path("before").asText() + "->"
                + e.path("detail").path("status").path("after").asText())
                .containsExactly("->", "AVAILABLE->ON_LOAN", "ON_LOAN->IN_REPAIR", "IN_REPAIR->RETIRED");

        assertThat(actions("AGREEMENT", number)).containsExactly("CREATE", "STATUS_CHANGE");
        assertThat(entries("AGREEMENT", number).get(0).path("detail").path("override").asText()).isNotBlank();
        assertThat(entries("AGREEMENT", number).get(1).path("detail").path("status").path("after").asText()).isEqualTo("CLOSED");
        assertThat(entries("RETURN", String.valueOf(returnId)).get(0).path("detail").path("condition").asText()).isEqualTo("BROKEN");
    }

    @Test
    void familiesAreAuditedWithTheirCorrectionsSealedAndASocialWorkersReadingIsLogged() {
        long family = admin.post("/api/families", Builders.family("Famille Discrète", COLLEGE)).json().path("id").asLong();
        admin.patch("/api/families/" + family, Map.of("guardian", Map.of("phone", "07 00 00 00 02")));
        String worker = admin.post("/api/users", Map.of("name", "as.audit", "role", "SOCIAL_WORKER",
                "territory", "commune:35238")).json().path("token").asText();
        admin.get("/api/families/" + family);
        assertThat(admin.as(worker).get("/api/families/" + family).status()).isEqualTo(200);

        admin.as(worker).get("/api/families?q=discr");
        admin.as(worker).get("/api/families/" + family + "/diagnostics");

        List<JsonNode> entries = entries("FAMILY", String.valueOf(family));
        assertThat(entries).extracting(e -> e.path("action").asText())
                .containsExactly("CREATE", "UPDATE", "READ", "READ", "READ");
        assertThat(entries.subList(2, 5)).extracting(e -> e.path("detail").path("read").asText())
                .containsExactly("record", "search", "diagnostics");
        assertThat(entries.get(1).path("detail").path("changed")).extracting(JsonNode::asText).containsExactly("guardian.phone");
        assertThat(entries.get(2).path("actor").asText()).isEqualTo("as.audit");
        // a correction's values, before and after, are shown to the administrator and stored sealed
        assertThat(entries.get(1).path("detail").path("personal").path("after").path("guardian.phone").asText())
                .isEqualTo("0700000002");
        assertThat(admin.get("/api/audit?limit=500").expect(200).toString()).doesNotContain("Discrète");
        String stored = Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).withHandle(h -> h
                .createQuery("SELECT detail FROM audit_log WHERE entity = 'FAMILY' AND entity_id = :id AND action = 'UPDATE'")
                .bind("id", String.valueOf(family)).mapTo(String.class).one());
        assertThat(stored).doesNotContain("0700000002", "07 00 00 00 02");
    }

    @Test
    void userChangesAreAuditedWithoutTheirSecrets() {
        Reply created = admin.post("/api/users", Map.of("name", "pret.audit", "role", "DESK",
                "establishments", List.of(COLLEGE), "password", "un mot de passe assez long"));
        long id = created.json().path("id").asLong();
        String token = created.json().path("token").asText();
        admin.post("/api/users/" + id + "/token", "");
        admin.post("/api/sessions", Map.of("name", "pret.audit", "password", "un mot de passe assez long"));
        admin.post("/api/users/" + id + "/deactivation", "");
        assertThat(actions("USER", String.valueOf(id))).containsExactly("CREATE", "REPLACE_TOKEN", "LOGIN", "DEACTIVATE");
        String log = admin.get("/api/audit?limit=500").text();
        assertThat(log).doesNotContain(token, "un mot de passe assez long");
    }

    @Test
    void theLogCannotBeChangedOrErased() {
        Jdbi jdbi = Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl());
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE audit_log SET action = 'NOTHING'")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM audit_log")))
                .hasMessageContaining("append-only");
        if (TestEngine.onPostgresql()) {
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE audit_log")))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aFailedRequestLeavesNoEntry() {
        int before = admin.get("/api/audit?limit=500").json().path("items").size();
        admin.post("/api/establishments/" + COLLEGE + "/devices", Map.of("kind", "LAPTOP"));
        admin.post("/api/agreements", Builders.agreement(999_999, COLLEGE, List.of("NOSUCHTAG"), "audit-fail"));
        assertThat(admin.get("/api/audit?limit=500").json().path("items")).hasSize(before);
        assertThat(admin.get("/api/audit?entity=PLANET").field()).isEqualTo("entity");
    }
}
