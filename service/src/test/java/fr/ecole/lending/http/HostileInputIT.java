package fr.ecole.lending.http;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.FailedMessages;
import fr.ecole.lending.support.RawHttp;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input, generated: every write endpoint receives mutations of a valid request (wrong types,
 * missing, extra and null fields, huge values, impossible dates, control characters, invalid UTF-8,
 * SQL and script fragments, deep nesting, wrong content types, empty and oversized bodies, malformed
 * path parameters) from the admin and from a desk. Whatever arrives, the answer is never a 5xx, a
 * refusal has the API's error shape, and a refused request changes no row of any table (nor commits
 * anything at all). The generator is seeded: {@code -Dhostile.seed=<seed printed on failure>}
 * replays a run, {@code -Dhostile.requests=} changes its length.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileInputIT {
    // the survey's public answers are limited per address and per code: here every request comes from one
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory(
            "surveyAnswers.perAddressPerMinute", "1000000", "surveyAnswers.perCodePerMinute", "1000000");

    /** CI fixes the seed (LENDING_IT_HOSTILE_SEED in .ci/run), so that its runs compare; by hand, a new one each run. */
    static final long SEED = Long.getLong("hostile.seed", System.getenv("LENDING_IT_HOSTILE_SEED") == null
            ? new Random().nextLong() : Long.parseLong(System.getenv("LENDING_IT_HOSTILE_SEED")));
    /**
     * 10,000 on SQLite, 3,000 on PostgreSQL (still a few dozen at the rarest endpoint): the requests, their
     * parsing and validation are the same code on both engines; what the engine adds is whether a refusal
     * leaves a write behind, which the first 3,000 of the same seed's requests check at every endpoint.
     */
    static final int REQUESTS = Integer.getInteger("hostile.requests", TestEngine.onPostgresql() ? 3_000 : 10_000);
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What only the service's insides would put in a body: an exception, a stack frame, a package name
     * ({@code org.jdbi.}, not the {@code example.org../} of a hostile e-mail the message quotes back).
     */
    static final Pattern INTERNALS = Pattern.compile("Exception|at fr\\.|\\b(org|java)\\.[a-z]+\\.|SQLITE");
    static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String BOGUS_TOKEN = "not-a-token";
    static final AtomicInteger UNIQUE = new AtomicInteger();

    static Api admin;
    static String deskToken;
    static long familyId;
    static long patchedFamilyId;
    static long referralId;
    static Connection db;
    static String countQuery;
    static String versionQuery;
    static List<String> tables;
    static List<Endpoint> endpoints;
    /** Unspent answer codes of a survey campaign: each answer accepted takes the next. */
    static final List<String> SURVEY_CODES = new ArrayList<>();
    static int nextCode;
    static long surveyId;
    static long contactRequestId;

    // ---------------------------------------------------------------- the valid records mutations start from

    @BeforeAll
    static void validRecords() throws SQLException {
        admin = new Api(APP);
        Reply desk = admin.post("/api/users", Map.of("name", "guichet-hostile", "role", "DESK",
                "establishments", List.of(COLLEGE, LYCEE, ECOLE)));
        assertThat(desk.status()).as(desk.text()).isEqualTo(201);
        deskToken = desk.json().path("token").asText();
        familyId = created(admin.post("/api/families", Builders.family("Famille Socle", COLLEGE, LYCEE))).path("id").asLong();
        patchedFamilyId = created(admin.post("/api/families", Builders.family("Famille Corrigée", COLLEGE)))
                .path("id").asLong();
        referralId = created(admin.post("/api/families/" + familyId + "/referrals", Map.of("kind", "MEDIATION")))
                .path("id").asLong();
        surveyCampaign();
        endpoints = endpoints();

        db = DriverManager.getConnection(APP.getConfiguration().getDataSourceFactory().getUrl());
        tables = new ArrayList<>();
        try (ResultSet rows = db.getMetaData().getTables(null, TestEngine.onPostgresql() ? "public" : null, "%",
                new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (!name.startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        Collections.sort(tables);
        assertThat(tables).contains("families", "devices", "agreements", "loans", "audit_log", "users", "login_failures");
        StringBuilder query = new StringBuilder("SELECT ");
        for (int i = 0; i < tables.size(); i++) {
            query.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM \"").append(tables.get(i)).append("\")");
        }
        countQuery = query.toString();
        // PostgreSQL: every row an insert or update writes carries the writing transaction's id
        versionQuery = tables.stream().map(table -> "(SELECT COALESCE(MAX(xmin::text::bigint), 0) FROM \"" + table + "\")")
                .collect(Collectors.joining(", ", "SELECT GREATEST(", ")"));
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    static JsonNode created(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 201);
        return reply.json();
    }

    static String today(long plusDays) {
        return LocalDate.now(PARIS).plusDays(plusDays).toString();
    }

    static String newDevice(String kind, String uai) {
        Map<String, Object> body = Builders.device(kind);
        body.put("fundedBy", "departement:035");
        return created(admin.post("/api/establishments/" + uai + "/devices", body)).path("assetTag").asText();
    }

    /** A laptop lent to the family: the agreement's number and the laptop's tag. */
    static String[] newLoan() {
        String tag = newDevice("LAPTOP", COLLEGE);
        JsonNode agreement = created(admin.post("/api/agreements", Builders.agreement(familyId, COLLEGE, List.of(tag),
                "hostile-" + UNIQUE.incrementAndGet())));
        return new String[] {agreement.path("number").asText(), tag};
    }

    /** An agreement, the laptop it lends, and a laptop of the same pool to swap it for. */
    static String[] swapPair() {
        String[] loan = newLoan();
        return new String[] {loan[0], loan[1], newDevice("LAPTOP", COLLEGE)};
    }

    /** A laptop that came back and waits to be wiped. */
    static String returnedDevice() {
        String tag = newLoan()[1];
        created(admin.post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD")));
        return tag;
    }

    static long newUser() {
        return created(admin.post("/api/users", Map.of("name", "cible-" + UNIQUE.incrementAndGet(), "role",
                "SOCIAL_WORKER", "territory", "departement:035"))).path("id").asLong();
    }

    /** A campaign of the collège, its codes, and a request to be called back made with its first code. */
    static void surveyCampaign() {
        surveyId = created(admin.post("/api/establishments/" + COLLEGE + "/surveys", Map.of("codes", 3000)))
                .path("id").asLong();
        org.jdbi.v3.core.Jdbi database = org.jdbi.v3.core.Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl());
        SURVEY_CODES.addAll(database.withHandle(handle -> handle.createQuery(
                "SELECT code FROM survey_codes WHERE survey_id = :id").bind("id", surveyId).mapTo(String.class).list()));
        created(admin.post("/api/surveys/answers", surveyAnswer()));
        nextCode++;
        contactRequestId = database.withHandle(handle -> handle.createQuery(
                "SELECT id FROM survey_contact_requests WHERE survey_id = :id").bind("id", surveyId).mapTo(Long.class).one());
    }

    static Map<String, Object> surveyAnswer() {
        return Map.of("code", SURVEY_CODES.get(nextCode), "answers", Map.of("devicesForSchoolwork", 1,
                "hasSmartphone", true, "pupilsInHousehold", 3, "adultsTeleworking", 0, "headset", "SHARED",
                "homeInternet", "MOBILE_CAPPED", "fixedSpeed", "LT3", "mobile4g", "LIMITED"),
                "contact", Map.of("name", "Famille Enquêtée", "phone", "06 12 34 56 78"));
    }

    static ObjectNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** Every write endpoint of the service, each with a valid request and what to renew once one is accepted. */
    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        String[] loan = newLoan();
        String renewed = newLoan()[0];
        String[] signed = {newLoan()[0]};
        String copied = newLoan()[0];
        admin.post("/api/agreements/" + copied + "/signature", Map.of("signedBy", "Mme Copie",
                "signedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        String[] returned = {newLoan()[1]};
        String[] available = {newDevice("LAPTOP", COLLEGE)};
        String[] patched = {newDevice("LAPTOP", COLLEGE)};
        String[] transferred = {newDevice("LAPTOP", COLLEGE)};
        String[] wiped = {returnedDevice()};
        long[] target = {newUser()};
        String[] userName = {"agent-" + UNIQUE.incrementAndGet()};
        String[] key = {"hostile-" + UNIQUE.incrementAndGet()};

        // users and sessions
        all.add(new Endpoint("POST", "/api/users", null, Param.NONE, Body.JSON, true, 40,
                () -> tree(Map.of("name", userName[0], "role", "DESK", "establishments", List.of(COLLEGE))),
                () -> userName[0] = "agent-" + UNIQUE.incrementAndGet()));
        // a user deactivated, or given a new token, can be again: nothing to renew
        all.add(new Endpoint("POST", "/api/users/{}/deactivation", () -> String.valueOf(target[0]), Param.ID,
                Body.NONE, true, 12, null, null));
        all.add(new Endpoint("POST", "/api/users/{}/token", () -> String.valueOf(target[0]), Param.ID,
                Body.NONE, true, 12, null, null));
        // a password accepted costs a slow hash: fewer requests here
        all.add(new Endpoint("PUT", "/api/users/{}/password", () -> String.valueOf(target[0]), Param.ID,
                Body.JSON, true, 5, () -> tree(Map.of("password", "Un mot de passe de guichet 2026")), null));
        // funders: a name recorded once, renewed after each accepted request
        String[] funderName = {"Fondation hostile " + UNIQUE.incrementAndGet()};
        all.add(new Endpoint("POST", "/api/funders", null, Param.NONE, Body.JSON, true, 30,
                () -> tree(Map.of("kind", "FOUNDATION", "name", funderName[0], "territory", "departement:035",
                        "allowsTransfersOutside", false)),
                () -> funderName[0] = "Fondation hostile " + UNIQUE.incrementAndGet()));
        all.add(new Endpoint("POST", "/api/sessions", null, Param.NONE, Body.JSON, false, 15,
                () -> tree(Map.of("name", "guichet-hostile", "password", "Un mot de passe de guichet 2026")), null));

        // families and diagnostics
        all.add(new Endpoint("POST", "/api/families", null, Param.NONE, Body.JSON, false, 60, () -> {
            ObjectNode family = tree(Builders.family("Famille Générée", COLLEGE, LYCEE));
            ((ObjectNode) family.path("guardian")).put("email", "parent@example.org");
            return family;
        }, null));
        all.add(new Endpoint("PATCH", "/api/families/{}", () -> String.valueOf(patchedFamilyId), Param.ID, Body.JSON,
                false, 50, () -> {
            ObjectNode family = tree(Builders.family("Famille Corrigée", COLLEGE));
            ((ObjectNode) family.path("guardian")).put("email", "parent@example.org");
            return family;
        }, null));
        all.add(new Endpoint("POST", "/api/families/{}/diagnostics", () -> String.valueOf(familyId), Param.ID,
                Body.JSON, false, 50, () -> JSON.createObjectNode().set("answers", Builders.answers()), null));
        all.add(new Endpoint("POST", "/api/families/{}/referrals", () -> String.valueOf(familyId), Param.ID,
                Body.JSON, false, 30, () -> tree(Map.of("kind", "SOCIAL_TARIFF", "to", "Espace France Services",
                "note", "Apporter une facture")), null));
        // the same status with a note, again and again: a valid change each time
        all.add(new Endpoint("PATCH", "/api/referrals/{}", () -> String.valueOf(referralId), Param.ID, Body.JSON,
                false, 25, () -> tree(Map.of("status", "ACCEPTED", "note", "Rendez-vous jeudi")), null));
        all.add(new Endpoint("POST", "/api/eligibility", null, Param.NONE, Body.JSON, false, 50, () -> {
            ObjectNode check = JSON.createObjectNode();
            check.set("answers", Builders.answers());
            return check.put("uai", COLLEGE).put("communeInsee", "35238");
        }, null));
        all.add(new Endpoint("POST", "/api/establishments/{}/promotions", () -> ECOLE, Param.UAI, Body.JSON, false, 25,
                () -> tree(Map.of("nextSchools", Map.of("CM2", COLLEGE))), null));

        // devices
        all.add(new Endpoint("POST", "/api/establishments/{}/devices", () -> COLLEGE, Param.UAI, Body.JSON, false, 60,
                () -> {
                    ObjectNode device = tree(Builders.device("DONGLE_4G"));
                    return device.put("fundedBy", "departement:035").put("assetTag", "INV-H" + UNIQUE.incrementAndGet());
                }, null));
        all.add(new Endpoint("PATCH", "/api/devices/{}", () -> patched[0], Param.ASSET_TAG, Body.JSON, false, 45,
                () -> tree(Map.of("status", "IN_REPAIR", "note", "Écran fêlé")),
                () -> patched[0] = newDevice("LAPTOP", COLLEGE)));
        all.add(new Endpoint("POST", "/api/devices/{}/wipe", () -> wiped[0], Param.ASSET_TAG, Body.JSON, false, 20,
                () -> tree(Map.of("note", "Effacé et réinstallé")), () -> wiped[0] = returnedDevice()));
        all.add(new Endpoint("POST", "/api/devices/{}/transfer", () -> transferred[0], Param.ASSET_TAG, Body.JSON,
                false, 35, () -> tree(Map.of("uai", "0350734H", "note", "Rééquilibrage")),
                () -> transferred[0] = newDevice("LAPTOP", COLLEGE)));
        all.add(new Endpoint("POST", "/api/devices/{}/home", () -> available[0], Param.ASSET_TAG, Body.NONE, false, 12,
                null, null));

        // agreements and returns
        all.add(new Endpoint("POST", "/api/agreements", null, Param.NONE, Body.JSON, false, 70,
                () -> tree(Builders.agreement(familyId, COLLEGE, List.of(available[0]), key[0])),
                () -> {
                    available[0] = newDevice("LAPTOP", COLLEGE);
                    key[0] = "hostile-" + UNIQUE.incrementAndGet();
                }));
        all.add(new Endpoint("POST", "/api/agreements/{}/signature", () -> signed[0], Param.AGREEMENT, Body.JSON,
                false, 40, () -> tree(Map.of("signedBy", "Mme Socle", "signedAt",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())),
                () -> signed[0] = newLoan()[0]));
        all.add(new Endpoint("POST", "/api/agreements/{}/renewal", () -> renewed, Param.AGREEMENT, Body.JSON, false,
                40, () -> tree(Map.of("dueDate", today(300))), null));
        // a swap: the laptop lent goes out broken, a new one of the pool comes in; then another pair
        String[][] swapped = {swapPair()};
        all.add(new Endpoint("POST", "/api/agreements/{}/swap", () -> swapped[0][0], Param.AGREEMENT, Body.JSON, false,
                40, () -> tree(Map.of("out", swapped[0][1], "in", swapped[0][2], "condition", "BROKEN",
                "missingAccessories", List.of("chargeur"), "note", "Écran fêlé")), () -> swapped[0] = swapPair()));
        // a handover of the laptop lent to the lycée, where the family has a pupil too; then another loan
        String[] handed = {newLoan()[0]};
        all.add(new Endpoint("POST", "/api/agreements/{}/handover", () -> handed[0], Param.AGREEMENT, Body.JSON, false,
                40, () -> tree(Map.of("toUai", LYCEE)), () -> handed[0] = newLoan()[0]));
        // queued, never sent: no mail server in tests
        all.add(new Endpoint("POST", "/api/agreements/{}/copy", () -> copied, Param.AGREEMENT, Body.JSON, false, 30,
                () -> tree(Map.of("email", "parent.copie@example.org")), null));
        all.add(new Endpoint("POST", "/api/returns", null, Param.NONE, Body.JSON, false, 50,
                () -> tree(Map.of("assetTag", returned[0], "condition", "DAMAGED",
                        "missingAccessories", List.of("chargeur"), "note", "Coque rayée")),
                () -> returned[0] = newLoan()[1]));
        all.add(new Endpoint("POST", "/api/establishments/{}/campaign/reissue", () -> ECOLE, Param.UAI, Body.JSON,
                false, 25, () -> tree(Map.of("dueDate", today(200))), null));
        all.add(new Endpoint("POST", "/api/establishments/{}/campaign/renewals", () -> COLLEGE, Param.UAI, Body.JSON,
                false, 30, () -> tree(Map.of("dueDate", today(330), "numbers", List.of(loan[0]))), null));
        all.add(new Endpoint("POST", "/api/establishments/{}/follow-ups", () -> COLLEGE, Param.UAI, Body.NONE, false,
                12, null, null));
        // a message given up, sent again: queued, never sent (no mail server nor SMS gateway in tests)
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        long[] failed = {FailedMessages.insert(url, COLLEGE)};
        all.add(new Endpoint("POST", "/api/messages/{}/retry", () -> String.valueOf(failed[0]), Param.ID, Body.NONE, false,
                15, null, () -> failed[0] = FailedMessages.insert(url, COLLEGE)));

        // imports (text/csv)
        all.add(csv("/api/imports/establishments", null, Param.NONE, true, 25,
                firstLines(Api.resource("/fixtures/establishments/fr-en-annuaire-education.csv"), 4)));
        all.add(csv("/api/imports/catchments", null, Param.NONE, true, 20,
                firstLines(Api.resource("/fixtures/territory/fr-en-carte-scolaire-colleges-publics.csv"), 4)));
        all.add(csv("/api/imports/enrolments", null, Param.NONE, true, 20,
                firstLines(Api.resource("/fixtures/territory/fr-en-effectifs-second-degre.csv"), 4)));
        all.add(csv("/api/imports/coverage", null, Param.NONE, true, 20,
                "code_insee;niveau_4g\n35016;couverture limitée\n35238;GOOD\n"));
        all.add(csv("/api/establishments/{}/imports/devices", () -> COLLEGE, Param.UAI, false, 30, null));
        // surveys: a campaign, the public answer (no token), answers from a spreadsheet, a request handled
        all.add(new Endpoint("POST", "/api/establishments/{}/surveys", () -> COLLEGE, Param.UAI, Body.JSON, false, 15,
                () -> tree(Map.of("codes", 2)), null));
        all.add(new Endpoint("POST", "/api/surveys/answers", null, Param.NONE, Body.JSON, false, 40,
                () -> tree(surveyAnswer()), () -> nextCode++));
        all.add(new Endpoint("POST", "/api/surveys/{}/answers", () -> String.valueOf(surveyId), Param.ID, Body.CSV,
                false, 25, () -> "code;devicesForSchoolwork;hasSmartphone;pupilsInHousehold;adultsTeleworking;headset;"
                + "homeInternet;fixedSpeed;mobile4g\n" + SURVEY_CODES.get(nextCode) + ";0;oui;2;0;NONE;NONE;NONE;NONE\n",
                () -> nextCode++));
        all.add(new Endpoint("PATCH", "/api/contact-requests/{}", () -> String.valueOf(contactRequestId), Param.ID,
                Body.JSON, false, 10, () -> tree(Map.of("handled", true)), null));
        // the communes' outlines (GeoJSON)
        all.add(new Endpoint("POST", "/api/imports/communes-geo", null, Param.NONE, Body.JSON, true, 20,
                () -> tree(Map.of("type", "FeatureCollection", "features", List.of(Map.of("type", "Feature",
                        "properties", Map.of("code", "35016", "nom", "Baulon"), "geometry", Map.of("type", "Polygon",
                                "coordinates", List.of(List.of(List.of(-1.95, 47.98), List.of(-1.90, 47.98),
                                        List.of(-1.90, 48.01), List.of(-1.95, 47.98)))))))), null));
        return all;
    }

    static Endpoint csv(String path, Supplier<String> param, Param kind, boolean adminOnly, int weight, String fixed) {
        Supplier<Object> base = fixed != null ? () -> fixed : () -> "kind;serial;model;accessories;fundedBy;simIccid;simPhone;"
                + "simDataPlanGb;simPlanEnds\nLAPTOP;CSV" + UNIQUE.incrementAndGet() + ";Lenovo L13;chargeur|souris;"
                + "departement:035;;;;\nDONGLE_4G;CSV" + UNIQUE.incrementAndGet() + ";Huawei E8372;;;8933150"
                + String.format("%013d", UNIQUE.incrementAndGet()) + ";07 12 34 56 78;50;" + today(365) + "\n";
        return new Endpoint("POST", path, param, kind, Body.CSV, adminOnly, weight, base, null);
    }

    static String firstLines(byte[] file, int lines) {
        String text = new String(file, StandardCharsets.UTF_8);
        int at = 0;
        for (int i = 0; i < lines; i++) {
            at = text.indexOf('\n', at) + 1;
        }
        return text.substring(0, at);
    }

    enum Param { NONE, UAI, ASSET_TAG, AGREEMENT, ID }

    enum Body { NONE, JSON, CSV }

    /**
     * A write endpoint: its path ({@code {}} for the one path parameter), the valid request (a JSON
     * tree, or CSV text), and what to renew once a request is accepted (a device lent, a user
     * deactivated), so that the following mutations still start from a valid request.
     */
    record Endpoint(String method, String template, Supplier<String> param, Param paramKind, Body body,
                    boolean adminOnly, int weight, Supplier<Object> base, Runnable renew) {

        String name() {
            return method + " " + template;
        }

        String path(String paramValue) {
            return template.replace("{}", paramValue);
        }
    }

    // ---------------------------------------------------------------- the run

    @Test
    void hostileRequestsAreRefusedInTheErrorShapeAndChangeNothing() throws Exception {
        Random random = new Random(SEED);
        Generator generator = new Generator(random);
        for (Endpoint endpoint : endpoints) {
            // each mutation starts from a request the service accepts, so that it reaches the deepest checks
            RawHttp.Answer answer = generator.valid(endpoint).send(APP.getLocalPort());
            if (endpoint.template().equals("/api/sessions")) {
                // well-formed, but the desk has no password: an accepted login costs a slow hash each time
                assertThat(answer.status()).as(answer.text()).isEqualTo(401);
            } else {
                assertThat(answer.status()).as(endpoint.name() + ": " + answer.text()).isBetween(200, 299);
            }
            if (endpoint.renew() != null) {
                endpoint.renew().run();
            }
        }
        int totalWeight = endpoints.stream().mapToInt(Endpoint::weight).sum();
        Map<String, int[]> perEndpoint = new TreeMap<>();
        Map<String, Integer> perMutation = new TreeMap<>();
        Map<Integer, Integer> perStatus = new TreeMap<>();
        Map<String, Failure> failures = new TreeMap<>();
        Map<String, Long> timeByKind = new TreeMap<>();
        String marker = changeMarker();
        long[] counts = counts();
        long version = dataVersion();
        long started = System.nanoTime();
        for (int n = 0; n < REQUESTS; n++) {
            Endpoint endpoint = pick(random, totalWeight);
            Hostile request = generator.mutate(endpoint);
            long sent = System.nanoTime();
            RawHttp.Answer answer = request.send(APP.getLocalPort());
            timeByKind.merge(request.mutation().replaceAll("[:+].*", ""), System.nanoTime() - sent, Long::sum);
            perEndpoint.computeIfAbsent(endpoint.name(), k -> new int[2])[0]++;
            perMutation.merge(request.mutation(), 1, Integer::sum);
            perStatus.merge(answer.status(), 1, Integer::sum);

            List<String> problems = new ArrayList<>(problemsWith(request, answer));
            long counting = System.nanoTime();
            // the rows are counted again only when something may have been written since they last were
            String afterMarker = changeMarker();
            long[] after = counts;
            long afterVersion = version;
            if (!afterMarker.equals(marker)) {
                after = counts();
                afterVersion = dataVersion();
            }
            timeByKind.merge("(counting)", System.nanoTime() - counting, Long::sum);
            if (answer.status() >= 200 && answer.status() < 300) {
                // accepted: what it stored is its right; renew the valid request the next ones start from
                perEndpoint.get(endpoint.name())[1]++;
                if (endpoint.renew() != null) {
                    long renewing = System.nanoTime();
                    endpoint.renew().run();
                    timeByKind.merge("(renewing)", System.nanoTime() - renewing, Long::sum);
                    afterMarker = changeMarker();
                    after = counts();
                    afterVersion = dataVersion();
                }
            } else {
                // a well-formed login refused for its credentials is counted against guessing, in the
                // database so that every instance counts it: the one write a refusal makes
                boolean countedLogin = endpoint.template().equals("/api/sessions")
                        && (answer.status() == 401 || answer.status() == 429);
                if (!Arrays.equals(countedLogin ? exceptLoginFailures(counts) : counts,
                        countedLogin ? exceptLoginFailures(after) : after)) {
                    problems.add("a refused request changed row counts: " + changes(counts, after));
                } else if (!countedLogin && version != afterVersion) {
                    problems.add("a refused request committed a change to the database");
                }
            }
            marker = afterMarker;
            counts = after;
            version = afterVersion;
            for (String problem : problems) {
                // one example of each kind of failure at each endpoint, and how often it happened
                String kind = endpoint.name() + ": " + problem.replaceAll("[(:].*", "");
                failures.merge(kind, new Failure(1, "#" + n + " " + problem + "\n  request: " + request
                        + "\n  answer: " + answer.status() + " " + preview(answer.body(), 300)),
                        (first, again) -> new Failure(first.times() + 1, first.example()));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("HostileInputIT: seed %d, %d requests in %d ms%n  statuses %s%n  mutations %s%n  "
                        + "endpoints (sent/accepted) %s%n  ms by mutation %s%n", SEED, REQUESTS, millis, perStatus, perMutation,
                perEndpoint.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1])
                        .toList(), timeByKind.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() / 1_000_000).toList());
        assertThat(failures.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().times() + " times)\n"
                + e.getValue().example()).toList()).as("seed %d (rerun with -Dhostile.seed=%d)", SEED, SEED).isEmpty();
        assertThat(perEndpoint).as("every write endpoint was tried").hasSize(endpoints.size());
    }

    record Failure(int times, String example) {
    }

    static Endpoint pick(Random random, int totalWeight) {
        int at = random.nextInt(totalWeight);
        for (Endpoint endpoint : endpoints) {
            at -= endpoint.weight();
            if (at < 0) {
                return endpoint;
            }
        }
        throw new IllegalStateException();
    }

    /** What is wrong with the answer, whatever the request: a 5xx, or a refusal out of the error shape. */
    static List<String> problemsWith(Hostile request, RawHttp.Answer answer) {
        List<String> problems = new ArrayList<>();
        if (answer.status() == 0) {
            if (!request.mayBeCutShort()) {
                problems.add("the connection closed without an answer");
            }
            return problems;
        }
        if (answer.status() >= 500) {
            problems.add("server error " + answer.status());
        }
        if (answer.status() < 400) {
            return problems;
        }
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            problems.add("error without a JSON body (Content-Type " + type + ")");
            return problems;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            problems.add("error body is not JSON");
            return problems;
        }
        if (body == null || !body.isObject()) {
            problems.add("error body is not a JSON object");
            return problems;
        }
        if (!body.path("error").isTextual() || !SNAKE_CASE.matcher(body.path("error").asText()).matches()) {
            problems.add("\"error\" is not a snake_case code");
        }
        if (!body.path("message").isTextual() || body.path("message").asText().isBlank()) {
            problems.add("\"message\" is missing or blank");
        }
        if (body.has("field") && !body.get("field").isTextual()) {
            problems.add("\"field\" is not a string");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!List.of("error", "message", "field").contains(name)) {
                problems.add("unexpected member \"" + name + "\" in the error body");
            }
        }
        Matcher leak = INTERNALS.matcher(answer.text());
        if (leak.find()) {
            problems.add("the error body shows internals (" + leak.group() + ")");
        }
        return problems;
    }

    static long[] counts() throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(countQuery)) {
            row.next();
            long[] counts = new long[tables.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = row.getLong(i + 1);
            }
            return counts;
        }
    }

    /**
     * Moved by any committed write: SQLite's counter of changes committed by other connections; on
     * PostgreSQL the newest transaction id found on a row (a delete moves the row counts instead).
     */
    static long dataVersion() throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(TestEngine.onPostgresql() ? versionQuery : "PRAGMA data_version")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Moves whenever a write may have been committed since it was last read, so that the row counts are
     * read again only then; read before them, so that a write committed while they are counted moves it.
     * SQLite: {@code data_version}, which every commit of another connection moves. PostgreSQL: the
     * server's current snapshot (the next transaction id and those in progress), which every writing
     * transaction on the server moves, deletes included, and those of other databases too (then the
     * rows are counted for nothing: never fewer times than needed).
     */
    static String changeMarker() throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(TestEngine.onPostgresql() ? "SELECT pg_current_snapshot()::text"
                     : "PRAGMA data_version")) {
            row.next();
            return row.getString(1);
        }
    }

    static long[] exceptLoginFailures(long[] counts) {
        long[] others = counts.clone();
        others[tables.indexOf("login_failures")] = 0;
        return others;
    }

    static String changes(long[] before, long[] after) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                changed.put(tables.get(i), before[i] + " -> " + after[i]);
            }
        }
        return changed.toString();
    }

    /** Text for a report: printable ASCII as is, everything else escaped, cut at {@code max} characters. */
    static String preview(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return bytes.length > max ? out + "... (" + bytes.length + " bytes)" : out.toString();
    }

    // ---------------------------------------------------------------- one generated request

    /** A request as sent: enough to replay it by hand. */
    record Hostile(String mutation, String method, byte[] target, String token, String contentType, byte[] body,
                   long declaredLength) {
        RawHttp.Answer send(int port) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(target);
            head.writeBytes(" HTTP/1.1\r\nHost: localhost".getBytes(StandardCharsets.US_ASCII));
            if (token != null) {
                head.writeBytes(("\r\nAuthorization: Bearer " + token).getBytes(StandardCharsets.US_ASCII));
            }
            if (contentType != null) {
                head.writeBytes(("\r\nContent-Type: " + contentType).getBytes(StandardCharsets.UTF_8));
            }
            return RawHttp.send(port, head.toByteArray(), body, declaredLength);
        }

        /** A body too large may be refused before it is read whole, the connection closed under the sender. */
        boolean mayBeCutShort() {
            return Math.max(body.length, declaredLength) > 1024 * 1024;
        }

        @Override
        public String toString() {
            String who = token == null ? "no token" : token.equals(TestApp.ADMIN_TOKEN) ? "admin"
                    : token.equals(BOGUS_TOKEN) ? "unknown token" : "desk";
            return "[" + mutation + "] " + method + " " + preview(target, 300) + " (" + who + ", Content-Type "
                    + contentType + ", Content-Length " + declaredLength + ") body: " + preview(body, 1500);
        }
    }

    /** The mutations, drawn from a seeded generator. */
    static final class Generator {
        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        private <T> T oneOf(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        /** The endpoint's valid request, unchanged, from the admin. */
        Hostile valid(Endpoint endpoint) {
            byte[] body = switch (endpoint.body()) {
                case NONE -> new byte[0];
                case JSON -> bytes(endpoint.base().get().toString());
                case CSV -> bytes((String) endpoint.base().get());
            };
            String contentType = endpoint.body() == Body.CSV ? "text/csv; charset=utf-8"
                    : endpoint.body() == Body.JSON ? "application/json" : null;
            return new Hostile("valid", endpoint.method(), bytes(endpoint.path(endpoint.param() == null ? ""
                    : endpoint.param().get())), TestApp.ADMIN_TOKEN, contentType, body, body.length);
        }

        Hostile mutate(Endpoint endpoint) {
            String token = endpoint.adminOnly() || chance(0.6) ? TestApp.ADMIN_TOKEN : deskToken;
            String paramValue = endpoint.param() == null ? "" : endpoint.param().get();
            byte[] target = endpoint.path(paramValue).getBytes(StandardCharsets.UTF_8);
            String contentType = switch (endpoint.body()) {
                case NONE -> null;
                case JSON -> "application/json";
                case CSV -> "text/csv; charset=utf-8";
            };
            byte[] body = switch (endpoint.body()) {
                case NONE -> new byte[0];
                case JSON -> bytes(endpoint.base().get().toString());
                case CSV -> bytes((String) endpoint.base().get());
            };
            String mutation;
            double dice = random.nextDouble();
            if (dice < 0.04) {
                mutation = "token";
                token = oneOf(Arrays.asList(null, BOGUS_TOKEN, deskToken, "", "\u00e9t\u00e9"));
                if (token != null && !token.isEmpty() && token.charAt(0) > 0x7f) {
                    token = BOGUS_TOKEN + "\u0001";
                }
            } else if (dice < 0.12) {
                mutation = "content-type";
                contentType = oneOf(Arrays.asList(null, "text/plain", "application/xml", "text/html",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json",
                        "text/csv", "application/json; charset=latin1", "application/json; charset=utf-16",
                        "application/octet-stream", "*/*", "application/", "garbage", ";;;", "application/json, text/csv",
                        "application/json; charset=\"utf-8", "image/png"));
            } else if (dice < 0.24 && endpoint.param() != null) {
                mutation = "path";
                target = hostilePath(endpoint, paramValue);
            } else if (dice < 0.245) {
                mutation = "oversized";
                body = oversized(endpoint);
                if (endpoint.body() == Body.CSV) {
                    // no import allows more than 64 MiB: declared a little over, it is refused before a byte is read
                    return new Hostile(mutation, endpoint.method(), target, token, contentType, body, 64L * 1024 * 1024 + 1);
                }
            } else if (dice < 0.29) {
                mutation = "declared-length";
                long declared = body.length + 1 + random.nextInt(1000);
                return new Hostile(mutation, endpoint.method(), target, token, contentType, body, declared);
            } else if (endpoint.body() == Body.CSV) {
                mutation = "csv";
                body = csvMutation((String) endpoint.base().get());
            } else if (endpoint.body() == Body.NONE) {
                mutation = "unexpected-body";
                contentType = "application/json";
                body = rawBody(endpoint, "{}");
            } else if (dice < 0.45) {
                mutation = "raw-body";
                body = rawBody(endpoint, endpoint.base().get().toString());
            } else {
                JsonNode tree = ((JsonNode) endpoint.base().get()).deepCopy();
                int times = chance(0.7) ? 1 : 2 + random.nextInt(3);
                List<String> done = new ArrayList<>();
                for (int i = 0; i < times; i++) {
                    done.add(mutateTree(tree));
                }
                mutation = String.join("+", done);
                body = bytes(write(tree));
            }
            if (chance(0.02)) {
                // a query string nobody asked for, or a hostile one
                String query = oneOf(List.of("?format=pdf", "?format=%00", "?format=csv", "?format=xml", "?a=%ZZ",
                        "?limit=-1", "?" + "x".repeat(3000) + "=1", "?format=json&format=csv"));
                target = concat(target, query.getBytes(StandardCharsets.US_ASCII));
                mutation += "+query";
            }
            return new Hostile(mutation, endpoint.method(), target, token, contentType, body, body.length);
        }

        // ------------------------------------------------------------ path parameters

        private byte[] hostilePath(Endpoint endpoint, String valid) {
            int choice = random.nextInt(4);
            if (choice == 0) {
                // bytes no encoder would send: raw non-ASCII, invalid UTF-8, spaces and controls in the request line
                byte[] raw = oneOf(List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, (byte) 0x28},
                        new byte[] {(byte) 0xc3, (byte) 0xa9}, new byte[] {' '}, new byte[] {'\t'},
                        new byte[] {0x01}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {'"'},
                        new byte[] {'<', '>'}, new byte[] {'{', '}'}, new byte[] {'|'}, new byte[] {'\\'}));
                byte[] value = bytes(valid);
                int at = random.nextInt(value.length + 1);
                return endpoint.path(new String(Arrays.copyOfRange(value, 0, at), StandardCharsets.ISO_8859_1)
                        + new String(raw, StandardCharsets.ISO_8859_1)
                        + new String(Arrays.copyOfRange(value, at, value.length), StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            List<String> common = List.of("%00", "%2F", "a%2Fb", "%2e%2e", "..", "%2e%2e%2f", "%252e%252e", "%ZZ", "%",
                    "%C3%28", "%FF", "%ED%A0%80", "%C0%AF", "%20", "%09", "%0A", "%0D%0AX-Injected:%201", "%E2%80%AE",
                    "%EF%BB%BF", "%F0%9F%92%BB", ";jsessionid=1", "a;b=c", "%3B", "%5C", "~", "%7E", "%27%20OR%201%3D1",
                    "%3Cscript%3E", "null", "undefined", "NaN", "-0", "0", "-1", "1e3", "0x1F", "99999999999999999999",
                    "9223372036854775808", "A".repeat(3000), "A".repeat(70_000), "%C3%A9%C3%A9",
                    "%D9%A3%D9%A5", valid + "%00", valid + "%20", "%20" + valid, valid.toLowerCase(),
                    valid + valid, valid.repeat(200), valid + "/..", valid + "%2F..", valid + ";x=1", valid + ".json");
            String value = switch (endpoint.paramKind()) {
                case UAI -> oneOf(List.of("0350963H", "0350963", "03509630G", "0350963g", "O350963G", "035O963G",
                        "9999999A", "0000000A", "%D9%A0%D9%A3%D9%A5%D9%A0%D9%A9%D9%A6%D9%A3G",
                        "%EF%BC%90%EF%BC%93%EF%BC%95%EF%BC%90%EF%BC%99%EF%BC%96%EF%BC%93G", "0350963G%C2%A0"));
                case ASSET_TAG -> oneOf(List.of("AGR-2026-000001", "ABC", "a", "HOSTILE1%00", valid.substring(1),
                        valid.substring(0, valid.length() - 1) + "#", "%23", "*", "%25", "_", "%5F%25"));
                case AGREEMENT -> oneOf(List.of("AGR-", "AGR-2026-", "AGR-2026-0", "AGR-9999999-000001",
                        "AGR-2026-99999999999999999999", "agr-2026-000001", "AGR-2026-%00", "AGR-2026-000001-1",
                        "AGR-0000-000000", "AGR--1", valid.replace("AGR-", "")));
                // written from the record's own number: another record (the admin) must not be hit by chance
                case ID -> oneOf(List.of("0000000000" + valid, "+" + valid, "+0", valid + ".0", valid + "e0",
                        "%20" + valid, valid + "%20", otherDigits(valid, 0xFF10), otherDigits(valid, 0x0660),
                        otherDigits(valid, 0x0966), "-9223372036854775808", "9223372036854775807",
                        "4294967296", "2147483648"));
                case NONE -> valid;
            };
            return bytes(endpoint.path(choice == 1 ? value : oneOf(common)));
        }

        /** The number in another script's digits (fullwidth, Arabic-Indic...), percent-encoded. */
        private static String otherDigits(String number, int zero) {
            StringBuilder out = new StringBuilder();
            for (char c : number.toCharArray()) {
                for (byte b : String.valueOf((char) (zero + c - '0')).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("%%%02X", b & 0xff));
                }
            }
            return out.toString();
        }

        // ------------------------------------------------------------ whole bodies

        private byte[] oversized(Endpoint endpoint) {
            String filler = "a".repeat(1024 * 1024 + random.nextInt(4096));
            return bytes("{\"note\": \"" + filler + "\"}");
        }

        private byte[] rawBody(Endpoint endpoint, String valid) {
            int depth = 1000 + random.nextInt(4000);
            return switch (random.nextInt(24)) {
                case 0 -> new byte[0];
                case 1 -> bytes(oneOf(List.of("null", "[]", "true", "0", "\"texte\"", "1e400", "-0", "NaN", "{}", "[{}]",
                        " ", "\n", "\u0000")));
                case 2 -> bytes("[".repeat(depth));
                case 3 -> bytes("[".repeat(depth) + "]".repeat(depth));
                case 4 -> bytes("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
                case 5 -> bytes(valid.substring(0, random.nextInt(Math.max(1, valid.length()))));
                case 6 -> injectBytes(bytes(valid));
                case 7 -> bytes(valid + oneOf(List.of("}", "]", "x", " {}", "\u0000", ",")));
                case 8 -> bytes(valid.replaceFirst("\\{", "{\"" + firstKey(valid) + "\": null, "));
                case 9 -> bytes("/* commentaire */ " + valid);
                case 10 -> bytes(valid.replace('"', '\''));
                case 11 -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes(valid));
                case 12 -> valid.getBytes(StandardCharsets.UTF_16);
                case 13 -> valid.getBytes(StandardCharsets.ISO_8859_1);
                case 14 -> bytes(valid.replaceFirst(":\\s*\"", ": NaN, \"x\": \""));
                case 15 -> bytes("{\"a\": \"" + "\\u0000".repeat(1 + random.nextInt(100)) + "\"}");
                case 16 -> bytes("{\"" + "k".repeat(100_000) + "\": 1}");
                case 17 -> bytes("{" + "\"k\": 1, ".repeat(20_000) + "\"k\": 2}");
                case 18 -> bytes("[" + "1,".repeat(100_000) + "1]");
                case 19 -> bytes("{\"a\": 1" + "0".repeat(2000) + "}");
                case 20 -> bytes(valid.replaceAll("\\s*:\\s*", ":\n\t "));
                case 21 -> bytes(valid.replaceFirst("\"", "\"\\ud800"));
                case 22 -> bytes("\"" + "\\\\".repeat(1000) + "\"");
                default -> bytes("<?xml version=\"1.0\"?><a/>");
            };
        }

        private static String firstKey(String json) {
            int start = json.indexOf('"');
            int end = json.indexOf('"', start + 1);
            return start < 0 || end < 0 ? "a" : json.substring(start + 1, end);
        }

        /** Bytes that are not UTF-8 inside a string value: a lone continuation, an overlong form, a surrogate. */
        private byte[] injectBytes(byte[] valid) {
            byte[] bad = oneOf(List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xc3}, new byte[] {0x00}, new byte[] {0x1b, '[', '2', 'J'}));
            List<Integer> quotes = new ArrayList<>();
            for (int i = 0; i < valid.length; i++) {
                if (valid[i] == '"') {
                    quotes.add(i);
                }
            }
            int at = quotes.isEmpty() ? 0 : quotes.get(random.nextInt(quotes.size())) + 1;
            return concat(concat(Arrays.copyOfRange(valid, 0, at), bad), Arrays.copyOfRange(valid, at, valid.length));
        }

        // ------------------------------------------------------------ JSON trees

        /** One change at a random place of the tree; says which. */
        private String mutateTree(JsonNode root) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode container = oneOf(containers);
            if (container instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                int kind = random.nextInt(10);
                if (names.isEmpty() || kind == 0) {
                    object.set(oneOf(List.of("extra", "id", "__proto__", "constructor", "status", "admin", "$where",
                            "", " ", "é", "\u0000", "a.b", "a[0]")), hostileValue());
                    return "extra-field";
                }
                String name = oneOf(names);
                if (kind == 1) {
                    object.remove(name);
                    return "missing:" + name;
                }
                if (kind == 2) {
                    object.putNull(name);
                    return "null:" + name;
                }
                if (kind == 3) {
                    // the name itself, changed
                    JsonNode value = object.remove(name);
                    object.set(oneOf(List.of(name.toUpperCase(), name + " ", " " + name, name.toLowerCase() + "_",
                            name + "\u0000", name.replace('e', '\u00e9'))), value);
                    return "renamed:" + name;
                }
                object.set(name, hostileValue());
                return "value:" + name;
            }
            ArrayNode array = (ArrayNode) container;
            if (array.isEmpty() || chance(0.5)) {
                array.add(hostileValue());
                return "array-item";
            }
            array.set(random.nextInt(array.size()), hostileValue());
            return "array-value";
        }

        private static void collect(JsonNode node, List<JsonNode> into) {
            if (node.isContainerNode()) {
                into.add(node);
                node.forEach(child -> collect(child, into));
            }
        }

        private JsonNode hostileValue() {
            int kind = random.nextInt(8);
            return switch (kind) {
                case 0 -> JSON.getNodeFactory().textNode(hostileText());
                case 1 -> JSON.getNodeFactory().rawValueNode(new RawValue(oneOf(NUMBERS)));
                case 2 -> JSON.getNodeFactory().textNode(oneOf(DATES));
                case 3 -> JSON.getNodeFactory().textNode(oneOf(List.of("LAPTOP", "DONGLE_4G", "laptop", "Laptop",
                        "AVAILABLE", "ON_LOAN", "RETIRED", "LOST", "GOOD", "BROKEN", "ADMIN", "DESK", "SOCIAL_WORKER",
                        "COLLECTIVITY", "commune:35238", "departement:035", "region:53", "departement:", "commune:",
                        "region:999", "departement:035:x", COLLEGE, LYCEE, "0350963H", "AGR-2026-000001")));
                case 4 -> oneOf(List.of(JSON.getNodeFactory().booleanNode(true), JSON.getNodeFactory().booleanNode(false),
                        JSON.getNodeFactory().nullNode(), JSON.createObjectNode(), JSON.createArrayNode(),
                        JSON.createArrayNode().addNull(), JSON.createArrayNode().add(1).add("a"),
                        JSON.createObjectNode().put("reason", "x"), JSON.createObjectNode().putNull("x")));
                case 5 -> JSON.getNodeFactory().rawValueNode(new RawValue(deep()));
                case 6 -> {
                    ArrayNode many = JSON.createArrayNode();
                    int size = oneOf(List.of(0, 1, 2, 100, 1000, 20_000));
                    String item = hostileText();
                    for (int i = 0; i < size; i++) {
                        many.add(item.length() > 200 ? "x" : item);
                    }
                    yield many;
                }
                default -> JSON.getNodeFactory().rawValueNode(new RawValue(oneOf(RAW_STRINGS)));
            };
        }

        private String deep() {
            int depth = oneOf(List.of(10, 500, 999, 1001, 3000));
            return chance(0.5) ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        }

        private String hostileText() {
            return switch (random.nextInt(6)) {
                case 0 -> oneOf(STRINGS);
                case 1 -> oneOf(List.of("a", "é", "\u0000", "'", "9", "\u202e", "🙂")).repeat(oneOf(List.of(61, 201,
                        1001, 10_001, 100_001)));
                case 2 -> oneOf(DATES);
                case 3 -> oneOf(STRINGS) + oneOf(STRINGS);
                case 4 -> {
                    StringBuilder noise = new StringBuilder();
                    int length = 1 + random.nextInt(40);
                    for (int i = 0; i < length; i++) {
                        int c = random.nextInt(0x3000);
                        noise.append(Character.isSurrogate((char) c) ? '?' : (char) c);
                    }
                    yield noise.toString();
                }
                default -> "  " + oneOf(List.of("Mme Dupont", "0612345678", "35238", COLLEGE, "LAPTOP")) + "\t";
            };
        }

        // ------------------------------------------------------------ CSV

        private byte[] csvMutation(String valid) {
            String[] lines = valid.split("\n", -1);
            int line = random.nextInt(Math.max(1, lines.length - 1));
            String[] cells = lines[line].split(";", -1);
            int cell = random.nextInt(cells.length);
            switch (random.nextInt(16)) {
                case 0 -> { return new byte[0]; }
                case 1 -> { return bytes(lines[0]); }
                case 2 -> { return bytes(valid.substring(valid.indexOf('\n') + 1)); }
                case 3 -> { return injectBytes(bytes(valid)); }
                case 4 -> { return bytes(valid.replace("\n", "\r")); }
                case 5 -> { return bytes(valid.replace(";", ",")); }
                case 6 -> { return bytes(valid + "\"non fermé;" + "x".repeat(100) + "\n"); }
                case 7 -> { return bytes(lines[0] + "\n" + ";".repeat(20_000) + "\n"); }
                case 8 -> { return bytes(valid + (lines[1] + "\n").repeat(300)); }
                case 9 -> { return bytes("\uFEFF\uFEFF" + valid); }
                case 10 -> { return bytes(valid.replace("\n", "\n\n\n")); }
                case 11 -> { return bytes(lines[0].replace(";", ";;") + "\n" + lines[1] + "\n"); }
                case 12 -> { return valid.getBytes(StandardCharsets.UTF_16LE); }
                default -> {
                    cells[cell] = oneOf(List.of(hostileText(), "=cmd|' /C calc'!A0", "\"", "\"\"", "\";\"",
                            "\u0000", "x".repeat(100_000), "-1", "1e400", "NaN", "2026-02-30", "99999-01-01", ""));
                    lines[line] = String.join(";", cells);
                    return bytes(String.join("\n", lines));
                }
            }
        }
    }

    static final List<String> STRINGS = List.of("", " ", "\u0000", "abc\u0000def", "\t", "\r\n", "\u0007", "\u001b[31m",
            "'; DROP TABLE devices; --", "\" OR 1=1 --", "' OR '1'='1", "1; DELETE FROM families", "%", "_", "\\",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://localhost/x}",
            "{{7*7}}", "%s%n%x", "../../etc/passwd", "file:///etc/passwd", "\u202eevil", "\u200b", "\ufeff", "\uffff",
            "\ufffd", "👩‍👩‍👧‍👦", "e\u0301\u0301\u0301", "Ａ０３５", "٣٥٢٣٨", "३५२३८", "𝟑𝟓𝟐𝟑𝟖", "İı", "ß", "ﬁ",
            "NaN", "Infinity", "-0", "1e400", "null", "true", "0x10", "+33 6 12 34 56 78", "+999999999999999999",
            "0612345678\u0000", "a@b", "@", "parent@@example.org", "x".repeat(61), "AGR-2026-000001", "0350963G",
            "2026-02-30", "    ", "\u00a0", "\u2028", "\u3000");
    static final List<String> NUMBERS = List.of("0", "-0", "-1", "1", "1.5", "-1.5", "1e400", "-1e400", "1e-400",
            "1E2", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "99999999999999999999999999999", "0.0000001", "123456789012345678901234567890e10",
            "1" + "0".repeat(999), "1" + "0".repeat(1500));
    static final List<String> DATES = List.of("2026-02-30", "0000-01-01", "99999-01-01", "+99999-01-01", "-0001-01-01",
            "2026-13-01", "2026-00-10", "2026-1-1", "20260101", "2025-02-29", "1970-01-01", "1900-01-01", "2999-12-31",
            "9999-12-31", "2026-01-01T00:00:00Z", "2026-09-01T25:00:00Z", "+1000000000-01-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z", "2026-09-01T08:30:00+14:00", "2026-09-01 08:30", "today", "01/09/2026",
            "2026-W01-1", "1e400", "");
    /** JSON literals written as they are: escapes a serialiser would never produce. */
    static final List<String> RAW_STRINGS = List.of("\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"",
            "\"a\\u0000b\"", "\"\\uFFFE\"", "\"\\/\\/\"", "\"" + "\\n".repeat(500) + "\"", "1e400", "-1e400",
            "123456789012345678901234567890", "-0.0", "1E+2147483648");

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
