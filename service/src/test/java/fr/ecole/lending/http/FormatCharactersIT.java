package fr.ecole.lending.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Right-to-left overrides and invisible characters (Unicode's format characters, category Cf) make
 * a name read otherwise than it is stored, in a signed agreement, a receipt or a CSV: every text of
 * every JSON body and CSV import that holds one is refused, {@code 422 invisible_character} naming
 * the field (its JSON path) or, in a CSV, the line and the column. Nothing is stored.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FormatCharactersIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    /** The attacker's name: "Oksana" then, read right to left, "konalevko", and a zero-width space. */
    static final String OVERRIDDEN = "Oksana \u202Eokvelanok \u200b";
    static final String COLLEGE = Builders.COLLEGE;

    static Api admin;
    static long family;
    static String number;

    @BeforeAll
    static void scene() {
        admin = new Api(APP);
        family = ok(admin.post("/api/families", Builders.family("Famille Nette", COLLEGE)), 201).path("id").asLong();
        number = ok(admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(device()),
                UUID.randomUUID().toString())), 201).path("number").asText();
    }

    static com.fasterxml.jackson.databind.JsonNode ok(Reply reply, int status) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        return reply.json();
    }

    static String device() {
        return ok(admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()), 201).path("assetTag").asText();
    }

    static void refused(Reply reply, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        assertThat(reply.error()).as(reply.text()).isEqualTo("invisible_character");
        assertThat(reply.field()).as(reply.text()).isEqualTo(field);
        assertThat(reply.json().path("message").asText()).as(reply.text()).contains(field);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> guardianOf(Map<String, Object> family) {
        return (Map<String, Object>) family.get("guardian");
    }

    @Test
    void aGuardianWithARightToLeftOverrideIsRefusedAndNothingIsStored() {
        refused(admin.post("/api/families", Builders.family(OVERRIDDEN, COLLEGE)), "guardian.name");
        assertThat(admin.get("/api/families?q=oksana").json().path("items")).isEmpty();

        Map<String, Object> softHyphen = Builders.family("Famille Ordinaire", COLLEGE);
        guardianOf(softHyphen).put("email", "fa\u00admille@example.org");
        refused(admin.post("/api/families", softHyphen), "guardian.email");

        refused(admin.patch("/api/families/" + family, Map.of("guardian", Map.of("name", "Dupont\u2066"))), "guardian.name");
        assertThat(admin.get("/api/families/" + family).json().path("guardian").path("name").asText())
                .isEqualTo("Famille Nette");
    }

    @Test
    void aPupilsFirstNameIsNamedByItsPlaceInTheList() {
        Map<String, Object> body = Builders.family("Famille Deux Élèves", COLLEGE, COLLEGE);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pupils = (List<Map<String, Object>>) body.get("pupils");
        pupils.get(1).put("firstName", "Lé\u200do");
        refused(admin.post("/api/families", body), "pupils[1].firstName");
    }

    @Test
    void devicesRefuseThemInEveryText() {
        Map<String, Object> laptop = new LinkedHashMap<>(Builders.laptop());
        laptop.put("model", "\uFEFFThinkPad");
        refused(admin.post("/api/establishments/" + COLLEGE + "/devices", laptop), "model");

        Map<String, Object> accessories = new LinkedHashMap<>(Builders.laptop());
        accessories.put("accessories", List.of("chargeur", "sacoche\u200e"));
        refused(admin.post("/api/establishments/" + COLLEGE + "/devices", accessories), "accessories[1]");

        Map<String, Object> dongle = new LinkedHashMap<>(Builders.device("DONGLE_4G"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sim = new LinkedHashMap<>((Map<String, Object>) dongle.get("sim"));
        sim.put("phone", "07 12 34 56 78\u2069");
        dongle.put("sim", sim);
        refused(admin.post("/api/establishments/" + COLLEGE + "/devices", dongle), "sim.phone");

        String tag = device();
        refused(admin.patch("/api/devices/" + tag, Map.of("status", "IN_REPAIR", "note", "écran \u202Efissuré")), "note");
        refused(admin.post("/api/devices/" + tag + "/wipe", Map.of("note", "effacé\u200b")), "note");
        refused(admin.post("/api/devices/" + tag + "/transfer", Map.of("uai", Builders.ECOLE, "note", "\u2067prêt")),
                "note");
        assertThat(admin.get("/api/devices/" + tag).json().path("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void agreementsRefuseThemInTheOverrideReasonAndTheSignature() {
        Map<String, Object> lend = Builders.agreement(family, COLLEGE, List.of(device()), UUID.randomUUID().toString());
        lend.put("override", Map.of("reason", "Signalée par l'assistante sociale\u202E"));
        refused(admin.post("/api/agreements", lend), "override.reason");

        refused(admin.post("/api/agreements/" + number + "/signature", Map.of("signedBy", OVERRIDDEN)), "signedBy");
        assertThat(admin.get("/api/agreements/" + number).json().path("signedBy").isMissingNode()
                || admin.get("/api/agreements/" + number).json().path("signedBy").isNull()).isTrue();
    }

    @Test
    void returnsRefuseThemInTheNoteAndTheMissingAccessories() {
        String tag = device();
        ok(admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tag), UUID.randomUUID().toString())),
                201);
        refused(admin.post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD", "note", "rendu par \u200bla sœur")),
                "note");
        refused(admin.post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD",
                "missingAccessories", List.of("chargeur\u00ad"))), "missingAccessories[0]");
        assertThat(admin.get("/api/devices/" + tag).json().path("status").asText()).isEqualTo("ON_LOAN");
    }

    @Test
    void usersRefuseThemInTheirNameAndTerritory() {
        refused(admin.post("/api/users", Map.of("name", "pret\u200b.college", "role", "DESK",
                "establishments", List.of(COLLEGE))), "name");
        refused(admin.post("/api/users", Map.of("name", "pret.deux", "role", "DESK",
                "establishments", List.of(COLLEGE + "\u200b"))), "establishments[0]");
        refused(admin.post("/api/sessions", Map.of("name", "admin\u202e", "password", "peu importe")), "name");
    }

    @Test
    void diagnosticsRefuseThemInTheAnswers() {
        ObjectNode answers = Builders.answers();
        answers.put("headset", "NONE\u200b");
        refused(admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", answers)), "answers.headset");
        ObjectNode renamed = Builders.answers();
        renamed.put("\u202Eqpv", false);
        refused(admin.post("/api/eligibility", Map.of("answers", renamed, "uai", COLLEGE)), "answers");
    }

    @Test
    void aCsvImportIsRefusedWholeNamingTheLineAndTheColumn() {
        String csv = "kind;serial;model\nLAPTOP;SN-CF-1;Latitude\nLAPTOP;SN-CF-2;Lati\u200btude\n";
        Reply reply = admin.postRaw("/api/establishments/" + COLLEGE + "/imports/devices", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("invisible_character");
        assertThat(reply.field()).isEqualTo("model");
        assertThat(reply.json().path("message").asText()).contains("ligne 3");
        assertThat(admin.get("/api/establishments/" + COLLEGE + "/devices?limit=500").text()).doesNotContain("SN-CF-1");

        Reply directory = admin.postRaw("/api/imports/establishments", "text/csv", ("Identifiant_de_l_etablissement;"
                + "Nom_etablissement;Type_etablissement;Code_commune;Nom_commune;Code_departement;Code_region;"
                + "Appartenance_Education_Prioritaire;Autre\n0359991V;Collège \u202Enoitaré;College;35238;Rennes;035;53;;x\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(directory.status()).as(directory.text()).isEqualTo(422);
        assertThat(directory.field()).isEqualTo("Nom_etablissement");
        assertThat(admin.get("/api/establishments/0359991V").status()).isEqualTo(404);
    }

    @Test
    void aSearchRefusesThemToo() {
        refused(admin.get("/api/families?q=Dupont%E2%80%8B"), "q");
    }

    @Test
    void visibleTextOfEveryKindStaysWelcome() {
        Map<String, Object> body = Builders.family("Zoë Ñúñez-O'Brien\u00a0Łukasiewicz 🙂", COLLEGE);
        assertThat(admin.post("/api/families", body).status()).isEqualTo(201);
        assertThat(admin.patch("/api/devices/" + device(), Map.of("status", "IN_REPAIR",
                "note", "Écran « fissuré » — 2 € de colle, 日本語 ok")).status()).isEqualTo(200);
    }
}
