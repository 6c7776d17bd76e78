package fr.ecole.lending.reports;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The académie (issue 23): {@code academie:14}, Rennes, holds the directory's only département, 035,
 * so that its plain counts are those of {@code departement:035}, every kind of school together; its
 * rectorat reads them protected, for the académie or a part of it, and never a family.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AcademieIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    /** Every kind of school an académie counts, for an administrator's report of the département. */
    static final String SCHOOLS = "types=ECOLE,COLLEGE,LYCEE,EREA";
    static Api admin;
    static Api rectorat;
    static long rennesFamily;
    /** A family of Saint-Brieuc (22): a département of no establishment of the directory, so of no académie known. */
    static long briochineFamily;
    static String agreement;

    @BeforeAll
    static void schoolsOfEveryKindLendAndDiagnose() {
        admin = new Api(APP);
        rectorat = admin.as(admin.post("/api/users", Map.of("name", "rectorat-rennes", "role", "RECTORAT",
                "territory", "academie:14")).expect(201).path("token").asText());
        rennesFamily = family("35238", COLLEGE, ECOLE);
        long paimpont = family("35211", LYCEE);
        long withoutSchool = family("35005", COLLEGE);
        briochineFamily = family("22278", COLLEGE);
        agreement = lend(rennesFamily, COLLEGE, 2);
        lend(rennesFamily, ECOLE, 1);
        lend(paimpont, LYCEE, 3);
        lend(briochineFamily, COLLEGE, 1);
        for (long family : List.of(rennesFamily, paimpont, withoutSchool, briochineFamily)) {
            admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers())).expect(201);
            admin.post("/api/families/" + family + "/referrals", Map.of("kind", "MEDIATION")).expect(201);
        }
        admin.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", 5)).expect(201);
    }

    static long family(String commune, String... uais) {
        Map<String, Object> body = Builders.family("Famille " + UUID.randomUUID(), uais);
        body.put("communeInsee", commune);
        return admin.post("/api/families", body).expect(201).path("id").asLong();
    }

    static String lend(long family, String uai, int devices) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            tags.add(admin.post("/api/establishments/" + uai + "/devices", Builders.laptop()).expect(201).path("assetTag").asText());
        }
        return admin.post("/api/agreements", Builders.agreement(family, uai, tags, UUID.randomUUID().toString()))
                .expect(201).path("number").asText();
    }

    static Reply report(Api caller, String name, String query) {
        return caller.get("/api/reports/" + name + "?" + query);
    }

    @Test
    void theAcademiesPlainCountsAreThoseOfItsOnlyDepartementEveryKindOfSchoolTogether() {
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("loans", "groupBy=establishment");
        asked.put("loans ", "groupBy=commune");
        asked.put("fragility", "groupBy=commune");
        asked.put("fragility ", "groupBy=catchment");
        asked.put("connectivity", "groupBy=commune");
        asked.put("referrals", "groupBy=establishment");
        asked.put("survey", "groupBy=establishment");
        asked.put("summary", "");
        for (Map.Entry<String, String> each : asked.entrySet()) {
            String name = each.getKey().strip();
            String types = name.equals("loans") || name.equals("summary") ? "&" + SCHOOLS : "";
            JsonNode academie = report(admin, name, "territory=academie:14&raw=true&" + each.getValue()).expect(200);
            JsonNode departement = report(admin, name, "territory=departement:035&raw=true&" + each.getValue() + types)
                    .expect(200);
            assertThat(academie.path("territory").asText()).isEqualTo("academie:14");
            assertThat(academie.path("rows")).as(each.toString()).isEqualTo(departement.path("rows"));
            assertThat(academie.path("totals")).as(each.toString()).isEqualTo(departement.path("totals"));
        }
        JsonNode loans = report(admin, "loans", "territory=academie:14&raw=true").expect(200);
        assertThat(loans.path("totals").path("devicesOnLoan").asInt()).isEqualTo(7);
        // the household of Saint-Brieuc lies outside: its département is in no académie the directory knows
        JsonNode households = report(admin, "fragility", "territory=academie:14&raw=true").expect(200);
        assertThat(households.path("totals").path("diagnosed").asInt()).isEqualTo(3);
    }

    @Test
    void aRectoratUserReadsTheAcademiesReportsAndGets403OnAFamily() {
        Reply loans = report(rectorat, "loans", "");
        JsonNode body = loans.expect(200);
        assertThat(body.path("territory").asText()).isEqualTo("academie:14");
        assertThat(body.path("disclosure").path("method").asText()).isEqualTo("cell-key");
        // every kind together: the école, the collège and the lycée that lent
        List<String> keys = new ArrayList<>();
        body.path("rows").forEach(row -> keys.add(row.path("key").asText()));
        assertThat(keys).contains(ECOLE, COLLEGE, LYCEE);
        JsonNode raw = report(admin, "loans", "territory=academie:14&raw=true").expect(200);
        ReportRows.assertProtected(body.path("totals").path("agreementsActive"),
                raw.path("totals").path("agreementsActive").asLong(), "agreements of the académie");
        for (String name : List.of("fragility", "connectivity", "referrals", "survey", "summary")) {
            assertThat(report(rectorat, name, "").status()).as(name).isEqualTo(200);
            assertThat(report(rectorat, name, "territory=departement:035").status()).as(name).isEqualTo(200);
            assertThat(report(rectorat, name, "territory=commune:35238").status()).as(name).isEqualTo(200);
        }
        // a commune without a school is known by its département, which lies in the académie
        assertThat(report(rectorat, "fragility", "territory=commune:35005").status()).isEqualTo(200);

        for (String path : List.of("/api/families/" + rennesFamily, "/api/families?q=famille",
                "/api/families/" + rennesFamily + "/diagnostics", "/api/families/" + rennesFamily + "/referrals",
                "/api/families/" + rennesFamily + "/export", "/api/agreements/" + agreement,
                "/api/agreements?uai=" + COLLEGE, "/api/establishments/" + COLLEGE + "/devices",
                "/api/waiting-list", "/api/audit", "/api/exports/loans.csv?uai=" + COLLEGE)) {
            Reply refused = rectorat.get(path);
            assertThat(refused.status()).as(path + ": " + refused.text()).isEqualTo(403);
            assertThat(refused.text()).doesNotContain("Famille ");
        }
        assertThat(rectorat.post("/api/families", Builders.family("Famille rectorat", COLLEGE)).status()).isEqualTo(403);
    }

    @Test
    void aRectoratReadsProtectedFiguresOfItsOwnAcademieOnly() {
        for (String territory : List.of("academie:15", "departement:056", "region:53", "commune:22278")) {
            Reply refused = report(rectorat, "loans", "territory=" + territory);
            assertThat(refused.status()).as(territory + ": " + refused.text()).isEqualTo(403);
            assertThat(refused.error()).isEqualTo("outside_territory");
            assertThat(refused.field()).isEqualTo("territory");
        }
        refused(report(rectorat, "fragility", "raw=true"), 403, "raw_refused");
        refused(report(rectorat, "loans", "types=COLLEGE"), 403, "outside_competence");
        assertThat(report(rectorat, "loans", SCHOOLS).status()).isEqualTo(200);
    }

    @Test
    void anAcademieIsReadLikeAnyTerritoryAndIsNoCollectivitys() {
        refused(report(admin, "loans", "territory=academie:99"), 404, "unknown_territory");
        refused(report(admin, "loans", "territory=academie:R1"), 422, "invalid_territory");
        // a collectivity reads no académie, even one holding its territory
        Api departement = admin.as(admin.post("/api/users", Map.of("name", "departement-35-academie", "role", "COLLECTIVITY",
                "territory", "departement:035")).expect(201).path("token").asText());
        assertThat(report(departement, "summary", "territory=academie:14").error()).isEqualTo("outside_territory");
    }

    @Test
    void aRectoratHasAnAcademieAndOnlyARectoratHasOne() {
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("a rectorat of a département", Map.of("role", "RECTORAT", "territory", "departement:035"));
        refused.put("a rectorat without an académie", Map.of("role", "RECTORAT"));
        refused.put("a rectorat with schools", Map.of("role", "RECTORAT", "territory", "academie:14",
                "establishments", List.of(COLLEGE)));
        refused.put("a collectivity of an académie", Map.of("role", "COLLECTIVITY", "territory", "academie:14"));
        refused.put("a social worker of an académie", Map.of("role", "SOCIAL_WORKER", "territory", "academie:14"));
        for (Map.Entry<String, Map<String, Object>> each : refused.entrySet()) {
            Map<String, Object> body = new LinkedHashMap<>(each.getValue());
            body.put("name", "refuse-" + Math.abs(each.getKey().hashCode()));
            Reply reply = admin.post("/api/users", body);
            assertThat(reply.status()).as(each.getKey() + ": " + reply.text()).isEqualTo(422);
            assertThat(reply.field()).as(each.getKey()).isIn("territory", "establishments");
        }
        for (String unknown : List.of("academie:99", "academie:014")) {
            Reply reply = admin.post("/api/users", Map.of("name", "refuse-" + unknown.replace(':', '-'), "role",
                    "RECTORAT", "territory", unknown));
            assertThat(reply.status()).as(unknown + ": " + reply.text()).isEqualTo(404);
            assertThat(reply.error()).isEqualTo("unknown_territory");
            assertThat(reply.field()).isEqualTo("territory");
        }
        Map<String, Object> device = Builders.laptop();
        device.put("fundedBy", "academie:14");
        Reply funded = admin.post("/api/establishments/" + COLLEGE + "/devices", device);
        assertThat(funded.status()).isEqualTo(422);
        assertThat(funded.field()).isEqualTo("fundedBy");
    }

    @Test
    void theDirectoryGivesEachSchoolItsAcademieAndAFileWithoutOneStillImports() {
        assertThat(admin.get("/api/establishments/" + COLLEGE).expect(200).path("academie").asText()).isEqualTo("14");
        String inRennes = uai("0359990");
        String inSaintBrieuc = uai("0229990");
        String older = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;Nom_commune;"
                + "Code_departement;Code_region;Appartenance_Education_Prioritaire\n"
                + inRennes + ";Ecole d'essai;Ecole;35238;Rennes;035;53;\n"
                + inSaintBrieuc + ";Ecole briochine;Ecole;22278;Saint-Brieuc;022;53;\n"
                // a line without an académie leaves the one known
                + COLLEGE + ";Collège les Hautes Ourmes;Collège;35238;Rennes;035;53;\n";
        Reply imported = admin.postRaw("/api/imports/establishments", "text/csv", older.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().path("created").asInt()).isEqualTo(2);
        // the new school of Rennes takes its département's académie; Saint-Brieuc's has none to take
        assertThat(admin.get("/api/establishments/" + inRennes).expect(200).path("academie").asText()).isEqualTo("14");
        assertThat(admin.get("/api/establishments/" + inSaintBrieuc).expect(200).path("academie").isNull()).isTrue();
        assertThat(admin.get("/api/establishments/" + COLLEGE).expect(200).path("academie").asText()).isEqualTo("14");

        String wrong = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;Nom_commune;"
                + "Code_departement;Code_academie;Code_region;Appartenance_Education_Prioritaire\n"
                + uai("0359991") + ";Ecole mal notée;Ecole;35238;Rennes;035;R14;53;\n";
        Reply rejected = admin.postRaw("/api/imports/establishments", "text/csv", wrong.getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().path("created").asInt()).isZero();
        assertThat(rejected.json().path("rejected").get(0).path("error").asText()).isEqualTo("invalid_academie");
    }

    static void refused(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(error);
    }

    static String uai(String digits) {
        return digits + Uai.checkLetter(digits);
    }
}
