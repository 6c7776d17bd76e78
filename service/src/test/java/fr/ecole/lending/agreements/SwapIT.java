package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
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
 * Issue 23: a device swapped within an agreement. The one handed back is returned with its state,
 * one of the same kind is lent in its place under the same agreement and due date, in one
 * transaction, printed as an amendment; every refusal leaves loans, returns and swaps as they were.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SwapIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api admin;
    static Api desk;
    static long family;

    @BeforeAll
    static void theCollegesDesk() {
        admin = new Api(APP);
        desk = admin.desk(COLLEGE);
        family = desk.post("/api/families", Builders.family("Famille " + UUID.randomUUID(), COLLEGE)).expect(201)
                .path("id").asLong();
    }

    static String device(String kind, String uai) {
        return admin.post("/api/establishments/" + uai + "/devices", Builders.device(kind)).expect(201)
                .path("assetTag").asText();
    }

    static JsonNode lend(String... tags) {
        return desk.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tags),
                UUID.randomUUID().toString())).expect(201);
    }

    static Map<String, Object> swap(String out, String in, String condition) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("out", out);
        body.put("in", in);
        body.put("condition", condition);
        return body;
    }

    static long count(String sql, Object... values) {
        return LendingChecks.count(APP.getConfiguration().getDataSourceFactory().getUrl(), sql, values);
    }

    static long openLoans(String tag) {
        return LendingChecks.openLoans(APP.getConfiguration().getDataSourceFactory().getUrl(), tag);
    }

    /** Loans, returns, swaps and the devices' statuses: what a refused swap must leave as it was. */
    static String state(String... tags) {
        StringBuilder out = new StringBuilder(count("SELECT COUNT(*) FROM loans") + "/"
                + count("SELECT COUNT(*) FROM returns") + "/" + count("SELECT COUNT(*) FROM agreement_swaps")
                + "/" + count("SELECT COUNT(*) FROM device_events"));
        for (String tag : tags) {
            out.append(' ').append(admin.get("/api/devices/" + tag).json().path("status").asText());
        }
        return out.toString();
    }

    @Test
    void theOnlyDeviceOfAnAgreementSwappedBrokenGoesToRepairAndItsReplacementIsLentUntilTheSameDate() {
        String broken = device("LAPTOP", COLLEGE);
        String replacement = device("LAPTOP", COLLEGE);
        JsonNode agreement = lend(broken);
        String number = agreement.path("number").asText();
        Map<String, Object> body = swap(broken, replacement, "BROKEN");
        body.put("missingAccessories", List.of("chargeur"));
        body.put("note", "Écran fissuré");

        JsonNode swapped = desk.post("/api/agreements/" + number + "/swap", body).expect(200);

        assertThat(swapped.path("number").asInt()).isEqualTo(1);
        assertThat(swapped.path("outStatus").asText()).isEqualTo("IN_REPAIR");
        assertThat(swapped.path("dueDate").asText()).isEqualTo(agreement.path("dueDate").asText());
        JsonNode out = desk.get("/api/devices/" + broken).expect(200);
        assertThat(out.path("status").asText()).isEqualTo("IN_REPAIR");
        assertThat(out.path("openLoan").isNull()).isTrue();
        JsonNode in = desk.get("/api/devices/" + replacement).expect(200);
        assertThat(in.path("status").asText()).isEqualTo("ON_LOAN");
        assertThat(in.path("openLoan").path("agreementNumber").asText()).isEqualTo(number);
        assertThat(in.path("openLoan").path("dueDate").asText()).isEqualTo(agreement.path("dueDate").asText());
        JsonNode after = desk.get("/api/agreements/" + number).expect(200);
        assertThat(after.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.path("loans")).hasSize(2);
        assertThat(openLoans(broken)).isZero();
        assertThat(openLoans(replacement)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM returns r JOIN loans l ON l.id = r.loan_id JOIN devices d "
                + "ON d.id = l.device_id WHERE d.asset_tag = ? AND r.condition = 'BROKEN'", broken)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM agreement_swaps s JOIN agreements a ON a.id = s.agreement_id "
                + "WHERE a.number = ?", number)).isEqualTo(1);
        assertThat(desk.get("/api/devices/" + broken + "/repairs").text()).contains("Écran fissuré");

        String amendment = desk.pdfText(swapped.path("amendment").asText()).replaceAll("\\s+", " ");
        assertThat(amendment).contains("Avenant d'échange n° 1", number, broken, replacement, "hors d'usage",
                "du même type");
        assertThat(swapped.path("amendment").asText()).isEqualTo("/api/agreements/" + number + "/swaps/1.pdf");
        // the family's export lists the swap and its amendment
        String export = desk.get("/api/families/" + family + "/export").text();
        assertThat(export).contains("\"swaps\"", "/api/agreements/" + number + "/swaps/1.pdf");
    }

    @Test
    void aSwapInABundleKeepsTheOtherDevicesAndNumbersItsAmendments() {
        String laptop = device("LAPTOP", COLLEGE);
        String headset = device("HEADSET", COLLEGE);
        String second = device("LAPTOP", COLLEGE);
        String third = device("LAPTOP", COLLEGE);
        String number = lend(laptop, headset).path("number").asText();
        desk.post("/api/agreements/" + number + "/swap", swap(laptop, second, "DAMAGED")).expect(200);
        JsonNode again = admin.post("/api/agreements/" + number + "/swap", swap(second, third, "GOOD")).expect(200);

        assertThat(again.path("number").asInt()).isEqualTo(2);
        assertThat(again.path("outStatus").asText()).isEqualTo("AVAILABLE");
        assertThat(desk.get("/api/devices/" + laptop).json().path("needsWipe").asBoolean()).isTrue();
        assertThat(openLoans(headset)).isEqualTo(1);
        assertThat(openLoans(third)).isEqualTo(1);
        assertThat(openLoans(laptop) + openLoans(second)).isZero();
        assertThat(desk.pdfText("/api/agreements/" + number + "/swaps/2.pdf")).contains(second, third);
        assertThat(desk.get("/api/agreements/" + number + "/swaps/3.pdf").status()).isEqualTo(404);
    }

    @Test
    void everyRefusalNamesItsFieldAndChangesNothing() {
        String out = device("LAPTOP", COLLEGE);
        String spare = device("LAPTOP", COLLEGE);
        String headset = device("HEADSET", COLLEGE);
        String elsewhere = device("LAPTOP", COLLEGE);
        String lycees = device("LAPTOP", LYCEE);
        String number = lend(out).path("number").asText();
        lend(elsewhere);
        String closedOut = device("LAPTOP", COLLEGE);
        String closed = lend(closedOut).path("number").asText();
        desk.post("/api/returns", Map.of("assetTag", closedOut, "condition", "GOOD")).expect(200);
        String path = "/api/agreements/" + number + "/swap";
        String before = state(out, spare, headset, elsewhere, lycees);

        refused(desk.post(path, swap("INCONNU-42", spare, "GOOD")), 404, "unknown_device", "out");
        refused(desk.post(path, swap(out, "INCONNU-43", "GOOD")), 404, "unknown_device", "in");
        refused(desk.post(path, swap(out, lycees, "GOOD")), 404, "unknown_device", "in");
        refused(desk.post(path, swap(out, headset, "BROKEN")), 409, "different_kind", "in");
        refused(desk.post(path, swap(out, elsewhere, "BROKEN")), 409, "device_unavailable", "in");
        refused(desk.post(path, swap(elsewhere, spare, "BROKEN")), 409, "not_on_agreement", "out");
        refused(desk.post(path, swap(spare, out, "BROKEN")), 409, "not_on_agreement", "out");
        refused(desk.post(path, swap(out, out.toLowerCase(), "BROKEN")), 422, "same_device", "in");
        refused(desk.post(path, Map.of("out", out, "in", spare)), 422, "missing_value", "condition");
        refused(desk.post(path, swap(out, spare, "LOST")), 422, null, "condition");
        refused(admin.post(path, Map.of("out", out, "in", spare, "condition", "GOOD", "missingAccessories",
                List.of("souris"))), 422, "unknown_accessory", "missingAccessories[0]");
        refused(desk.post("/api/agreements/" + closed + "/swap", swap(closedOut, spare, "GOOD")), 409,
                "agreement_closed", "number");
        refused(desk.post("/api/agreements/AGR-2020-999999/swap", swap(out, spare, "GOOD")), 404,
                "unknown_agreement", "number");
        Api lyceesDesk = admin.desk(LYCEE);
        refused(lyceesDesk.post(path, swap(out, spare, "GOOD")), 404, "unknown_agreement", "number");
        assertThat(lyceesDesk.get("/api/agreements/" + number + "/swaps/1.pdf").status()).isEqualTo(404);

        assertThat(state(out, spare, headset, elsewhere, lycees)).isEqualTo(before);
        assertThat(openLoans(out)).isEqualTo(1);
        assertThat(desk.get("/api/agreements/" + number + "/swaps/1.pdf").error()).isEqualTo("unknown_amendment");
    }

    static void refused(Reply reply, int status, String error, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        if (error != null) {
            assertThat(reply.error()).as(reply.text()).isEqualTo(error);
        }
        assertThat(reply.field()).as(reply.text()).isEqualTo(field);
    }
}
