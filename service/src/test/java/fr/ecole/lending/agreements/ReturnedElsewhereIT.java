package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15, finding 1: a device brought back to another school. The receiving desk, which does not
 * serve the device's school, only records it as received on behalf of that school: nothing closes
 * until the owning school confirms, and the receiving desk learns neither the family nor the
 * agreement. Finding 8 (return path): its errors say nothing of a device outside its scope.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReturnedElsewhereIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String GUARDIAN = "Ysolde Marchand-Prigent";
    /** The device's own school (the collège), the school it is brought back to (an école), a school with no part in it. */
    static Api owner;
    static Api receiver;
    static Api stranger;
    static Api admin;
    static long family;

    @BeforeAll
    static void threeSchools() {
        admin = new Api(APP);
        owner = admin.as(token("pret.hautes-ourmes", COLLEGE));
        receiver = admin.as(token("pret.volga", ECOLE));
        stranger = admin.as(token("pret.brequigny", LYCEE));
        family = owner.post("/api/families", Builders.family(GUARDIAN, COLLEGE)).expect(201).path("id").asLong();
    }

    static String token(String name, String uai) {
        return admin.post("/api/users", Map.of("name", name, "role", "DESK", "establishments", List.of(uai))).expect(201)
                .path("token").asText();
    }

    /** A laptop of the collège's pool, out on a new agreement of the family: its tag and the agreement's number. */
    record Lent(String tag, String agreement) {
    }

    static Lent lent() {
        String tag = owner.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).expect(201)
                .path("assetTag").asText();
        String number = owner.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tag),
                UUID.randomUUID().toString())).expect(201).path("number").asText();
        return new Lent(tag, number);
    }

    static Map<String, Object> handIn(String tag, String at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetTag", tag);
        body.put("condition", "DAMAGED");
        body.put("note", "Coque fendue");
        body.put("receivedAt", at);
        return body;
    }

    /** The receiving desk takes the device in: 202, pending, and not a word of the agreement. */
    static long handedIn(String tag) {
        Reply reply = receiver.post("/api/returns", handIn(tag, ECOLE));
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        return reply.json().path("id").asLong();
    }

    static List<Long> pending(Api desk, String query) {
        return desk.get("/api/returns?status=PENDING" + query).expect(200).path("items").findValues("id").stream()
                .map(JsonNode::asLong).toList();
    }

    @Test
    void aDeskOfAnotherSchoolHandsInADeviceWithoutClosingItsLoan() {
        Lent lent = lent();
        Reply reply = receiver.post("/api/returns", handIn(lent.tag(), ECOLE));
        assertThat(owner.get("/api/agreements/" + lent.agreement()).expect(200).path("status").asText())
                .as("the family's agreement is not closed on the word of another desk").isEqualTo("ACTIVE");
        JsonNode device = owner.get("/api/devices/" + lent.tag()).expect(200);
        assertThat(device.path("status").asText()).isEqualTo("ON_LOAN");
        assertThat(device.path("openLoan").path("agreementNumber").asText()).isEqualTo(lent.agreement());
        assertThat(device.path("heldAt").asText()).as("it is in the école's hands").isEqualTo(ECOLE);
        assertThat(owner.get("/api/devices/" + lent.tag() + "/history").expect(200).path("items"))
                .extracting(e -> e.path("event").asText()).containsExactly("CREATED", "LENT", "HANDED_IN");

        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        JsonNode body = reply.json();
        assertThat(body.path("status").asText()).isEqualTo("PENDING");
        assertThat(body.path("assetTag").asText()).isEqualTo(lent.tag());
        assertThat(body.has("agreementNumber") && body.path("agreementNumber").isNull()).as(body.toString()).isTrue();
        assertThat(body.has("agreementStatus") && body.path("agreementStatus").isNull()).as(body.toString()).isTrue();
        assertThat(body.path("message").asText()).contains("Collège les Hautes Ourmes", "confirm");
        assertThat(reply.text()).doesNotContain(lent.agreement(), GUARDIAN);
    }

    @Test
    void theReceivingDesksReceiptNamesNeitherTheGuardianNorTheAgreement() {
        Lent lent = lent();
        long id = receiver.post("/api/returns", handIn(lent.tag(), ECOLE)).json().path("id").asLong();
        String receipt = receiver.pdfText("/api/returns/" + id + "/receipt.pdf");
        assertThat(receipt).doesNotContain(GUARDIAN, lent.agreement(), "AGR-");
        assertThat(receipt).contains(lent.tag(), "Ecole élémentaire publique Volga",
                "pour le compte de Collège les Hautes Ourmes", "abîmé", "Coque fendue");
        // still so once the owning school confirmed: the number is the same, the reader's view is not
        owner.post("/api/returns/" + id + "/confirmation", "").expect(200);
        assertThat(receiver.pdfText("/api/returns/" + id + "/receipt.pdf")).doesNotContain(GUARDIAN, "AGR-");
        assertThat(owner.pdfText("/api/returns/" + id + "/receipt.pdf"))
                .as("the owning school's receipt shows the family, the agreement and where it was handed in")
                .contains(GUARDIAN, lent.agreement(), "Ecole élémentaire publique Volga", "pret.volga");
    }

    @Test
    void theOwningDeskConfirmsAndTheLoanClosesAsAReturnDoes() {
        Lent lent = lent();
        long id = handedIn(lent.tag());
        assertThat(pending(owner, "&uai=" + COLLEGE)).contains(id);

        JsonNode confirmed = owner.post("/api/returns/" + id + "/confirmation", Map.of("condition", "BROKEN")).expect(200);
        assertThat(confirmed.path("id").asLong()).isEqualTo(id);
        assertThat(confirmed.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.path("agreementNumber").asText()).isEqualTo(lent.agreement());
        assertThat(confirmed.path("agreementStatus").asText()).isEqualTo("CLOSED");

        assertThat(owner.get("/api/agreements/" + lent.agreement()).expect(200).path("status").asText()).isEqualTo("CLOSED");
        JsonNode device = owner.get("/api/devices/" + lent.tag()).expect(200);
        assertThat(device.path("status").asText()).as("corrected to broken: off to repair").isEqualTo("IN_REPAIR");
        assertThat(device.path("needsWipe").asBoolean()).isTrue();
        assertThat(device.path("heldAt").asText()).as("still at the école until it travels home").isEqualTo(ECOLE);
        assertThat(pending(owner, "&uai=" + COLLEGE)).doesNotContain(id);
        assertThat(owner.post("/api/returns/" + id + "/confirmation", "").error()).isEqualTo("hand_in_closed");
    }

    @Test
    void theOwningDeskRefusesAHandInAndNothingCloses() {
        Lent lent = lent();
        long id = handedIn(lent.tag());
        Reply noReason = owner.post("/api/returns/" + id + "/refusal", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.field()).isEqualTo("reason");

        JsonNode refused = owner.post("/api/returns/" + id + "/refusal", Map.of("reason",
                "La famille garde l'ordinateur jusqu'aux examens")).expect(200);
        assertThat(refused.path("status").asText()).isEqualTo("REFUSED");
        assertThat(owner.get("/api/agreements/" + lent.agreement()).expect(200).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(owner.get("/api/devices/" + lent.tag()).expect(200).path("status").asText()).isEqualTo("ON_LOAN");
        assertThat(owner.get("/api/devices/" + lent.tag() + "/history").expect(200).path("items"))
                .extracting(e -> e.path("event").asText()).containsExactly("CREATED", "LENT", "HANDED_IN", "HAND_IN_REFUSED");
        assertThat(pending(owner, "")).doesNotContain(id);
        assertThat(owner.post("/api/returns/" + id + "/confirmation", "").status()).isEqualTo(409);
    }

    @Test
    void aDeviceHandedInTwiceWhileTheFirstWaitsIsRefused() {
        Lent lent = lent();
        handedIn(lent.tag());
        Reply again = receiver.post("/api/returns", handIn(lent.tag(), ECOLE));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("hand_in_pending");
        Reply elsewhere = stranger.post("/api/returns", handIn(lent.tag(), LYCEE));
        assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(409);
        assertThat(elsewhere.text()).as("the third school is not told where it was handed in")
                .doesNotContain(ECOLE, "Volga", GUARDIAN, lent.agreement());
        Reply lost = owner.patch("/api/devices/" + lent.tag(), Map.of("status", "LOST", "note", "Introuvable"));
        assertThat(lost.status()).as("a device known to be at the école is not lost").isEqualTo(409);
        assertThat(lost.error()).isEqualTo("hand_in_pending");
    }

    @Test
    void aDeskWithNoPartInAHandInCannotListConfirmOrRefuseIt() {
        Lent lent = lent();
        long id = handedIn(lent.tag());
        assertThat(stranger.get("/api/returns?status=PENDING&uai=" + COLLEGE).status()).isEqualTo(403);
        assertThat(pending(stranger, "")).doesNotContain(id);
        assertThat(pending(receiver, "")).as("the école holds it but does not decide").doesNotContain(id);
        for (Api desk : List.of(stranger, receiver)) {
            Reply confirm = desk.post("/api/returns/" + id + "/confirmation", "");
            assertThat(confirm.status()).as(confirm.text()).isEqualTo(404);
            assertThat(confirm.error()).isEqualTo("unknown_return");
            assertThat(desk.post("/api/returns/" + id + "/refusal", Map.of("reason", "non")).status()).isEqualTo(404);
        }
        assertThat(stranger.get("/api/returns/" + id + "/receipt.pdf").status()).isEqualTo(404);
        assertThat(owner.get("/api/agreements/" + lent.agreement()).expect(200).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(pending(owner, "")).contains(id);
    }

    @Test
    void theOwningDesksOwnReturnClosesAPendingHandIn() {
        Lent lent = lent();
        long id = handedIn(lent.tag());
        JsonNode back = owner.post("/api/returns", Map.of("assetTag", lent.tag(), "condition", "GOOD")).expect(200);
        assertThat(back.path("agreementStatus").asText()).isEqualTo("CLOSED");
        assertThat(pending(owner, "")).doesNotContain(id);
        assertThat(owner.get("/api/returns?status=SUPERSEDED&uai=" + COLLEGE).expect(200).path("items").findValues("id"))
                .extracting(JsonNode::asLong).contains(id);
        JsonNode device = owner.get("/api/devices/" + lent.tag()).expect(200);
        assertThat(device.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(device.path("heldAt").isNull()).as("it came home: it is at its own desk").isTrue();
        assertThat(owner.post("/api/returns/" + id + "/confirmation", "").error()).isEqualTo("hand_in_closed");
    }

    /** Finding 8: the accessory message, and every other answer, reveal nothing of a device outside the caller's scope. */
    @Test
    void theAccessoryMessageRevealsNothingOfAnotherSchoolsDevice() {
        Lent lent = lent();
        Map<String, Object> body = handIn(lent.tag(), ECOLE);
        body.put("missingAccessories", List.of("souris"));
        Reply reply = receiver.post("/api/returns", body);
        assertThat(reply.text()).as("the device's accessories are the collège's business").doesNotContain("chargeur");
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);

        // a device of the collège that is not out answers exactly as a tag that does not exist
        String shelf = owner.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).expect(201)
                .path("assetTag").asText();
        Reply onShelf = receiver.post("/api/returns", handIn(shelf, ECOLE));
        Reply unknown = receiver.post("/api/returns", handIn("ZZZZZZZZZ", ECOLE));
        assertThat(onShelf.status()).isEqualTo(404);
        assertThat(onShelf.error()).isEqualTo(unknown.error());
        assertThat(onShelf.text().replace(shelf, "?")).isEqualTo(unknown.text().replace("ZZZZZZZZZ", "?"));

        // within its own scope a desk is still told which accessories the device has
        Lent own = lent();
        Reply mine = owner.post("/api/returns", Map.of("assetTag", own.tag(), "condition", "GOOD",
                "missingAccessories", List.of("souris")));
        assertThat(mine.status()).isEqualTo(422);
        assertThat(mine.json().path("message").asText()).contains("chargeur");
    }

    /** A family that handed its device in at another school is not reminded of it while its school decides. */
    @Test
    void aFamilyWhoseDeviceWaitsForItsSchoolsWordIsNotReminded() {
        long waiting = owner.post("/api/families", Builders.family("Famille Attente", COLLEGE)).expect(201).path("id").asLong();
        long late = owner.post("/api/families", Builders.family("Famille Retard", COLLEGE)).expect(201).path("id").asLong();
        List<String> numbers = new java.util.ArrayList<>();
        List<String> tags = new java.util.ArrayList<>();
        // the waiting family's one laptop, the late family's two
        for (long id : List.of(waiting, late, late)) {
            tags.add(owner.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).expect(201)
                    .path("assetTag").asText());
        }
        numbers.add(owner.post("/api/agreements", Builders.agreement(waiting, COLLEGE, tags.subList(0, 1),
                UUID.randomUUID().toString())).expect(201).path("number").asText());
        numbers.add(owner.post("/api/agreements", Builders.agreement(late, COLLEGE, tags.subList(1, 3),
                UUID.randomUUID().toString())).expect(201).path("number").asText());
        org.jdbi.v3.core.Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> {
            for (String number : numbers) {
                handle.execute("UPDATE agreements SET due_date = ? WHERE number = ?",
                        java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(10).toString(), number);
            }
        });
        handedIn(tags.get(0));
        handedIn(tags.get(2));

        JsonNode followUp = owner.post("/api/establishments/" + COLLEGE + "/follow-ups", "").expect(200);
        assertThat(followUp.path("households").findValues("guardianName")).extracting(JsonNode::asText)
                .contains("Famille Retard").doesNotContain("Famille Attente");
        assertThat(followUp.path("households").findValues("assetTags")).extracting(JsonNode::toString)
                .as("the late family is asked for the laptop it still has, not the one it handed in")
                .contains("[\"" + tags.get(1) + "\"]").noneMatch(list -> list.contains(tags.get(2)));
    }
}
