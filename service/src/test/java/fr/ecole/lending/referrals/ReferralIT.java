package fr.ecole.lending.referrals;

import static fr.ecole.lending.support.Builders.COLLEGE;
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
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Help beyond devices: a family referred to a social tariff, a mediator, an association, and what came of it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReferralIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api admin;
    static Api desk;
    static String url;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
        desk = admin.desk(COLLEGE);
        url = APP.getConfiguration().getDataSourceFactory().getUrl();
    }

    static long family(String guardian, String uai) {
        Reply created = admin.post("/api/families", Builders.family(guardian, uai));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static Map<String, Object> referral(String kind, String to, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("to", to);
        body.put("note", note);
        return body;
    }

    static int stored() {
        return Jdbi.create(url).withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM referrals")
                .mapTo(Integer.class).one());
    }

    @Test
    void aReferralGoesFromProposedToDoneWithTheDateOfEachStep() throws InterruptedException {
        long family = family("Famille Orientée", COLLEGE);
        Reply proposed = desk.post("/api/families/" + family + "/referrals",
                referral("SOCIAL_TARIFF", "Fournisseur d'accès, offre sociale", "Apporter une facture récente"));
        assertThat(proposed.status()).as(proposed.text()).isEqualTo(201);
        JsonNode made = proposed.json();
        long id = made.path("id").asLong();
        assertThat(proposed.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/referrals/" + id));
        assertThat(made.path("status").asText()).isEqualTo("PROPOSED");
        assertThat(made.path("kind").asText()).isEqualTo("SOCIAL_TARIFF");
        assertThat(made.path("to").asText()).isEqualTo("Fournisseur d'accès, offre sociale");
        assertThat(made.path("proposedAt").isTextual()).isTrue();
        assertThat(made.has("acceptedAt")).isFalse();

        JsonNode accepted = desk.patch("/api/referrals/" + id, Map.of("status", "ACCEPTED")).expect(200);
        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("acceptedAt").isTextual()).isTrue();
        assertThat(desk.patch("/api/referrals/" + id, Map.of("status", "ACCEPTED")).expect(200))
                .as("a second click changes nothing").isEqualTo(accepted);
        JsonNode done = desk.patch("/api/referrals/" + id, Map.of("status", "DONE", "note", "Offre souscrite"))
                .expect(200);
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("acceptedAt").asText()).isEqualTo(accepted.path("acceptedAt").asText());
        assertThat(done.path("doneAt").isTextual()).isTrue();
        assertThat(done.path("note").asText()).isEqualTo("Offre souscrite");

        Thread.sleep(20);
        JsonNode annotated = desk.patch("/api/referrals/" + id, Map.of("status", "DONE", "note", "Facture reçue"))
                .expect(200);
        assertThat(annotated.path("note").asText()).isEqualTo("Facture reçue");
        assertThat(annotated.path("doneAt").asText()).as("a note added later keeps the day it was done")
                .isEqualTo(done.path("doneAt").asText());
        Reply closed = desk.patch("/api/referrals/" + id, Map.of("status", "DECLINED"));
        assertThat(closed.status()).as(closed.text()).isEqualTo(409);
        assertThat(closed.error()).isEqualTo("referral_closed");
        Reply backwards = desk.patch("/api/referrals/" + id, Map.of("status", "PROPOSED"));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.field()).isEqualTo("status");

        // straight from proposed to done: the family went before anyone noted that it accepted
        long second = desk.post("/api/families/" + family + "/referrals", referral("MEDIATION", null, null))
                .expect(201).path("id").asLong();
        JsonNode went = desk.patch("/api/referrals/" + second, Map.of("status", "DONE")).expect(200);
        assertThat(went.path("acceptedAt").asText()).isEqualTo(went.path("doneAt").asText());
        long third = desk.post("/api/families/" + family + "/referrals", referral("PRINTED_WORK", "Vie scolaire", null))
                .expect(201).path("id").asLong();
        assertThat(desk.patch("/api/referrals/" + third, Map.of("status", "DECLINED")).expect(200)
                .path("declinedAt").isTextual()).isTrue();

        JsonNode listed = desk.get("/api/families/" + family + "/referrals").expect(200).path("items");
        assertThat(listed).extracting(r -> r.path("id").asLong() + " " + r.path("status").asText())
                .containsExactly(id + " DONE", second + " DONE", third + " DECLINED");
        JsonNode log = admin.get("/api/audit?entity=REFERRAL&id=" + id).expect(200).path("items");
        assertThat(log).extracting(e -> e.path("action").asText()).containsExactly("CREATE", "UPDATE", "UPDATE", "UPDATE");
        assertThat(log.toString()).doesNotContain("facture", "Facture reçue", "Offre souscrite");
    }

    @Test
    void theReportCountsHouseholdsByKindAndByStatusAsTheyStoodAtTheEndOfThePeriod() {
        long[] families = new long[3];
        for (int i = 0; i < families.length; i++) {
            Map<String, Object> body = Builders.family("Famille Comptée " + i, COLLEGE);
            body.put("communeInsee", "35016");
            families[i] = admin.post("/api/families", body).expect(201).path("id").asLong();
        }
        long tariff = desk.post("/api/families/" + families[0] + "/referrals", referral("SOCIAL_TARIFF", null, null))
                .expect(201).path("id").asLong();
        desk.post("/api/families/" + families[0] + "/referrals", referral("MEDIATION", null, null)).expect(201);
        long declined = desk.post("/api/families/" + families[1] + "/referrals", referral("SOCIAL_TARIFF", null, null))
                .expect(201).path("id").asLong();
        long printed = desk.post("/api/families/" + families[2] + "/referrals", referral("PRINTED_WORK", null, null))
                .expect(201).path("id").asLong();
        desk.patch("/api/referrals/" + tariff, Map.of("status", "DONE")).expect(200);
        desk.patch("/api/referrals/" + declined, Map.of("status", "DECLINED")).expect(200);
        desk.patch("/api/referrals/" + printed, Map.of("status", "ACCEPTED")).expect(200);

        JsonNode raw = admin.get("/api/reports/referrals?territory=commune:35016&raw=true").expect(200);
        assertThat(admin.get("/api/reports/referrals?territory=commune:35016&raw=true&format=csv").text().lines()
                .findFirst().orElseThrow()).contains("referred", "socialTariff", "educationalProgramme", "declined");
        JsonNode totals = raw.path("totals");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("referred", 3);
        expected.put("socialTariff", 2);
        expected.put("mediation", 1);
        expected.put("printedWork", 1);
        expected.put("publicAccess", 0);
        expected.put("educationalProgramme", 0);
        expected.put("proposed", 1);
        expected.put("accepted", 1);
        expected.put("done", 1);
        expected.put("declined", 1);
        expected.forEach((column, count) -> assertThat(totals.path(column).asInt()).as(column).isEqualTo(count));
        assertThat(admin.get("/api/reports/referrals?territory=commune:35016&groupBy=establishment&raw=true")
                .expect(200).path("rows").get(0).path("key").asText()).isEqualTo(COLLEGE);

        // the day before: nothing yet
        String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(1).toString();
        JsonNode before = admin.get("/api/reports/referrals?territory=commune:35016&raw=true&from=" + yesterday
                + "&to=" + yesterday).expect(200);
        assertThat(before.path("rows")).isEmpty();

        // a collectivity reads protected figures, never a family
        String token = admin.post("/api/users", Map.of("name", "cd35.orientations", "role", "COLLECTIVITY",
                "territory", "departement:035")).expect(201).path("token").asText();
        Reply protectedReport = admin.as(token).get("/api/reports/referrals?territory=departement:035");
        assertThat(protectedReport.status()).as(protectedReport.text()).isEqualTo(200);
        assertThat(protectedReport.text()).doesNotContain("Famille Comptée", "\"familyId\"");
        assertThat(admin.as(token).get("/api/reports/referrals?territory=departement:035&raw=true").status())
                .isEqualTo(403);
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        long family = family("Famille Refusée", COLLEGE);
        int before = stored();
        Reply unknownKind = desk.post("/api/families/" + family + "/referrals", referral("LOTTERY", null, null));
        assertThat(unknownKind.status()).as(unknownKind.text()).isEqualTo(422);
        assertThat(unknownKind.field()).isEqualTo("kind");
        Reply noKind = desk.post("/api/families/" + family + "/referrals", referral(null, "CCAS", null));
        assertThat(noKind.status()).isEqualTo(422);
        assertThat(noKind.error()).isEqualTo("missing_value");
        for (String note : new String[] {"Touche le RSA", "Revenus très faibles", "Problème de santé",
                "Dette de 1 200 € chez l'opérateur", "Enfant en situation de handicap", "HOSPITALISÉE en mars"}) {
            Reply sensitive = desk.post("/api/families/" + family + "/referrals", referral("OTHER", "CCAS", note));
            assertThat(sensitive.status()).as(note).isEqualTo(422);
            assertThat(sensitive.error()).isEqualTo("sensitive_note");
            assertThat(sensitive.field()).isEqualTo("note");
        }
        Reply sensitiveTo = desk.post("/api/families/" + family + "/referrals",
                referral("OTHER", "CMP, suivi psychiatrique", null));
        assertThat(sensitiveTo.error()).isEqualTo("sensitive_note");
        assertThat(sensitiveTo.field()).isEqualTo("to");
        Reply tooLong = desk.post("/api/families/" + family + "/referrals", referral("OTHER", "x".repeat(201), null));
        assertThat(tooLong.error()).isEqualTo("too_long");
        assertThat(desk.post("/api/families/999999/referrals", referral("OTHER", null, null)).error())
                .isEqualTo("unknown_family");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
        // words that only look alike are not refused
        assertThat(desk.post("/api/families/" + family + "/referrals",
                referral("ASSOCIATION", "Secours populaire", "Rendez-vous mardi, salle Médiathèque")).status())
                .isEqualTo(201);

        assertThat(desk.patch("/api/referrals/999999", Map.of("status", "DONE")).error()).isEqualTo("unknown_referral");
        assertThat(desk.patch("/api/referrals/abc", Map.of("status", "DONE")).error()).isEqualTo("unknown_referral");
        Reply unknownStatus = desk.patch("/api/referrals/1", Map.of("status", "LATER"));
        assertThat(unknownStatus.status()).isEqualTo(422);
        assertThat(unknownStatus.field()).isEqualTo("status");
    }

    @Test
    void aDeskSeesTheReferralsOfItsOwnFamiliesOnly() {
        long lycee = family("Famille du Lycée", LYCEE);
        long id = admin.post("/api/families/" + lycee + "/referrals", referral("PUBLIC_ACCESS", "Médiathèque", null))
                .expect(201).path("id").asLong();
        assertThat(desk.get("/api/families/" + lycee + "/referrals").error()).isEqualTo("unknown_family");
        assertThat(desk.post("/api/families/" + lycee + "/referrals", referral("OTHER", null, null)).error())
                .isEqualTo("unknown_family");
        Reply foreign = desk.patch("/api/referrals/" + id, Map.of("status", "DONE"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.error()).as("exactly as an unknown referral").isEqualTo("unknown_referral");
        assertThat(admin.get("/api/families/" + lycee + "/referrals").expect(200).path("items").get(0)
                .path("status").asText()).isEqualTo("PROPOSED");
    }

    @Test
    void theExportHoldsTheReferralsAndAnErasureTakesTheirWords() {
        long family = family("Famille Effacée", COLLEGE);
        long id = desk.post("/api/families/" + family + "/referrals",
                referral("EDUCATIONAL_PROGRAMME", "PRE de Rennes, Mme Kerjean", "Voir avec Kerjean jeudi"))
                .expect(201).path("id").asLong();
        desk.patch("/api/referrals/" + id, Map.of("status", "ACCEPTED")).expect(200);

        JsonNode export = desk.get("/api/families/" + family + "/export").expect(200);
        assertThat(export.path("referrals")).hasSize(1);
        assertThat(export.path("referrals").get(0).path("to").asText()).isEqualTo("PRE de Rennes, Mme Kerjean");
        assertThat(export.path("audit")).anySatisfy(line -> {
            assertThat(line.path("entity").asText()).isEqualTo("REFERRAL");
            assertThat(line.path("action").asText()).isEqualTo("UPDATE");
        });
        assertThat(desk.pdfText("/api/families/" + family + "/export?format=pdf"))
                .contains("Orientations vers d'autres aides", "Programme de réussite éducative", "acceptée");

        Reply erased = desk.send("DELETE", "/api/families/" + family, HttpRequest.BodyPublishers.noBody());
        assertThat(erased.status()).as(erased.text()).isEqualTo(204);
        JsonNode kept = admin.get("/api/families/" + family + "/referrals").expect(200).path("items").get(0);
        assertThat(kept.path("kind").asText()).isEqualTo("EDUCATIONAL_PROGRAMME");
        assertThat(kept.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(kept.has("to")).isFalse();
        assertThat(kept.has("note")).isFalse();
        assertThat(kept.path("anonymisedAt").isTextual()).isTrue();
        String words = Jdbi.create(url).withHandle(handle -> handle.createQuery(
                "SELECT COALESCE(destination, '') || COALESCE(note, '') FROM referrals WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(words).isEmpty();
        Reply after = desk.patch("/api/referrals/" + id, Map.of("status", "DONE"));
        assertThat(after.status()).isEqualTo(409);
        assertThat(after.error()).isEqualTo("family_anonymised");
    }
}
