package fr.ecole.lending.dataprotection;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code DELETE /api/families/{id}}: a family erased at its request, once its devices are back. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErasureIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static final AtomicInteger KEYS = new AtomicInteger();
    static Api admin;
    static String url;

    @BeforeAll
    static void directory() {
        admin = new Api(APP);
        assertThat(admin.importDirectory().status()).isEqualTo(200);
        url = APP.getConfiguration().getDataSourceFactory().getUrl();
    }

    /** A family whose every identifier is a word found nowhere else in the database. */
    static long family(Api api, String guardian, String phone, String email, String commune, String... pupils) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", guardian);
        contact.put("phone", phone);
        contact.put("email", email);
        contact.put("preferredContact", "EMAIL");
        body.put("guardian", contact);
        body.put("communeInsee", commune);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i + 1 < pupils.length; i += 2) {
            list.add(Map.of("firstName", pupils[i], "uai", pupils[i + 1], "level", i == 0 ? "4E" : "CM1"));
        }
        body.put("pupils", list);
        Reply created = api.post("/api/families", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static String device(Api api, String uai) {
        Reply created = api.post("/api/establishments/" + uai + "/devices", Builders.laptop());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("assetTag").asText();
    }

    static String lend(Api api, long family, String uai, String... tags) {
        Reply made = api.post("/api/agreements", Builders.agreement(family, uai, List.of(tags),
                "erasure-" + KEYS.incrementAndGet()));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.json().path("number").asText();
    }

    static Reply giveBack(Api api, String tag, String condition, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetTag", tag);
        body.put("condition", condition);
        body.put("note", note);
        Reply back = api.post("/api/returns", body);
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        return back;
    }

    static Reply erase(Api api, long family) {
        return api.send("DELETE", "/api/families/" + family, HttpRequest.BodyPublishers.noBody());
    }

    static long anonymiseEntries(long family) {
        JsonNode items = admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500").json().path("items");
        long count = 0;
        for (JsonNode entry : items) {
            if ("ANONYMISE".equals(entry.path("action").asText())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void erasureWaitsForEveryDeviceThenLeavesNothingOfThePerson() {
        List<String> person = List.of("Zénobie", "Quillivic", "0647586970", "zenobie.quillivic@example.org",
                "Zaëlinne", "Thibéoric");
        long family = family(admin, "Zénobie Quillivic", "06 47 58 69 70", "zenobie.quillivic@example.org", "35238",
                "Zaëlinne", COLLEGE, "Thibéoric", ECOLE);
        admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers()));
        String laptop = device(admin, COLLEGE);
        String other = device(admin, COLLEGE);
        String number = lend(admin, family, COLLEGE, laptop, other);
        Reply signed = admin.post("/api/agreements/" + number + "/signature",
                Map.of("signedBy", "Zénobie Quillivic", "signedAt", Instant.now().toString()));
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        giveBack(admin, laptop, "GOOD", "Rapporté par Zaëlinne, chargeur oublié chez Mme QUILLIVIC");
        assertThat(StoredRows.holding(url, person)).isNotEmpty();

        List<String> before = StoredRows.all(url);
        Reply refused = erase(admin, family);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("active_agreement");
        assertThat(refused.json().path("message").asText()).contains(other, number).doesNotContain(laptop);
        assertThat(StoredRows.all(url)).as("a refused erasure changes nothing").isEqualTo(before);

        giveBack(admin, other, "BROKEN", "Écran cassé, dit Thibéoric");
        Reply erased = erase(admin, family);
        assertThat(erased.status()).as(erased.text()).isEqualTo(204);
        assertThat(StoredRows.holding(url, person)).as("the person, anywhere in the database").isEmpty();

        JsonNode anonymised = admin.get("/api/families/" + family).json();
        assertThat(anonymised.path("guardian").path("name").asText()).isEqualTo("Famille anonymisée");
        assertThat(anonymised.path("guardian").path("phone").isNull()).isTrue();
        assertThat(anonymised.path("guardian").path("email").isNull()).isTrue();
        assertThat(anonymised.path("anonymisedAt").isTextual()).isTrue();
        assertThat(anonymised.path("communeInsee").asText()).isEqualTo("35238");
        assertThat(anonymised.path("pupils")).extracting(p -> p.path("firstName").asText() + " " + p.path("uai").asText()
                + " " + p.path("level").asText()).containsExactly("Élève 1 " + COLLEGE + " 4E", "Élève 2 " + ECOLE + " CM1");
        // the loans and the devices' histories stay, tied to no one; the signed document went with the person
        JsonNode agreement = admin.get("/api/agreements/" + number).json();
        assertThat(agreement.path("loans")).hasSize(2);
        assertThat(agreement.path("familyId").asLong()).isEqualTo(family);
        assertThat(admin.get("/api/devices/" + other + "/history").json().path("items").size()).isGreaterThanOrEqualTo(3);
        assertThat(admin.get("/api/families/" + family + "/diagnostics").json().path("items")).hasSize(1);
        assertThat(admin.get("/api/families?q=quillivic").json().path("items")).isEmpty();
        assertThat(anonymiseEntries(family)).isEqualTo(1);
        JsonNode entry = admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500").json().path("items");
        assertThat(entry.get(entry.size() - 1).path("detail").toString()).contains("agreementDocumentsDeleted")
                .doesNotContain("Quillivic", "Zénobie");

        List<String> after = StoredRows.all(url);
        Reply again = erase(admin, family);
        assertThat(again.status()).as("erasing again answers the same").isEqualTo(204);
        assertThat(StoredRows.all(url)).as("and changes nothing").isEqualTo(after);
        assertThat(anonymiseEntries(family)).isEqualTo(1);

        // no correction, diagnostic or loan ties a person to it again
        Reply correction = admin.patch("/api/families/" + family, Map.of("guardian", Map.of("name", "Zénobie Quillivic")));
        assertThat(correction.status()).isEqualTo(409);
        assertThat(correction.error()).isEqualTo("family_anonymised");
        assertThat(admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers())).error())
                .isEqualTo("family_anonymised");
        assertThat(admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(laptop), "erasure-again"))
                .error()).isEqualTo("family_anonymised");
    }

    @Test
    void theFamilysOwnDeskMayEraseItOthersMayNot() {
        long family = family(admin, "Gwenaëlle Kerbrat", "06 13 24 35 46", "g.kerbrat@example.org", "35238",
                "Ninon", COLLEGE);
        Api collegeDesk = desk("effacement-college", COLLEGE);
        Api lyceeDesk = desk("effacement-lycee", LYCEE);
        String social = admin.post("/api/users", Map.of("name", "effacement-as", "role", "SOCIAL_WORKER",
                "territory", "commune:35238")).json().path("token").asText();

        assertThat(erase(lyceeDesk, family).status()).as("another school's desk does not see it").isEqualTo(404);
        assertThat(erase(admin.as(social), family).status()).isEqualTo(403);
        assertThat(erase(admin, 999_999).error()).isEqualTo("unknown_family");
        assertThat(erase(admin, 999_999).status()).isEqualTo(404);
        assertThat(anonymiseEntries(family)).isZero();
        assertThat(erase(collegeDesk, family).status()).isEqualTo(204);
        assertThat(admin.get("/api/families/" + family).json().path("guardian").path("name").asText())
                .isEqualTo("Famille anonymisée");
    }

    static Api desk(String name, String uai) {
        Reply user = admin.post("/api/users", Map.of("name", name, "role", "DESK", "establishments", List.of(uai)));
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        return admin.as(user.json().path("token").asText());
    }

    /**
     * Households of Paimpont, each in its own collège's catchment: twelve diagnosed, eleven of them lent a
     * laptop that came back, one still out. Erasing the twelve that may be erased leaves every report of
     * the département as it was, to the last figure.
     */
    @Test
    void reportsKeepEveryFigureWhenFamiliesAreErased() {
        Reply carte = admin.postRaw("/api/imports/catchments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-carte-scolaire-colleges-publics.csv"));
        assertThat(carte.status()).as(carte.text()).isEqualTo(200);
        List<Long> erasable = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            long family = family(admin, "Foyer Paimpont " + i, "06 00 00 00 " + (10 + i), "foyer" + i + "@example.org",
                    "35211", "Enfant" + i, COLLEGE);
            ObjectNode answers = Builders.answers();
            if (i % 3 == 0) {
                answers.put("mobile4g", "NONE").put("homeInternet", "MOBILE_CAPPED");
            }
            assertThat(admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", answers)).status())
                    .isEqualTo(201);
            if (i <= 12) {
                String tag = device(admin, COLLEGE);
                lend(admin, family, COLLEGE, tag);
                if (i <= 11) {
                    giveBack(admin, tag, i == 5 ? "BROKEN" : "GOOD", null);
                    erasable.add(family);
                }
            } else {
                erasable.add(family);
            }
        }
        Map<String, String> before = reports();
        for (long family : erasable) {
            assertThat(erase(admin, family).status()).isEqualTo(204);
        }
        assertThat(reports()).isEqualTo(before);
    }

    /** Every collectivity report of the département, and of Paimpont, in every grouping, without their time of making. */
    static Map<String, String> reports() {
        Map<String, String> reports = new LinkedHashMap<>();
        for (String query : List.of("loans?territory=departement:035", "loans?territory=departement:035&groupBy=commune",
                "loans?territory=departement:035&groupBy=funder", "fragility?territory=departement:035",
                "fragility?territory=commune:35211&groupBy=establishment", "fragility?territory=departement:035&groupBy=catchment",
                "connectivity?territory=departement:035", "connectivity?territory=departement:035&groupBy=catchment",
                "summary?territory=departement:035", "summary?territory=commune:35211")) {
            Reply report = admin.get("/api/reports/" + query);
            assertThat(report.status()).as(query + ": " + report.text()).isEqualTo(200);
            ObjectNode json = (ObjectNode) report.json();
            json.remove("generatedAt");
            reports.put(query, json.toString());
        }
        return reports;
    }
}
