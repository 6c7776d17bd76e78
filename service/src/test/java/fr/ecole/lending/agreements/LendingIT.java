package fr.ecole.lending.agreements;

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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class LendingIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api api;

    @BeforeAll
    static void client() {
        api = new Api(APP);
    }

    static String device(String uai, String kind) {
        Reply reply = api.post("/api/establishments/" + uai + "/devices", Builders.device(kind));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("assetTag").asText();
    }

    static long family(String... uais) {
        return api.post("/api/families", Builders.family("Famille " + UUID.randomUUID(), uais)).json().path("id").asLong();
    }

    static Reply lend(long familyId, String uai, String... tags) {
        return api.post("/api/agreements", Builders.agreement(familyId, uai, List.of(tags), UUID.randomUUID().toString()));
    }

    static String status(String tag) {
        return api.get("/api/devices/" + tag).json().path("status").asText();
    }

    @Test
    void aBundleIsLentUnderOneAgreementAndComesBackPieceByPiece() {
        String laptop = device(COLLEGE, "LAPTOP");
        String dongle = device(COLLEGE, "DONGLE_4G");
        long family = family(COLLEGE);
        Reply lent = lend(family, COLLEGE, laptop, dongle);
        assertThat(lent.status()).as(lent.text()).isEqualTo(201);
        String number = lent.json().path("number").asText();
        assertThat(number).matches("AGR-\\d{4}-\\d{6,}");
        assertThat(lent.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/agreements/" + number));
        assertThat(lent.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(lent.json().path("familyId").asLong()).isEqualTo(family);
        assertThat(lent.json().path("override").path("reason").asText()).isNotBlank();
        assertThat(lent.json().path("loans")).extracting(l -> l.path("assetTag").asText()).containsExactly(laptop, dongle);
        assertThat(lent.json().path("loans").get(0).path("returnedAt").isNull()).isTrue();
        assertThat(status(laptop)).isEqualTo("ON_LOAN");
        JsonNode openLoan = api.get("/api/devices/" + laptop).json().path("openLoan");
        assertThat(openLoan.path("agreementNumber").asText()).isEqualTo(number);

        Reply first = api.post("/api/returns", Map.of("assetTag", laptop, "condition", "GOOD"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().path("agreementNumber").asText()).isEqualTo(number);
        assertThat(first.json().path("agreementStatus").asText()).isEqualTo("ACTIVE");
        assertThat(status(laptop)).isEqualTo("AVAILABLE");

        Reply last = api.post("/api/returns", Map.of("assetTag", dongle, "condition", "DAMAGED",
                "missingAccessories", List.of("chargeur"), "note", "Capot rayé"));
        assertThat(last.json().path("agreementStatus").asText()).isEqualTo("CLOSED");
        JsonNode agreement = api.get("/api/agreements/" + number).json();
        assertThat(agreement.path("status").asText()).isEqualTo("CLOSED");
        assertThat(agreement.path("closedAt").isNull()).isFalse();
        assertThat(agreement.path("loans")).allSatisfy(loan -> assertThat(loan.path("returnedAt").isNull()).isFalse());

        JsonNode history = api.get("/api/devices/" + dongle + "/history").json().path("items");
        assertThat(history).extracting(e -> e.path("event").asText()).containsExactly("CREATED", "LENT", "RETURNED");
        assertThat(history.get(2).path("agreementNumber").asText()).isEqualTo(number);
        assertThat(history.get(2).path("note").asText()).contains("DAMAGED", "chargeur", "Capot rayé");
    }

    @Test
    void allDevicesAreLentOrNone() {
        String free = device(COLLEGE, "LAPTOP");
        String taken = device(COLLEGE, "LAPTOP");
        assertThat(lend(family(COLLEGE), COLLEGE, taken).status()).isEqualTo(201);

        Reply refused = lend(family(COLLEGE), COLLEGE, free, taken);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("device_unavailable");
        assertThat(refused.field()).isEqualTo("assetTags[1]");
        assertThat(refused.json().path("message").asText()).contains(taken);
        assertThat(status(free)).isEqualTo("AVAILABLE");
        assertThat(api.get("/api/devices/" + free + "/history").json().path("items")).hasSize(1);
    }

    @Test
    void oneDeviceScannedTwiceInTwoCasesIsRefusedAsTwice() {
        String laptop = device(COLLEGE, "LAPTOP");
        Reply refused = lend(family(COLLEGE), COLLEGE, laptop, " " + laptop.toLowerCase(java.util.Locale.ROOT));
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.error()).isEqualTo("duplicate_device");
        assertThat(refused.field()).isEqualTo("assetTags[1]");
        assertThat(status(laptop)).isEqualTo("AVAILABLE");
    }

    @Test
    void theSameIdempotencyKeyNeverLendsTwice() {
        String laptop = device(COLLEGE, "LAPTOP");
        Map<String, Object> body = Builders.agreement(family(COLLEGE), COLLEGE, List.of(laptop), "double-click-1");
        Reply first = api.post("/api/agreements", body);
        Reply again = api.post("/api/agreements", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        // the answer to the lending is the agreement as it was stored
        assertThat(api.get("/api/agreements/" + first.json().path("number").asText()).text()).isEqualTo(first.text());
        assertThat(api.get("/api/devices/" + laptop + "/history").json().path("items")).hasSize(2);

        body.put("dueDate", LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(2).toString());
        Reply reused = api.post("/api/agreements", body);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.error()).isEqualTo("idempotency_key_reused");
        assertThat(reused.field()).isEqualTo("idempotencyKey");
    }

    @Test
    void withoutAnEligibleDiagnosticAnOverrideReasonIsNeeded() {
        String laptop = device(COLLEGE, "LAPTOP");
        Map<String, Object> body = Builders.agreement(family(COLLEGE), COLLEGE, List.of(laptop), UUID.randomUUID().toString());
        body.remove("override");
        Reply refused = api.post("/api/agreements", body);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("not_eligible");
        assertThat(status(laptop)).isEqualTo("AVAILABLE");

        body.put("override", Map.of("reason", " "));
        assertThat(api.post("/api/agreements", body).field()).isEqualTo("override.reason");
    }

    @Test
    void onlyTheSchoolOfAPupilLendsAndOnlyItsOwnDevices() {
        String ecoleLaptop = device(ECOLE, "LAPTOP");
        long collegeFamily = family(COLLEGE);
        Reply notTheirSchool = lend(collegeFamily, ECOLE, ecoleLaptop);
        assertThat(notTheirSchool.status()).isEqualTo(422);
        assertThat(notTheirSchool.error()).isEqualTo("not_family_school");

        Reply otherPool = lend(collegeFamily, COLLEGE, ecoleLaptop);
        assertThat(otherPool.status()).isEqualTo(409);
        assertThat(otherPool.error()).isEqualTo("device_unavailable");
        assertThat(otherPool.json().path("message").asText()).contains(ECOLE);
    }

    @Test
    void devicesInRepairLostOrRetiredAreNotLent() {
        long family = family(COLLEGE);
        for (String state : List.of("IN_REPAIR", "LOST", "RETIRED")) {
            String tag = device(COLLEGE, "LAPTOP");
            api.patch("/api/devices/" + tag, Map.of("status", state, "note", "Signalé par la famille"));
            Reply reply = lend(family, COLLEGE, tag);
            assertThat(reply.status()).as(state).isEqualTo(409);
            assertThat(reply.error()).isEqualTo("device_unavailable");
        }
    }

    @Test
    void aDongleWhosePlanHasLapsedIsNotLent() {
        Map<String, Object> dongle = Builders.device("DONGLE_4G");
        dongle.put("sim", Builders.sim(LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(1)));
        String tag = api.post("/api/establishments/" + COLLEGE + "/devices", dongle).json().path("assetTag").asText();
        Reply reply = lend(family(COLLEGE), COLLEGE, tag);
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).isEqualTo("plan_ended");
    }

    @Test
    void aLentDeviceCannotBeSentToRepairOrRetired() {
        String tag = device(COLLEGE, "LAPTOP");
        lend(family(COLLEGE), COLLEGE, tag);
        for (String state : List.of("IN_REPAIR", "RETIRED", "AVAILABLE")) {
            Reply reply = api.patch("/api/devices/" + tag, Map.of("status", state));
            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.error()).isEqualTo("device_on_loan");
        }
        assertThat(status(tag)).isEqualTo("ON_LOAN");
    }

    @Test
    void aLentDeviceDeclaredLostEndsItsLoanAndTheAgreementClosesWithTheLastDevice() {
        String lost = device(COLLEGE, "LAPTOP");
        String kept = device(COLLEGE, "HEADSET");
        String number = lend(family(COLLEGE), COLLEGE, lost, kept).json().path("number").asText();

        Reply declared = api.patch("/api/devices/" + lost, Map.of("status", "LOST", "note", "Oublié dans le bus"));
        assertThat(declared.status()).as(declared.text()).isEqualTo(200);
        assertThat(declared.json().path("status").asText()).isEqualTo("LOST");
        assertThat(declared.json().path("openLoan").isNull()).isTrue();
        JsonNode agreement = api.get("/api/agreements/" + number).json();
        assertThat(agreement.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(agreement.path("loans").get(0).path("lostAt").isNull()).isFalse();
        assertThat(agreement.path("loans").get(0).path("returnedAt").isNull()).isTrue();
        JsonNode lostEvent = api.get("/api/devices/" + lost + "/history").json().path("items").get(2);
        assertThat(lostEvent.path("event").asText()).isEqualTo("LOST");
        assertThat(lostEvent.path("agreementNumber").asText()).isEqualTo(number);
        assertThat(lostEvent.path("note").asText()).isEqualTo("Oublié dans le bus");
        assertThat(api.post("/api/returns", Map.of("assetTag", lost, "condition", "GOOD")).error()).isEqualTo("not_on_loan");

        Reply back = api.post("/api/returns", Map.of("assetTag", kept, "condition", "GOOD"));
        assertThat(back.json().path("agreementStatus").asText()).isEqualTo("CLOSED");
    }

    @Test
    void aBrokenDeviceGoesToRepairAndADeviceNotOutHasNoReturn() {
        String tag = device(COLLEGE, "LAPTOP");
        lend(family(COLLEGE), COLLEGE, tag);
        Reply broken = api.post("/api/returns", Map.of("assetTag", tag, "condition", "BROKEN"));
        assertThat(broken.status()).isEqualTo(200);
        assertThat(status(tag)).isEqualTo("IN_REPAIR");
        assertThat(api.get("/api/devices/" + tag + "/history").json().path("items"))
                .extracting(e -> e.path("event").asText()).endsWith("RETURNED", "REPAIR_OUT");

        Reply again = api.post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("not_on_loan");
        assertThat(status(tag)).isEqualTo("IN_REPAIR");
    }

    @Test
    void badReturnsChangeNothing() {
        String tag = device(COLLEGE, "LAPTOP");
        lend(family(COLLEGE), COLLEGE, tag);
        Reply unknownAccessory = api.post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD",
                "missingAccessories", List.of("souris")));
        assertThat(unknownAccessory.status()).isEqualTo(422);
        assertThat(unknownAccessory.field()).isEqualTo("missingAccessories[0]");
        assertThat(api.post("/api/returns", Map.of("assetTag", tag, "condition", "LIKE_NEW")).field()).isEqualTo("condition");
        assertThat(api.post("/api/returns", Map.of("assetTag", tag)).field()).isEqualTo("condition");
        assertThat(api.post("/api/returns", Map.of("assetTag", "NOSUCHTAG", "condition", "GOOD")).status()).isEqualTo(404);
        assertThat(status(tag)).isEqualTo("ON_LOAN");
    }

    @Test
    void badAgreementsAreRefusedNamingTheField() {
        String tag = device(COLLEGE, "LAPTOP");
        long family = family(COLLEGE);
        Map<String, Object> body = Builders.agreement(family, COLLEGE, List.of(tag), UUID.randomUUID().toString());
        body.put("dueDate", LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(1).toString());
        Reply past = api.post("/api/agreements", body);
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.error()).isEqualTo("due_date_in_past");

        body = Builders.agreement(family, COLLEGE, List.of(tag, tag), UUID.randomUUID().toString());
        assertThat(api.post("/api/agreements", body).field()).isEqualTo("assetTags[1]");
        body = Builders.agreement(family, COLLEGE, List.of(), UUID.randomUUID().toString());
        assertThat(api.post("/api/agreements", body).field()).isEqualTo("assetTags");
        body = Builders.agreement(family, COLLEGE, List.of(tag), UUID.randomUUID().toString());
        body.remove("idempotencyKey");
        assertThat(api.post("/api/agreements", body).field()).isEqualTo("idempotencyKey");
        body = Builders.agreement(family, COLLEGE, List.of(tag), UUID.randomUUID().toString());
        body.put("dueDate", "31/12/2027");
        assertThat(api.post("/api/agreements", body).field()).isEqualTo("dueDate");
        body = Builders.agreement(999_999, COLLEGE, List.of(tag), UUID.randomUUID().toString());
        Reply unknownFamily = api.post("/api/agreements", body);
        assertThat(unknownFamily.status()).isEqualTo(404);
        assertThat(unknownFamily.error()).isEqualTo("unknown_family");
        body = Builders.agreement(family, COLLEGE, List.of("NOSUCHTAG"), UUID.randomUUID().toString());
        Reply unknownDevice = api.post("/api/agreements", body);
        assertThat(unknownDevice.status()).isEqualTo(404);
        assertThat(unknownDevice.field()).isEqualTo("assetTags[0]");
        assertThat(status(tag)).isEqualTo("AVAILABLE");
    }

    @Test
    void anUnknownAgreementIsNotFound() {
        Reply reply = api.get("/api/agreements/AGR-2026-999999");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("unknown_agreement");
    }
}
