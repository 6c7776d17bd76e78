package fr.ecole.lending.families;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class FamilyIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api api;

    @BeforeAll
    static void client() {
        api = new Api(APP);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> guardianOf(Map<String, Object> family) {
        return (Map<String, Object>) family.get("guardian");
    }

    @Test
    void aFamilyIsCreatedReadAndCorrected() {
        Map<String, Object> body = Builders.family("Nadia Haddad", COLLEGE, ECOLE);
        guardianOf(body).put("email", "nadia@example.org");
        Reply created = api.post("/api/families", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/families/" + id));

        JsonNode family = api.get("/api/families/" + id).json();
        assertThat(family.path("guardian").path("name").asText()).isEqualTo("Nadia Haddad");
        assertThat(family.path("guardian").path("phone").asText()).isEqualTo("0611223344");
        assertThat(family.path("communeInsee").asText()).isEqualTo("35238");
        assertThat(family.path("pupils")).extracting(p -> p.path("uai").asText()).containsExactly(COLLEGE, ECOLE);
        assertThat(family.path("pupils").get(0).path("level").asText()).isEqualTo("5E");

        Map<String, Object> guardian = new LinkedHashMap<>();
        guardian.put("phone", "07 00 00 00 01");
        guardian.put("email", "");
        Reply corrected = api.patch("/api/families/" + id, Map.of("guardian", guardian,
                "pupils", List.of(Map.of("firstName", "Sami", "uai", ECOLE, "level", "cm2"))));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
        assertThat(corrected.json().path("guardian").path("name").asText()).isEqualTo("Nadia Haddad");
        assertThat(corrected.json().path("guardian").path("phone").asText()).isEqualTo("0700000001");
        assertThat(corrected.json().path("guardian").path("email").isNull()).isTrue();
        assertThat(corrected.json().path("pupils")).hasSize(1);
        assertThat(corrected.json().path("pupils").get(0).path("level").asText()).isEqualTo("CM2");
    }

    @Test
    void aCorrectionIsAuditedWithBeforeAndAfterSealedUnderTheFamilysOwnKey() {
        long id = api.post("/api/families", Builders.family("Éloïse Marchand", COLLEGE)).json().path("id").asLong();
        Reply corrected = api.patch("/api/families/" + id, Map.of("guardian", Map.of("name", "Éloïse Marchand-Roux"),
                "pupils", List.of(Map.of("firstName", "Maël", "uai", COLLEGE, "level", "4E"))));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);

        JsonNode update = lastEntry(id);
        assertThat(update.path("action").asText()).isEqualTo("UPDATE");
        assertThat(update.path("detail").path("changed")).extracting(JsonNode::asText).containsExactly("guardian.name", "pupils");
        JsonNode personal = update.path("detail").path("personal");
        assertThat(personal.path("before").path("guardian.name").asText()).isEqualTo("Éloïse Marchand");
        assertThat(personal.path("after").path("guardian.name").asText()).isEqualTo("Éloïse Marchand-Roux");
        assertThat(personal.path("after").path("pupils").get(0).path("firstName").asText()).isEqualTo("Maël");
        assertThat(personal.path("before").path("pupils").get(0).path("firstName").asText()).isNotEqualTo("Maël");

        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        Jdbi database = Jdbi.create(url);
        String stored = database.withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE entity = 'FAMILY' "
                + "AND entity_id = :id AND action = 'UPDATE'").bind("id", String.valueOf(id)).mapTo(String.class).one());
        assertThat(stored).as("the log as stored").doesNotContain("Marchand", "Maël").contains("sealed");

        // what erasing the family does to its key: the values sealed under it are gone for good
        database.useHandle(h -> h.execute("DELETE FROM audit_keys WHERE entity = 'FAMILY' AND entity_id = ?",
                String.valueOf(id)));
        JsonNode erased = lastEntry(id);
        assertThat(erased.path("detail").path("erased").asBoolean()).isTrue();
        assertThat(erased.path("detail").has("personal")).isFalse();
        assertThat(erased.path("detail").path("changed")).hasSize(2);
    }

    static JsonNode lastEntry(long familyId) {
        JsonNode items = api.get("/api/audit?entity=FAMILY&id=" + familyId).json().path("items");
        return items.get(items.size() - 1);
    }

    @Test
    void theDeskFindsAFamilyByAnyPartOfTheNameOrPhone() {
        Map<String, Object> body = Builders.family("Hélène Le Bihan-Prigent", COLLEGE);
        guardianOf(body).put("phone", "06 98 76 12 34");
        long id = api.post("/api/families", body).json().path("id").asLong();

        for (String query : List.of("helene", "LE BIHAN", "bihan-prig", "Hélène", "98 76", "0698761234", "+33698761234")) {
            JsonNode items = api.get("/api/families?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8))
                    .json().path("items");
            assertThat(items).as(query).extracting(node -> node.path("id").asLong()).contains(id);
        }
        assertThat(api.get("/api/families?q=zzzz-nobody").json().path("items")).isEmpty();
        assertThat(api.get("/api/families?q=%25").status()).as("a LIKE wildcard is a plain character").isEqualTo(200);
        assertThat(api.get("/api/families?q=%25").json().path("items")).isEmpty();
    }

    @Test
    void contactsMustReachTheGuardianTheWayTheyPrefer() {
        Map<String, Object> body = Builders.family("Paul Martin", COLLEGE);
        guardianOf(body).remove("phone");
        Reply reply = api.post("/api/families", body);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("contact_unreachable");
        assertThat(reply.field()).isEqualTo("guardian.preferredContact");

        guardianOf(body).put("preferredContact", "PAPER");
        assertThat(api.post("/api/families", body).status()).isEqualTo(201);

        body = Builders.family("Paul Martin", COLLEGE);
        guardianOf(body).put("phone", "12");
        assertThat(api.post("/api/families", body).field()).isEqualTo("guardian.phone");
        body = Builders.family("Paul Martin", COLLEGE);
        guardianOf(body).put("email", "not-an-address");
        assertThat(api.post("/api/families", body).field()).isEqualTo("guardian.email");
    }

    @Test
    void pupilsMustAttendKnownSchoolsAndNothingIsSavedOtherwise() {
        String before = api.get("/api/families?limit=500").text();
        Reply unknownSchool = api.post("/api/families", Builders.family("Jeanne Roux", COLLEGE, "0000001B"));
        assertThat(unknownSchool.status()).isEqualTo(404);
        assertThat(unknownSchool.error()).isEqualTo("unknown_establishment");
        assertThat(unknownSchool.field()).isEqualTo("pupils[1].uai");

        Reply badUai = api.post("/api/families", Builders.family("Jeanne Roux", "0350963H"));
        assertThat(badUai.status()).isEqualTo(422);
        assertThat(badUai.error()).isEqualTo("invalid_uai");
        assertThat(badUai.field()).isEqualTo("pupils[0].uai");

        assertThat(api.post("/api/families", Builders.family("Jeanne Roux")).field()).isEqualTo("pupils");
        Map<String, Object> badCommune = Builders.family("Jeanne Roux", COLLEGE);
        badCommune.put("communeInsee", "3523");
        assertThat(api.post("/api/families", badCommune).field()).isEqualTo("communeInsee");
        assertThat(api.get("/api/families?limit=500").text()).isEqualTo(before);
    }

    @Test
    void aFailedCorrectionChangesNothing() {
        long id = api.post("/api/families", Builders.family("Marc Durand", COLLEGE)).json().path("id").asLong();
        String before = api.get("/api/families/" + id).text();
        Reply reply = api.patch("/api/families/" + id, Map.of("guardian", Map.of("name", "Marc Durand-Levy"),
                "pupils", List.of(Map.of("firstName", "Léo", "uai", "0000001B", "level", "6E"))));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(api.get("/api/families/" + id).text()).isEqualTo(before);
    }

    @Test
    void unknownFamiliesAreNotFound() {
        assertThat(api.get("/api/families/999999").status()).isEqualTo(404);
        assertThat(api.get("/api/families/abc").status()).isEqualTo(404);
        assertThat(api.get("/api/families/999999").error()).isEqualTo("unknown_family");
        assertThat(api.patch("/api/families/999999", Map.of("communeInsee", "35238")).status()).isEqualTo(404);
    }
}
