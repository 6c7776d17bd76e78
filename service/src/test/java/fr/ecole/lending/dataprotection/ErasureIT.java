package fr.ecole.lending.dataprotection;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code DELETE /api/families/{id}}: a family erased at its request, once its devices are back. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErasureIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api admin;
    static String url;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
        url = APP.getConfiguration().getDataSourceFactory().getUrl();
    }

    static int signedDocuments(String number) {
        return Jdbi.create(url).withHandle(handle -> handle.createQuery("""
                SELECT COUNT(*) FROM agreement_documents d JOIN agreements a ON a.id = d.agreement_id
                 WHERE a.number = :number""").bind("number", number).mapTo(Integer.class).one());
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
        long family = Desk.family(admin, "Zénobie Quillivic", "06 47 58 69 70", "zenobie.quillivic@example.org", "35238",
                "Zaëlinne", COLLEGE, "Thibéoric", ECOLE);
        admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers()));
        // a correction: the log keeps the e-mail before and after, sealed under the family's key
        assertThat(admin.patch("/api/families/" + family, Map.of("guardian", Map.of("email", "z.quillivic@example.org")))
                .status()).isEqualTo(200);
        admin.patch("/api/families/" + family, Map.of("guardian", Map.of("email", "zenobie.quillivic@example.org")));
        assertThat(admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500").text())
                .contains("z.quillivic@example.org");
        String laptop = Desk.device(admin, COLLEGE);
        String other = Desk.device(admin, COLLEGE);
        String number = Desk.lend(admin, family, COLLEGE, laptop, other);
        Reply signed = admin.post("/api/agreements/" + number + "/signature",
                Map.of("signedBy", "Zénobie Quillivic", "signedAt", Instant.now().toString()));
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        // a copy by e-mail, waiting for a mail server (none in tests): its address goes with the person
        Reply copy = admin.post("/api/agreements/" + number + "/copy", Map.of());
        assertThat(copy.status()).as(copy.text()).isEqualTo(202);
        Desk.giveBack(admin, laptop, "GOOD", "Rapporté par Zaëlinne, chargeur oublié chez Mme QUILLIVIC");
        assertThat(StoredRows.holding(url, person)).isNotEmpty();
        assertThat(signedDocuments(number)).isEqualTo(1);

        List<String> before = StoredRows.all(url);
        Reply refused = Desk.erase(admin, family);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("active_agreement");
        assertThat(refused.json().path("message").asText()).contains(other, number).doesNotContain(laptop);
        assertThat(StoredRows.all(url)).as("a refused erasure changes nothing").isEqualTo(before);

        // handed in at the lycée with a note, refused with a reason: free text that may name the family too
        Api lycee = admin.as(admin.post("/api/users", Map.of("name", "pret.lycee-erasure", "role", "DESK",
                "establishments", List.of(LYCEE))).json().path("token").asText());
        Reply handedIn = lycee.post("/api/returns", Map.of("assetTag", other, "condition", "GOOD",
                "note", "Déposé par Zaëlinne", "receivedAt", LYCEE));
        assertThat(handedIn.status()).as(handedIn.text()).isEqualTo(202);
        assertThat(admin.post("/api/returns/" + handedIn.json().path("id").asLong() + "/refusal",
                Map.of("reason", "Thibéoric en a encore besoin")).status()).isEqualTo(200);
        Desk.giveBack(admin, other, "BROKEN", "Écran cassé, dit Thibéoric");
        Reply erased = Desk.erase(admin, family);
        assertThat(erased.status()).as(erased.text()).isEqualTo(204);
        assertThat(StoredRows.holding(url, person)).as("the person, anywhere in the database").isEmpty();
        assertThat(signedDocuments(number)).as("the signed PDF prints the guardian's name").isZero();
        JsonNode message = admin.get("/api/messages?uai=" + COLLEGE + "&status=FAILED").expect(200).path("items").get(0);
        assertThat(message.path("id").asLong()).as("a waiting e-mail is never sent once the family is erased")
                .isEqualTo(copy.json().path("id").asLong());
        assertThat(message.path("recipient").isNull()).isTrue();

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
        assertThat(admin.get("/api/families?q=quillivic").expect(200).path("items")).isEmpty();
        assertThat(anonymiseEntries(family)).isEqualTo(1);
        JsonNode entry = admin.get("/api/audit?entity=FAMILY&id=" + family + "&limit=500").expect(200).path("items");
        assertThat(entry.get(entry.size() - 1).path("detail").toString()).contains("agreementDocumentsDeleted")
                .doesNotContain("Quillivic", "Zénobie");
        assertThat(entry.toString()).as("the family's whole audit trail, corrections included")
                .doesNotContainIgnoringCase("quillivic").contains("\"erased\":true");

        List<String> after = StoredRows.all(url);
        Reply again = Desk.erase(admin, family);
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
        long family = Desk.family(admin, "Gwenaëlle Kerbrat", "06 13 24 35 46", "g.kerbrat@example.org", "35238",
                "Ninon", COLLEGE);
        Api collegeDesk = desk("effacement-college", COLLEGE);
        Api lyceeDesk = desk("effacement-lycee", LYCEE);
        String social = admin.post("/api/users", Map.of("name", "effacement-as", "role", "SOCIAL_WORKER",
                "territory", "commune:35238")).json().path("token").asText();

        assertThat(Desk.erase(lyceeDesk, family).status()).as("another school's desk does not see it").isEqualTo(404);
        assertThat(Desk.erase(admin.as(social), family).status()).isEqualTo(403);
        assertThat(Desk.erase(admin, 999_999).error()).isEqualTo("unknown_family");
        assertThat(Desk.erase(admin, 999_999).status()).isEqualTo(404);
        assertThat(anonymiseEntries(family)).isZero();
        assertThat(Desk.erase(collegeDesk, family).status()).isEqualTo(204);
        assertThat(admin.get("/api/families/" + family).json().path("guardian").path("name").asText())
                .isEqualTo("Famille anonymisée");
    }

    static Api desk(String name, String uai) {
        Reply user = admin.post("/api/users", Map.of("name", name, "role", "DESK", "establishments", List.of(uai)));
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        return admin.as(user.json().path("token").asText());
    }

    /**
     * Thirteen households of Paimpont, diagnosed alike, their pupils at one collège: eleven lent a laptop
     * that came back, one a laptop still out, one nothing. Erasing the twelve that may be erased leaves every
     * report of the département as it was, to the last figure.
     */
    @Test
    void reportsKeepEveryFigureWhenFamiliesAreErased() {
        Reply carte = admin.postRaw("/api/imports/catchments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-carte-scolaire-colleges-publics.csv"));
        assertThat(carte.status()).as(carte.text()).isEqualTo(200);
        List<Long> erasable = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            long family = Desk.family(admin, "Foyer Paimpont " + i, "06 00 00 00 " + (10 + i), "foyer" + i + "@example.org",
                    "35211", "Enfant" + i, COLLEGE);
            assertThat(admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers())).status())
                    .isEqualTo(201);
            if (i <= 12) {
                String tag = Desk.device(admin, COLLEGE);
                Desk.lend(admin, family, COLLEGE, tag);
                if (i <= 11) {
                    Desk.giveBack(admin, tag, i == 5 ? "BROKEN" : "GOOD", null);
                    erasable.add(family);
                }
            } else {
                erasable.add(family);
            }
        }
        Map<String, String> before = reports();
        assertThat(admin.get("/api/reports/fragility?territory=departement:035&raw=true").text()).as("plain counts")
                .contains("\"diagnosed\":13", "\"eligible\":13");
        for (long family : erasable) {
            assertThat(Desk.erase(admin, family).status()).isEqualTo(204);
        }
        assertThat(reports()).isEqualTo(before);
    }

    /**
     * Every collectivity report of the département, and of Paimpont, in every grouping, without their
     * time of making: figures protected by the households' record keys, which anonymisation keeps.
     */
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
