package fr.ecole.lending.agreements;

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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Devices moving between a funder's pools, and the end-of-year campaign of a school. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CampaignIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String OTHER_COLLEGE = "0350734H";
    static Api api;

    @BeforeAll
    static void client() {
        api = new Api(APP);
    }

    static String device(String fundedBy) {
        Map<String, Object> body = Builders.laptop();
        if (fundedBy != null) {
            body.put("fundedBy", fundedBy);
        }
        return api.post("/api/establishments/" + COLLEGE + "/devices", body).json().path("assetTag").asText();
    }

    static Map<String, Object> to(String uai) {
        return Map.of("uai", uai, "note", "Rééquilibrage des parcs");
    }

    @Test
    void aDeviceMovesBetweenPoolsOfItsFunderOnly() {
        String tag = device("departement:035");
        Reply moved = api.post("/api/devices/" + tag + "/transfer", to(OTHER_COLLEGE));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().path("uai").asText()).isEqualTo(OTHER_COLLEGE);
        JsonNode last = api.get("/api/devices/" + tag + "/history").json().path("items").get(1);
        assertThat(last.path("event").asText()).isEqualTo("TRANSFERRED");
        assertThat(last.path("note").asText()).contains(COLLEGE, OTHER_COLLEGE);

        assertThat(api.post("/api/devices/" + device(null) + "/transfer", to(OTHER_COLLEGE)).error()).isEqualTo("no_funder");
        assertThat(api.post("/api/devices/" + device("commune:35238") + "/transfer", to("0350122T")).error())
                .as("a school of Baulon is not in Rennes' territory").isEqualTo("other_funder");
        String lent = device("departement:035");
        long family = api.post("/api/families", Builders.family("Famille Mobile", COLLEGE)).json().path("id").asLong();
        api.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(lent), UUID.randomUUID().toString()));
        assertThat(api.post("/api/devices/" + lent + "/transfer", to(OTHER_COLLEGE)).error()).isEqualTo("device_on_loan");
        assertThat(api.post("/api/devices/" + tag + "/transfer", to("0350734X")).error()).isEqualTo("invalid_uai");
    }

    @Test
    void atTheStartOfTheYearThePoolIsLentDownTheWaitingList() {
        String school = "0352810P";
        long first = api.post("/api/families", Builders.family("Famille Prioritaire", school)).json().path("id").asLong();
        long second = api.post("/api/families", Builders.family("Famille Suivante", school)).json().path("id").asLong();
        api.post("/api/families/" + first + "/diagnostics", Map.of("answers",
                Builders.answers().put("referral", "ASSOCIATION").put("qpv", true)));
        api.post("/api/families/" + second + "/diagnostics", Map.of("answers", Builders.answers()));
        String laptop = api.post("/api/establishments/" + school + "/devices", Builders.laptop()).json().path("assetTag").asText();
        String headset = api.post("/api/establishments/" + school + "/devices", Builders.device("HEADSET")).json()
                .path("assetTag").asText();

        Reply reissued = api.post("/api/establishments/" + school + "/campaign/reissue",
                Map.of("dueDate", LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(9).toString()));
        assertThat(reissued.status()).as(reissued.text()).isEqualTo(200);
        JsonNode lent = reissued.json().path("lent");
        assertThat(lent).hasSize(1);
        assertThat(lent.get(0).path("familyId").asLong()).isEqualTo(first);
        assertThat(lent.get(0).path("diagnosticId").isNull()).as("lent on the diagnostic, no override").isFalse();
        assertThat(lent.get(0).path("loans")).extracting(l -> l.path("assetTag").asText()).containsExactlyInAnyOrder(laptop, headset);
        assertThat(reissued.json().path("stillWaiting")).extracting(JsonNode::asLong).containsExactly(second);
        assertThat(api.get("/api/establishments/" + school + "/waiting-list").json().path("items"))
                .extracting(f -> f.path("familyId").asLong()).containsExactly(second);
    }

    @Test
    void pupilsMoveUpAClassAndOnToTheirNextSchool() {
        String ecole = "0352668K";
        Map<String, Object> body = Builders.family("Famille Rentrée", ecole, ecole, ecole);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pupils = (List<Map<String, Object>>) body.get("pupils");
        pupils.get(0).put("level", "CM2");
        pupils.get(1).put("level", "CE1");
        pupils.get(2).put("level", "ULIS");
        long family = api.post("/api/families", body).json().path("id").asLong();

        assertThat(api.post("/api/establishments/" + ecole + "/promotions", Map.of("nextSchools",
                Map.of("CM2", "0350734X"))).field()).isEqualTo("nextSchools.CM2");
        Reply done = api.post("/api/establishments/" + ecole + "/promotions", Map.of("nextSchools",
                Map.of("CM2", OTHER_COLLEGE)));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.json().path("promoted").asInt()).isEqualTo(1);
        assertThat(done.json().path("changedSchool").asInt()).isEqualTo(1);
        assertThat(done.json().path("notMoved")).extracting(n -> n.path("level").asText()).containsExactly("ULIS");

        Reply again = api.post("/api/establishments/" + ecole + "/promotions", Map.of("nextSchools",
                Map.of("CM2", OTHER_COLLEGE)));
        assertThat(again.status()).as("a double click moves nobody twice").isEqualTo(409);
        assertThat(again.error()).isEqualTo("already_promoted");

        JsonNode moved = api.get("/api/families/" + family).json().path("pupils");
        assertThat(moved.get(0).path("level").asText()).isEqualTo("6E");
        assertThat(moved.get(0).path("uai").asText()).isEqualTo(OTHER_COLLEGE);
        assertThat(moved.get(1).path("level").asText()).isEqualTo("CE2");
        assertThat(moved.get(1).path("uai").asText()).isEqualTo(ecole);
        assertThat(moved.get(2).path("level").asText()).isEqualTo("ULIS");
    }

    @Test
    void theCampaignRenewsOnANewDiagnosticAndListsTheDevicesToCollect() {
        long renewed = api.post("/api/families", Builders.family("Famille Renouvelée", COLLEGE)).json().path("id").asLong();
        long leaving = api.post("/api/families", Builders.family("Famille Partante", COLLEGE)).json().path("id").asLong();
        String first = device(null);
        String second = device(null);
        String keep = api.post("/api/agreements", Builders.agreement(renewed, COLLEGE, List.of(first),
                UUID.randomUUID().toString())).json().path("number").asText();
        String collect = api.post("/api/agreements", Builders.agreement(leaving, COLLEGE, List.of(second),
                UUID.randomUUID().toString())).json().path("number").asText();
        api.post("/api/families/" + renewed + "/diagnostics", Map.of("answers", Builders.answers()));

        JsonNode campaign = api.get("/api/establishments/" + COLLEGE + "/campaign").json();
        assertThat(campaign.path("renewable")).extracting(a -> a.path("number").asText()).contains(keep).doesNotContain(collect);
        JsonNode toCollect = campaign.path("toCollect");
        assertThat(toCollect).extracting(a -> a.path("number").asText()).contains(collect);
        for (JsonNode agreement : toCollect) {
            if (agreement.path("number").asText().equals(collect)) {
                assertThat(agreement.path("devicesOut")).extracting(JsonNode::asText).containsExactly(second);
            }
        }

        LocalDate nextYear = LocalDate.now(ZoneId.of("Europe/Paris")).plusYears(1);
        api.post("/api/returns", Map.of("assetTag", second, "condition", "GOOD"));
        Reply refused = api.post("/api/establishments/" + COLLEGE + "/campaign/renewals",
                Map.of("dueDate", nextYear.toString(), "numbers", List.of(keep, collect)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.field()).isEqualTo("numbers[1]");
        assertThat(api.get("/api/agreements/" + keep).json().path("dueDate").asText())
                .as("all or none").isNotEqualTo(nextYear.toString());

        Reply done = api.post("/api/establishments/" + COLLEGE + "/campaign/renewals",
                Map.of("dueDate", nextYear.toString(), "numbers", List.of(keep)));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(api.get("/api/agreements/" + keep).json().path("dueDate").asText()).isEqualTo(nextYear.toString());
    }
}
