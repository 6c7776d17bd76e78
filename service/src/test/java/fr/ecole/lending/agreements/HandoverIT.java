package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.LendingChecks;
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
 * Issue 23: a loan that follows its pupil. The école hands a CM2 pupil's agreement to the collège
 * after the yearly promotions: one open loan per device, a new agreement at the collège until the same
 * date, an amendment; each device changes pool when its funder pays for the collège, or stays the
 * école's, held by the collège. Every refusal says why and changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HandoverIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    /** A collège in another commune (Bréal-sous-Montfort): outside the commune of Rennes' territory. */
    static final String OTHER_COMMUNE_COLLEGE = "0352958A";
    static Api admin;
    static Api ecole;
    static Api college;

    @BeforeAll
    static void desks() {
        admin = new Api(APP);
        ecole = admin.desk(ECOLE);
        college = admin.desk(COLLEGE);
    }

    static long family(Map<String, String> pupils) {
        return admin.post("/api/families", Builders.familyInClasses("Famille " + UUID.randomUUID(), pupils)).expect(201)
                .path("id").asLong();
    }

    static String device(String kind, String fundedBy) {
        return admin.post("/api/establishments/" + ECOLE + "/devices", Builders.device(kind, fundedBy)).expect(201)
                .path("assetTag").asText();
    }

    static JsonNode lend(long family, String... tags) {
        return ecole.post("/api/agreements", Builders.agreement(family, ECOLE, List.of(tags),
                UUID.randomUUID().toString())).expect(201);
    }

    static Map<String, Object> to(String uai, String... tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("toUai", uai);
        if (tags.length > 0) {
            body.put("assetTags", List.of(tags));
        }
        return body;
    }

    static long count(String sql, Object... values) {
        return LendingChecks.count(APP.getConfiguration().getDataSourceFactory().getUrl(), sql, values);
    }

    static long openLoans(String tag) {
        return LendingChecks.openLoans(APP.getConfiguration().getDataSourceFactory().getUrl(), tag);
    }

    /** Agreements, loans, handovers, events, and where each device belongs: what a refusal leaves as it was. */
    static String state(String... tags) {
        StringBuilder out = new StringBuilder(count("SELECT COUNT(*) FROM agreements") + "/"
                + count("SELECT COUNT(*) FROM loans") + "/" + count("SELECT COUNT(*) FROM agreement_handovers")
                + "/" + count("SELECT COUNT(*) FROM handover_loans") + "/" + count("SELECT COUNT(*) FROM device_events"));
        for (String tag : tags) {
            JsonNode device = admin.get("/api/devices/" + tag).json();
            out.append(' ').append(device.path("uai").asText()).append(':').append(device.path("openLoan")
                    .path("agreementNumber").asText());
        }
        return out.toString();
    }

    @Test
    void aCm2PupilsAgreementFollowsThePupilToTheCollegeAfterThePromotions() {
        long family = family(Map.of("CM2", ECOLE));
        String laptop = device("LAPTOP", "commune:35238");
        String dongle = device("DONGLE_4G", "departement:035");
        String headset = device("HEADSET", null);
        JsonNode lent = lend(family, laptop, dongle, headset);
        String first = lent.path("number").asText();

        JsonNode promoted = ecole.post("/api/establishments/" + ECOLE + "/promotions",
                Map.of("nextSchools", Map.of("CM2", COLLEGE))).expect(200);
        assertThat(promoted.path("handoversToOffer").asInt()).isPositive();
        JsonNode offers = ecole.get(promoted.path("handoverOffers").asText()).expect(200).path("items");
        JsonNode offer = null;
        for (JsonNode o : offers) {
            if (o.path("agreementNumber").asText().equals(first)) {
                offer = o;
            }
        }
        assertThat(offer).as("offered after the promotions: %s", offers).isNotNull();
        assertThat(offer.path("newSchools").get(0).path("uai").asText()).isEqualTo(COLLEGE);

        JsonNode handed = ecole.post(offer.path("handover").asText(), to(COLLEGE)).expect(200);

        String second = handed.path("number").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(handed.path("uai").asText()).isEqualTo(COLLEGE);
        assertThat(handed.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(handed.path("dueDate").asText()).isEqualTo(lent.path("dueDate").asText());
        assertThat(handed.path("loans")).hasSize(3);
        for (String tag : List.of(laptop, dongle, headset)) {
            assertThat(openLoans(tag)).as(tag).isEqualTo(1);
            assertThat(college.get("/api/devices/" + tag).expect(200).path("openLoan").path("agreementNumber")
                    .asText()).isEqualTo(second);
        }
        assertThat(ecole.get("/api/agreements/" + first).expect(200).path("status").asText()).isEqualTo("CLOSED");
        assertThat(college.get("/api/agreements/" + second).expect(200).path("familyId").asLong()).isEqualTo(family);
        assertThat(ecole.get("/api/agreements/" + second).status()).isEqualTo(404);

        // the département pays for its collèges: its dongle joins the collège's pool; the commune's laptop and
        // the école's own headset stay the école's, held by the collège
        assertThat(admin.get("/api/devices/" + dongle).json().path("uai").asText()).isEqualTo(COLLEGE);
        assertThat(admin.get("/api/devices/" + laptop).json().path("uai").asText()).isEqualTo(ECOLE);
        assertThat(admin.get("/api/devices/" + headset).json().path("uai").asText()).isEqualTo(ECOLE);
        String held = college.get("/api/establishments/" + COLLEGE + "/devices/held").expect(200).toString();
        assertThat(held).contains(laptop, headset).doesNotContain(dongle);
        assertThat(ecole.get("/api/establishments/" + ECOLE + "/devices?status=ON_LOAN").expect(200).toString())
                .contains(laptop, headset).doesNotContain(dongle);

        JsonNode listed = ecole.get("/api/agreements/" + first + "/handovers").expect(200).path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("toAgreement").asText()).isEqualTo(second);
        // the collège prints the amendment from its own agreement's listing, at the one address both schools use
        String address = college.get("/api/agreements/" + second + "/handovers").expect(200).path("items").get(0)
                .path("amendment").asText();
        assertThat(address).isEqualTo("/api/agreements/" + first + "/handovers/1.pdf");
        String amendment = college.pdfText(address).replaceAll("\\s+", " ");
        assertThat(amendment).contains("Avenant de passation n° 1", first, second, laptop, dongle, headset,
                "reste la propriété de", "rejoint le parc de");
        assertThat(ecole.pdfText(listed.get(0).path("amendment").asText())).contains("Avenant de passation");
        assertThat(admin.get("/api/families/" + family + "/export").text()).contains("\"handovers\"",
                "/api/agreements/" + first + "/handovers/1.pdf");

        // a second click gives the same agreement back and hands nothing twice
        String before = state(laptop, dongle, headset);
        JsonNode again = ecole.post("/api/agreements/" + first + "/handover", to(COLLEGE)).expect(200);
        assertThat(again.path("number").asText()).isEqualTo(second);
        assertThat(state(laptop, dongle, headset)).isEqualTo(before);

        // the école owns the laptop but the loan is the collège's: only the collège declares it lost
        Reply lost = ecole.patch("/api/devices/" + laptop, Map.of("status", "LOST", "note", "Perdu"));
        assertThat(lost.status()).as(lost.toString()).isEqualTo(409);
        assertThat(lost.error()).isEqualTo("held_elsewhere");
        assertThat(openLoans(laptop)).isEqualTo(1);

        // the collège takes the école's laptop back: the loan ends there, and the laptop waits to go home
        college.post("/api/returns", Map.of("assetTag", laptop, "condition", "GOOD", "missingAccessories", List.of()))
                .expect(200);
        JsonNode back = admin.get("/api/devices/" + laptop).json();
        assertThat(back.path("uai").asText()).isEqualTo(ECOLE);
        assertThat(back.path("heldAt").asText()).isEqualTo(COLLEGE);
        assertThat(openLoans(laptop)).isZero();
        ecole.post("/api/devices/" + laptop + "/home", Map.of()).expect(200);
        assertThat(admin.get("/api/devices/" + laptop).json().path("heldAt").isNull()).isTrue();
    }

    @Test
    void someDevicesOfABundleFollowOnePupilAndTheRestStayWithTheSiblingAtTheEcole() {
        long family = family(Map.of("CE1", ECOLE, "6E", COLLEGE));
        String stays = device("LAPTOP", "commune:35238");
        String goes = device("DONGLE_4G", "departement:035");
        String first = lend(family, stays, goes).path("number").asText();

        JsonNode handed = ecole.post("/api/agreements/" + first + "/handover", to(COLLEGE, goes)).expect(200);

        assertThat(handed.path("loans")).hasSize(1);
        assertThat(handed.path("loans").get(0).path("assetTag").asText()).isEqualTo(goes);
        JsonNode left = ecole.get("/api/agreements/" + first).expect(200);
        assertThat(left.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(openLoans(stays)).isEqualTo(1);
        assertThat(openLoans(goes)).isEqualTo(1);
        assertThat(admin.get("/api/devices/" + stays).json().path("openLoan").path("agreementNumber").asText())
                .isEqualTo(first);

        // the rest follows later, closing the first agreement; that request sent again answers the agreement it made
        String rest = ecole.post("/api/agreements/" + first + "/handover", to(COLLEGE)).expect(200).path("number").asText();
        assertThat(rest).isNotEqualTo(handed.path("number").asText());
        assertThat(ecole.post("/api/agreements/" + first + "/handover", to(COLLEGE)).expect(200).path("number").asText())
                .isEqualTo(rest);
        assertThat(ecole.post("/api/agreements/" + first + "/handover", to(COLLEGE, goes)).expect(200).path("number")
                .asText()).isEqualTo(handed.path("number").asText());

        // the collège hands the dongle's agreement on, back to the école: its own amendment n° 1 is that one
        String back = college.post("/api/agreements/" + handed.path("number").asText() + "/handover", to(ECOLE))
                .expect(200).path("number").asText();
        String onward = college.pdfText("/api/agreements/" + handed.path("number").asText() + "/handovers/1.pdf")
                .replaceAll("\\s+", " ");
        assertThat(onward).contains("Avenant de passation n° 1 à la convention de prêt " + handed.path("number").asText(),
                back, goes).doesNotContain(stays);
        assertThat(ecole.pdfText("/api/agreements/" + first + "/handovers/2.pdf")).contains(stays);
        assertThat(college.get("/api/agreements/" + first + "/handovers/1.pdf").status())
                .as("the collège sees the amendment that brought it the dongle").isEqualTo(200);
        assertThat(admin.desk(LYCEE).get("/api/agreements/" + first + "/handovers/1.pdf").error())
                .isEqualTo("unknown_agreement");
    }

    @Test
    void aRefusedHandoverSaysWhyAndChangesNothing() {
        long family = family(Map.of("CM1", ECOLE, "6E", OTHER_COMMUNE_COLLEGE));
        String laptop = device("LAPTOP", "commune:35238");
        String other = device("LAPTOP", null);
        String number = lend(family, laptop).path("number").asText();
        String before = state(laptop, other);

        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to(OTHER_COMMUNE_COLLEGE)),
                409, "funder_forbids", "assetTags");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to("0352959C")), 422, "invalid_uai", "toUai");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to("0350001L")), 404,
                "unknown_establishment", "toUai");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to(ECOLE)), 422, "same_establishment",
                "toUai");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to(LYCEE)), 422, "not_family_school",
                "toUai");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to(OTHER_COMMUNE_COLLEGE, other)), 409,
                "not_on_agreement", "assetTags[0]");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to(OTHER_COMMUNE_COLLEGE, "ZZZZZZZZZ")),
                404, "unknown_device", "assetTags[0]");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to(OTHER_COMMUNE_COLLEGE, laptop, laptop)),
                422, "duplicate_device", "assetTags[1]");
        assertRefused(college.post("/api/agreements/" + number + "/handover", to(OTHER_COMMUNE_COLLEGE)), 404,
                "unknown_agreement", "number");
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", Map.of()), 422, "missing_value", "toUai");
        assertThat(state(laptop, other)).isEqualTo(before);

        ecole.post("/api/returns", Map.of("assetTag", laptop, "condition", "GOOD", "missingAccessories", List.of()))
                .expect(200);
        assertRefused(ecole.post("/api/agreements/" + number + "/handover", to(OTHER_COMMUNE_COLLEGE)), 409,
                "agreement_closed", "number");
    }

    static void assertRefused(Reply reply, int status, String error, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.error()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.field()).as(reply.toString()).isEqualTo(field);
        assertThat(reply.json().path("message").asText()).isNotBlank();
    }
}
