package fr.ecole.lending.devices;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class DeviceIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api api;

    @BeforeAll
    static void client() {
        api = new Api(APP);
    }

    static Reply create(String uai, Map<String, Object> body) {
        return api.post("/api/establishments/" + uai + "/devices", body);
    }

    @Test
    void aNewDeviceGetsAGeneratedTagWithItsCheckCharacterAndIsAvailable() {
        Map<String, Object> body = Builders.laptop();
        body.put("fundedBy", "departement:035");
        Reply reply = create(COLLEGE, body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        String tag = reply.json().path("assetTag").asText();
        assertThat(AssetTags.hasValidCheck(tag)).as(tag).isTrue();
        assertThat(reply.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/devices/" + tag));
        JsonNode device = api.get("/api/devices/" + tag).json();
        assertThat(device.path("uai").asText()).isEqualTo(COLLEGE);
        assertThat(device.path("kind").asText()).isEqualTo("LAPTOP");
        assertThat(device.path("serial").asText()).isEqualTo(body.get("serial"));
        assertThat(device.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(device.path("fundedBy").asText()).isEqualTo("departement:035");
        assertThat(device.path("accessories")).extracting(JsonNode::asText).containsExactly("chargeur");
        assertThat(device.has("openLoan")).isTrue();
        assertThat(device.path("openLoan").isNull()).isTrue();
    }

    @Test
    void aTagTheSchoolSuppliesIsKeptAndMustBeUnique() {
        Map<String, Object> body = Builders.laptop();
        body.put("assetTag", "INV-2021.0042");
        assertThat(create(COLLEGE, body).json().path("assetTag").asText()).isEqualTo("INV-2021.0042");

        Map<String, Object> again = Builders.laptop();
        again.put("assetTag", "INV-2021.0042");
        Reply duplicate = create(ECOLE, again);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("duplicate_asset_tag");
        assertThat(duplicate.field()).isEqualTo("assetTag");

        Map<String, Object> sameInOtherCase = Builders.laptop();
        sameInOtherCase.put("assetTag", "inv-2021.0042");
        assertThat(create(ECOLE, sameInOtherCase).error()).isEqualTo("duplicate_asset_tag");
        assertThat(api.get("/api/devices/inv-2021.0042").json().path("assetTag").asText())
                .as("a tag typed in another case finds its device").isEqualTo("INV-2021.0042");

        Map<String, Object> withSlash = Builders.laptop();
        withSlash.put("assetTag", "INV/2024/17");
        assertThat(create(COLLEGE, withSlash).error()).as("a tag must sit in a URL as it is").isEqualTo("invalid_asset_tag");

        Map<String, Object> agreementLike = Builders.laptop();
        agreementLike.put("assetTag", "AGR-2026-000001");
        Reply refused = create(COLLEGE, agreementLike);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error()).isEqualTo("invalid_asset_tag");
    }

    @Test
    void aSerialIsRegisteredOnceAndTheAnswerNamesTheDeviceThatHasIt() {
        Map<String, Object> body = Builders.laptop();
        String tag = create(COLLEGE, body).json().path("assetTag").asText();
        Reply duplicate = create(COLLEGE, body);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("duplicate_serial");
        assertThat(duplicate.json().path("message").asText()).contains(tag);
    }

    /**
     * Issue 15, finding 8: the duplicate_serial message named the tag of the device holding the
     * serial, whichever school it belongs to, so a desk could read other schools' tags by trying
     * serials. It names a tag only when that device is in the caller's own pool.
     */
    @Test
    void duplicateSerialDoesNotNameAnotherSchoolsTag() {
        Map<String, Object> body = Builders.laptop();
        String otherSchoolsTag = create(ECOLE, body).json().path("assetTag").asText();
        Api collegeDesk = api.desk(COLLEGE);
        Reply duplicate = collegeDesk.post("/api/establishments/" + COLLEGE + "/devices", body);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("duplicate_serial");
        assertThat(duplicate.field()).isEqualTo("serial");
        assertThat(duplicate.json().path("message").asText()).doesNotContain(otherSchoolsTag)
                .contains(String.valueOf(body.get("serial")));

        String csv = "kind;serial;model\nLAPTOP;" + body.get("serial") + ";Modèle\n";
        Reply imported = collegeDesk.postRaw("/api/establishments/" + COLLEGE + "/imports/devices", "text/csv",
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().path("rejected")).hasSize(1);
        assertThat(imported.text()).doesNotContain(otherSchoolsTag);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDongleNeedsItsSimAndOtherDevicesHaveNone() {
        Map<String, Object> dongle = Builders.device("DONGLE_4G");
        Reply created = create(COLLEGE, dongle);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("sim").path("dataPlanGb").asInt()).isEqualTo(50);
        assertThat(created.json().path("sim").path("phone").asText()).isEqualTo("0712345678");

        dongle = Builders.device("DONGLE_4G");
        dongle.remove("sim");
        Reply noSim = create(COLLEGE, dongle);
        assertThat(noSim.status()).isEqualTo(422);
        assertThat(noSim.field()).isEqualTo("sim");

        Map<String, Object> laptop = Builders.laptop();
        laptop.put("sim", Builders.sim(LocalDate.now().plusYears(1)));
        assertThat(create(COLLEGE, laptop).field()).isEqualTo("sim");

        dongle = Builders.device("DONGLE_4G");
        Map<String, Object> sim = (Map<String, Object>) dongle.get("sim");
        sim.put("iccid", "1234");
        assertThat(create(COLLEGE, dongle).field()).isEqualTo("sim.iccid");

        // a date Java reads but no desk means, and no ten-character column holds
        for (String planEnds : List.of("+99999-01-01", "1999-12-31", "2026-02-30")) {
            dongle = Builders.device("DONGLE_4G");
            ((Map<String, Object>) dongle.get("sim")).put("planEnds", planEnds);
            Reply refused = create(COLLEGE, dongle);
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat(refused.error()).isEqualTo("invalid_value");
            assertThat(refused.field()).isEqualTo("sim.planEnds");
        }
    }

    @Test
    void aHeadsetNeedsNoSerial() {
        Map<String, Object> headset = Builders.device("HEADSET");
        headset.remove("serial");
        Reply reply = create(COLLEGE, headset);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.json().path("serial").isNull()).isTrue();
    }

    @Test
    void badDevicesAreRefusedNamingTheFieldAndNothingIsCreated() {
        String before = api.get("/api/establishments/" + ECOLE + "/devices?limit=500").text();
        Map<String, Object> body = Builders.laptop();
        body.put("kind", "PHONE");
        assertThat(create(ECOLE, body).field()).isEqualTo("kind");
        body = Builders.laptop();
        body.remove("model");
        assertThat(create(ECOLE, body).field()).isEqualTo("model");
        body = Builders.laptop();
        body.put("fundedBy", "mairie");
        assertThat(create(ECOLE, body).field()).isEqualTo("fundedBy");
        body = Builders.laptop();
        body.put("colour", "grey");
        assertThat(create(ECOLE, body).field()).isEqualTo("colour");
        assertThat(create("0000001B", Builders.laptop()).status()).as("unknown school").isEqualTo(404);
        assertThat(create("0000001C", Builders.laptop()).error()).isEqualTo("invalid_uai");
        assertThat(api.get("/api/establishments/" + ECOLE + "/devices?limit=500").text()).isEqualTo(before);
    }

    @Test
    void theListFiltersByStatusAndKindAndPagesWithACursor() {
        String school = "0352668K";
        List<String> laptops = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            laptops.add(create(school, Builders.laptop()).json().path("assetTag").asText());
        }
        create(school, Builders.device("HEADSET"));
        api.patch("/api/devices/" + laptops.get(0), Map.of("status", "IN_REPAIR"));

        assertThat(api.get("/api/establishments/" + school + "/devices?kind=HEADSET").json().path("items")).hasSize(1);
        assertThat(api.get("/api/establishments/" + school + "/devices?status=IN_REPAIR").json().path("items"))
                .extracting(node -> node.path("assetTag").asText()).containsExactly(laptops.get(0));

        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = api.get("/api/establishments/" + school + "/devices?kind=LAPTOP&limit=2&cursor=" + cursor).json();
            page.path("items").forEach(item -> seen.add(item.path("assetTag").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(laptops);
        assertThat(pages).isEqualTo(3);

        assertThat(api.get("/api/establishments/" + school + "/devices?status=BROKEN").field()).isEqualTo("status");
        assertThat(api.get("/api/establishments/" + school + "/devices?limit=501").field()).isEqualTo("limit");
    }

    @Test
    void statusChangesFollowTheRulesAndTellTheDevicesHistory() {
        String tag = create(COLLEGE, Builders.laptop()).json().path("assetTag").asText();
        assertThat(api.patch("/api/devices/" + tag, Map.of("status", "IN_REPAIR", "note", "écran cassé"))
                .json().path("status").asText()).isEqualTo("IN_REPAIR");
        assertThat(api.patch("/api/devices/" + tag, Map.of("status", "AVAILABLE")).json().path("status").asText())
                .isEqualTo("AVAILABLE");
        assertThat(api.patch("/api/devices/" + tag, Map.of("status", "RETIRED")).status()).isEqualTo(200);
        Reply back = api.patch("/api/devices/" + tag, Map.of("status", "AVAILABLE"));
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.error()).isEqualTo("device_retired");
        assertThat(api.patch("/api/devices/" + tag, Map.of("status", "ON_LOAN")).status()).isEqualTo(422);
        String other = create(COLLEGE, Builders.laptop()).json().path("assetTag").asText();
        assertThat(api.patch("/api/devices/" + other, Map.of("status", "LOST")).field())
                .as("a loss is declared with its reason").isEqualTo("note");
        assertThat(api.patch("/api/devices/" + tag, Map.of("status", "GONE")).field()).isEqualTo("status");

        JsonNode history = api.get("/api/devices/" + tag + "/history").json().path("items");
        assertThat(history).extracting(node -> node.path("event").asText())
                .containsExactly("CREATED", "REPAIR_OUT", "REPAIR_BACK", "RETIRED");
        assertThat(history.get(1).path("note").asText()).isEqualTo("écran cassé");
        assertThat(history.get(1).path("actor").asText()).isEqualTo("admin");
    }

    @Test
    void anUnknownTagIsNotFound() {
        Reply reply = api.get("/api/devices/NOSUCHTAG");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("unknown_device");
        assertThat(api.patch("/api/devices/NOSUCHTAG", Map.of("status", "LOST", "note", "x")).status()).isEqualTo(404);
        assertThat(api.get("/api/devices/NOSUCHTAG/history").status()).isEqualTo(404);
    }
}
