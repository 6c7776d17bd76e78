package fr.ecole.lending.diagnostics;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class DiagnosticIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final ObjectMapper JSON = new ObjectMapper();
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    static long family(String uai) {
        return admin.post("/api/families", Builders.family("Famille " + UUID.randomUUID(), uai)).json().path("id").asLong();
    }

    /** No device, no connection, good 4G, one first-level criterion: eligible, needs laptop, dongle, headset. */
    static ObjectNode needy() {
        ObjectNode answers = Builders.answers();
        answers.put("hasSmartphone", false);
        return answers;
    }

    static Reply diagnose(Api api, long familyId, JsonNode answers) {
        return api.post("/api/families/" + familyId + "/diagnostics", Map.of("answers", answers));
    }

    @Test
    void theCriteriaArePublishedWithTheirVersion() {
        JsonNode criteria = admin.get("/api/criteria").json();
        assertThat(criteria.path("version").asText()).isEqualTo("1");
        assertThat(criteria.path("criteria")).extracting(c -> c.path("id").asText())
                .contains("devicesForSchoolwork", "scholarship", "needsAdaptedEquipment", "priorityEducation");
        assertThat(criteria.path("criteria")).allSatisfy(c -> assertThat(c.has("source")).isTrue());
    }

    @Test
    void aDiagnosticIsDecidedKeptAndListed() {
        long familyId = family(COLLEGE);
        Reply made = diagnose(admin, familyId, needy());
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        JsonNode diagnostic = made.json();
        assertThat(diagnostic.path("criteriaVersion").asText()).isEqualTo("1");
        assertThat(diagnostic.path("needs")).extracting(JsonNode::asText).containsExactly("LAPTOP", "DONGLE_4G", "HEADSET");
        assertThat(diagnostic.path("eligible").asBoolean()).isTrue();
        assertThat(diagnostic.path("whiteZone").asBoolean()).isFalse();
        // 3 device needs x3 + quotient 2 + the collège's REP+ 2 + one more pupil without a device 1
        assertThat(diagnostic.path("priority").asDouble()).isEqualTo(14.0);
        assertThat(diagnostic.path("expires").asText()).endsWith("-08-31");
        assertThat(diagnostic.path("reasons")).extracting(r -> r.path("criterion").asText())
                .contains("noDevice", "connectionNeeded", "familyQuotientBelowThreshold", "priorityEducation", "eligibility");
        assertThat(made.header("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/api/families/" + familyId + "/diagnostics/" + diagnostic.path("id").asLong()));

        assertThat(admin.get("/api/families/" + familyId + "/diagnostics").json().path("items")).hasSize(1);
        assertThat(admin.get("/api/families/" + familyId + "/diagnostics/" + diagnostic.path("id").asLong()).json()
                .path("priority").asDouble()).isEqualTo(14.0);
    }

    @Test
    void badAnswersAreRefusedNamingTheFieldAndNothingIsStored() {
        long familyId = family(COLLEGE);
        assertThat(diagnose(admin, familyId, needy().put("income", 1200)).field()).isEqualTo("answers.income");
        ObjectNode missing = needy();
        missing.remove("qpv");
        assertThat(diagnose(admin, familyId, missing).field()).isEqualTo("answers.qpv");
        ObjectNode echelon = needy();
        echelon.putObject("scholarship").put("level", "COLLEGE").put("echelon", 5);
        assertThat(diagnose(admin, familyId, echelon).field()).isEqualTo("answers.scholarship.echelon");
        assertThat(admin.post("/api/families/" + familyId + "/diagnostics", "{}").field()).isEqualTo("answers");
        assertThat(admin.post("/api/families/" + familyId + "/diagnostics", "{\"answers\": {}, \"note\": 1}").field())
                .isEqualTo("note");
        assertThat(admin.get("/api/families/" + familyId + "/diagnostics").expect(200).path("items")).isEmpty();
        assertThat(diagnose(admin, 999_999, needy()).status()).isEqualTo(404);
    }

    @Test
    void anEligibilityCheckDecidesAndStoresNothing() {
        int before = admin.get("/api/audit?entity=DIAGNOSTIC&limit=500").json().path("items").size();
        Reply check = admin.post("/api/eligibility", Map.of("answers", needy(), "uai", ECOLE));
        assertThat(check.status()).as(check.text()).isEqualTo(200);
        assertThat(check.json().path("eligible").asBoolean()).isTrue();
        assertThat(check.json().has("id")).isFalse();
        assertThat(admin.get("/api/audit?entity=DIAGNOSTIC&limit=500").json().path("items")).hasSize(before);
        assertThat(admin.post("/api/eligibility", Map.of("answers", needy(), "uai", "0350963H")).error()).isEqualTo("invalid_uai");
        assertThat(admin.post("/api/eligibility", Map.of("answers", needy())).field()).isEqualTo("uai");
    }

    @Test
    void anUnknownCoverageTakesTheCommunesReferenceOnceImported() {
        ObjectNode answers = needy().put("mobile4g", "UNKNOWN");
        Reply unknown = admin.post("/api/eligibility", Map.of("answers", answers, "uai", COLLEGE, "communeInsee", "35016"));
        assertThat(unknown.json().path("reasons")).extracting(r -> r.path("criterion").asText()).contains("coverage_unknown");

        Reply imported = admin.postRaw("/api/imports/coverage", "text/csv",
                "code_insee;niveau_4g\n35016;couverture limitée\n35238;VERY_GOOD\n3501;GOOD\n35001;EXCELLENT\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().path("saved").asInt()).isEqualTo(2);
        assertThat(imported.json().path("rejected")).extracting(r -> r.path("line").asInt()).containsExactly(4, 5);

        Reply baulon = admin.post("/api/eligibility", Map.of("answers", answers, "uai", COLLEGE, "communeInsee", "35016"));
        assertThat(baulon.json().path("needs")).extracting(JsonNode::asText).containsExactly("LAPTOP", "HEADSET", "ALTERNATIVE_ACCESS");
        assertThat(baulon.json().path("whiteZone").asBoolean()).isTrue();

        long familyId = family(COLLEGE);
        Reply rennes = diagnose(admin, familyId, answers);
        assertThat(rennes.expect(201).path("needs")).extracting(JsonNode::asText).contains("DONGLE_4G");
        assertThat(rennes.json().path("reasons")).extracting(r -> r.path("criterion").asText()).doesNotContain("coverage_unknown");
    }

    @Test
    void needsAdaptedEquipmentIsReadOnlyByTheFamilysDeskTheAdminAndWhoRecordedIt() {
        long familyId = family(COLLEGE);
        String recorder = admin.post("/api/users", Map.of("name", "as.recorder", "role", "SOCIAL_WORKER",
                "territory", "commune:35238")).json().path("token").asText();
        String colleague = admin.post("/api/users", Map.of("name", "as.colleague", "role", "SOCIAL_WORKER",
                "territory", "commune:35238")).json().path("token").asText();
        String desk = admin.post("/api/users", Map.of("name", "desk.adapted", "role", "DESK",
                "establishments", List.of(COLLEGE))).json().path("token").asText();
        ObjectNode answers = needy().put("needsAdaptedEquipment", true);
        long id = diagnose(admin.as(recorder), familyId, answers).json().path("id").asLong();
        String path = "/api/families/" + familyId + "/diagnostics/" + id;

        for (String reader : List.of(TestApp.ADMIN_TOKEN, recorder, desk)) {
            JsonNode seen = admin.as(reader).get(path).json();
            assertThat(seen.path("answers").path("needsAdaptedEquipment").asBoolean()).isTrue();
            assertThat(reasonOf(seen, "needsAdaptedEquipment")).isNotEqualTo("Critère restreint.");
        }
        JsonNode seenByColleague = admin.as(colleague).get(path).json();
        assertThat(seenByColleague.path("answers").has("needsAdaptedEquipment")).isFalse();
        assertThat(reasonOf(seenByColleague, "needsAdaptedEquipment")).isEqualTo("Critère restreint.");
        assertThat(seenByColleague.path("eligible").asBoolean()).isTrue();

        // without the need, the colleague reads exactly the same entry: its presence tells nothing
        long without = diagnose(admin.as(recorder), familyId, needy()).json().path("id").asLong();
        JsonNode withoutSeen = admin.as(colleague).get("/api/families/" + familyId + "/diagnostics/" + without).json();
        assertThat(reasonOf(withoutSeen, "needsAdaptedEquipment")).isEqualTo("Critère restreint.");
        assertThat(withoutSeen.path("reasons").size()).isEqualTo(seenByColleague.path("reasons").size());
    }

    static String reasonOf(JsonNode diagnostic, String criterion) {
        for (JsonNode reason : diagnostic.path("reasons")) {
            if (reason.path("criterion").asText().equals(criterion)) {
                return reason.path("effect").asText();
            }
        }
        return null;
    }

    @Test
    void anEligibleDiagnosticLendsWithoutOverrideWithinItsNeeds() {
        long familyId = family(COLLEGE);
        String laptop = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json().path("assetTag").asText();
        Map<String, Object> body = Builders.agreement(familyId, COLLEGE, List.of(laptop), UUID.randomUUID().toString());
        body.remove("override");
        assertThat(admin.post("/api/agreements", body).error()).isEqualTo("not_eligible");

        ObjectNode answers = needy().put("homeInternet", "FIXED_BOX").put("fixedSpeed", "GE100");
        long diagnosticId = diagnose(admin, familyId, answers).json().path("id").asLong();
        Reply lent = admin.post("/api/agreements", body);
        assertThat(lent.status()).as(lent.text()).isEqualTo(201);
        assertThat(lent.json().path("diagnosticId").asLong()).isEqualTo(diagnosticId);
        assertThat(lent.json().path("override").isNull()).isTrue();

        String dongle = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.device("DONGLE_4G")).json()
                .path("assetTag").asText();
        Map<String, Object> beyond = Builders.agreement(familyId, COLLEGE, List.of(dongle), UUID.randomUUID().toString());
        beyond.remove("override");
        Reply refused = admin.post("/api/agreements", beyond);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("beyond_needs");
        assertThat(refused.field()).isEqualTo("assetTags[0]");
        beyond.put("override", Map.of("reason", "Connexion instable malgré la box."));
        assertThat(admin.post("/api/agreements", beyond).status()).isEqualTo(201);
    }

    @Test
    void theWaitingListRanksEligibleFamiliesWithoutAnActiveAgreement() {
        String school = "0352209L";
        long low = family(school);
        long high = family(school);
        long served = family(school);
        long notEligible = family(school);
        diagnose(admin, low, needy());
        ObjectNode more = needy().put("referral", "ASSOCIATION").put("qpv", true);
        diagnose(admin, high, more);
        diagnose(admin, served, more);
        diagnose(admin, notEligible, needy().put("familyQuotientBelowThreshold", false));
        String laptop = admin.post("/api/establishments/" + school + "/devices", Builders.laptop()).json().path("assetTag").asText();
        assertThat(admin.post("/api/agreements", Builders.agreement(served, school, List.of(laptop),
                UUID.randomUUID().toString())).status()).isEqualTo(201);

        JsonNode list = admin.get("/api/establishments/" + school + "/waiting-list").json().path("items");
        assertThat(list).extracting(f -> f.path("familyId").asLong()).containsExactly(high, low);
        assertThat(list.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(list.get(0).path("priority").asDouble()).isGreaterThan(list.get(1).path("priority").asDouble());

        JsonNode firstPage = admin.get("/api/establishments/" + school + "/waiting-list?limit=1").json();
        assertThat(firstPage.path("items")).hasSize(1);
        JsonNode secondPage = admin.get("/api/establishments/" + school + "/waiting-list?limit=1&cursor="
                + firstPage.path("nextCursor").asText()).json();
        assertThat(secondPage.path("items").get(0).path("familyId").asLong()).isEqualTo(low);
        assertThat(secondPage.path("items").get(0).path("rank").asInt()).isEqualTo(2);
    }

    @Test
    void aSocialWorkerRecordsDiagnosticsAndChecksEligibilityButACollectivityDoesNeither() {
        long familyId = family(COLLEGE);
        String worker = admin.post("/api/users", Map.of("name", "as.diag", "role", "SOCIAL_WORKER",
                "territory", "departement:035")).json().path("token").asText();
        String collectivity = admin.post("/api/users", Map.of("name", "coll.diag", "role", "COLLECTIVITY",
                "territory", "departement:035")).json().path("token").asText();
        assertThat(diagnose(admin.as(worker), familyId, needy()).status()).isEqualTo(201);
        assertThat(admin.as(worker).post("/api/eligibility", Map.of("answers", needy(), "uai", COLLEGE)).status()).isEqualTo(200);
        assertThat(diagnose(admin.as(collectivity), familyId, needy()).status()).isEqualTo(403);
        assertThat(admin.as(collectivity).post("/api/eligibility", Map.of("answers", needy(), "uai", COLLEGE)).status())
                .isEqualTo(403);
        assertThat(admin.as(collectivity).get("/api/criteria").status()).isEqualTo(200);
        assertThat(admin.as(worker).get("/api/establishments/" + COLLEGE + "/waiting-list").status()).isEqualTo(403);
    }

    /** A social worker's waiting list: the territory's families only, across schools, by priority; audited. */
    @Test
    void aSocialWorkersWaitingListHoldsTheFamiliesOfTheTerritoryOnly() {
        Map<String, Object> inRennes = Builders.family("Famille de Rennes " + UUID.randomUUID(), COLLEGE);
        long rennes = admin.post("/api/families", inRennes).expect(201).path("id").asLong();
        Map<String, Object> inBrest = Builders.family("Famille de Brest " + UUID.randomUUID(), COLLEGE);
        inBrest.put("communeInsee", "29019");
        long brest = admin.post("/api/families", inBrest).expect(201).path("id").asLong();
        long higher = family(COLLEGE);
        diagnose(admin, rennes, needy());
        diagnose(admin, brest, needy());
        diagnose(admin, higher, needy().put("referral", "ASSOCIATION").put("qpv", true));
        String worker = admin.post("/api/users", Map.of("name", "as.attente", "role", "SOCIAL_WORKER",
                "territory", "commune:35238")).expect(201).path("token").asText();

        Reply waiting = admin.as(worker).get("/api/waiting-list?limit=500");
        assertThat(waiting.status()).as(waiting.text()).isEqualTo(200);
        List<Long> listed = new ArrayList<>();
        waiting.json().path("items").forEach(item -> listed.add(item.path("familyId").asLong()));
        assertThat(listed).contains(rennes, higher).doesNotContain(brest);
        assertThat(listed.indexOf(higher)).isLessThan(listed.indexOf(rennes));
        Reply audited = admin.get("/api/audit?limit=500&entity=FAMILY&id=" + rennes);
        assertThat(audited.status()).as(audited.text()).isEqualTo(200);
        assertThat(audited.text()).contains("waiting-list");

        List<Long> all = new ArrayList<>();
        admin.get("/api/waiting-list?limit=500").expect(200).path("items").forEach(item -> all.add(item.path("familyId").asLong()));
        assertThat(all).contains(rennes, brest, higher);
        String desk = admin.post("/api/users", Map.of("name", "pret.attente", "role", "DESK",
                "establishments", List.of(COLLEGE))).expect(201).path("token").asText();
        assertThat(admin.as(desk).get("/api/waiting-list").status()).isEqualTo(403);
    }

    static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(item -> out.add(item.path("id").asText()));
        return out;
    }
}
