package fr.ecole.lending.auth;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.FailedMessages;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint, as every role, inside and outside its scope, with the exact status expected:
 * 403 for an action the role never has, 404 for a record outside the caller's scope.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccessMatrixIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    /** Baulon, a commune of Ille-et-Vilaine outside Rennes. */
    static final String BAULON = "35016";
    static final String RENNES = "35238";
    static final AtomicInteger NAMES = new AtomicInteger();

    static Api admin;
    static final Map<String, Api> CALLERS = new LinkedHashMap<>();
    static String collegeDevice;
    static String lyceeDevice;
    static long rennesFamily;
    static long baulonFamily;
    /** The guardians' names of the two families: what must never show outside their reach. */
    static final String RENNES_GUARDIAN = "Maëlys Rennaise-" + UUID.randomUUID();
    static final String BAULON_GUARDIAN = "Goulven Baulonnais-" + UUID.randomUUID();
    static String collegeAgreement;
    static String lyceeAgreement;
    static long rennesReferral;
    static long funder;

    @BeforeAll
    static void scene() {
        admin = new Api(APP);
        CALLERS.put("ADMIN", admin);
        CALLERS.put("DESK", admin.as(token(Map.of("role", "DESK", "establishments", List.of(COLLEGE)))));
        CALLERS.put("SOCIAL_WORKER_IN", admin.as(token(Map.of("role", "SOCIAL_WORKER", "territory", "commune:" + RENNES))));
        CALLERS.put("SOCIAL_WORKER_OUT", admin.as(token(Map.of("role", "SOCIAL_WORKER", "territory", "commune:" + BAULON))));
        CALLERS.put("COLLECTIVITY", admin.as(token(Map.of("role", "COLLECTIVITY", "territory", "departement:035"))));
        CALLERS.put("RECTORAT", admin.as(token(Map.of("role", "RECTORAT", "territory", "academie:14"))));
        funder = admin.post("/api/funders", Map.of("kind", "STATE", "name", "État – matrice des accès",
                "allowsTransfersOutside", true)).expect(201).path("id").asLong();
        CALLERS.put("FUNDER", admin.as(token(Map.of("role", "FUNDER", "funder", funder))));
        CALLERS.put("NOBODY", admin.as(null));

        collegeDevice = device(COLLEGE);
        lyceeDevice = device(LYCEE);
        rennesFamily = family(RENNES, COLLEGE, RENNES_GUARDIAN);
        baulonFamily = family(BAULON, LYCEE, BAULON_GUARDIAN);
        collegeAgreement = lend(rennesFamily, COLLEGE, device(COLLEGE));
        lyceeAgreement = lend(baulonFamily, LYCEE, device(LYCEE));
        rennesReferral = admin.post("/api/families/" + rennesFamily + "/referrals", Map.of("kind", "MEDIATION"))
                .expect(201).path("id").asLong();
    }

    static String token(Map<String, Object> scope) {
        Map<String, Object> body = new LinkedHashMap<>(scope);
        body.put("name", "user-" + NAMES.incrementAndGet());
        Reply reply = admin.post("/api/users", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("token").asText();
    }

    static String device(String uai) {
        return admin.post("/api/establishments/" + uai + "/devices", Builders.laptop()).json().path("assetTag").asText();
    }

    static Map<String, Object> familyBody(String commune, String uai) {
        Map<String, Object> body = Builders.family("Famille " + NAMES.incrementAndGet(), uai);
        body.put("communeInsee", commune);
        return body;
    }

    static long family(String commune, String uai, String guardian) {
        Map<String, Object> body = Builders.family(guardian, uai);
        body.put("communeInsee", commune);
        Reply reply = admin.post("/api/families", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("id").asLong();
    }

    static String lend(long familyId, String uai, String tag) {
        Reply reply = admin.post("/api/agreements", Builders.agreement(familyId, uai, List.of(tag), UUID.randomUUID().toString()));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("number").asText();
    }

    /** The agreement of the last {@link #swapOf}, which the swap is sent to (the body is made before the path). */
    static String swapAgreement;

    /** A device out on loan from {@code uai} and another of its pool to replace it. */
    static Map<String, Object> swapOf(String uai) {
        String out = device(uai);
        swapAgreement = lend(uai.equals(COLLEGE) ? rennesFamily : baulonFamily, uai, out);
        return Map.of("out", out, "in", device(uai), "condition", "BROKEN");
    }

    /** The agreement of the last {@link #handoverOf}, which the handover is sent to. */
    static String handoverAgreement;

    /** A device out on loan from {@code from} to a family with a pupil at {@code to}, to hand over there. */
    static Map<String, Object> handoverOf(String from, String to) {
        Reply family = admin.post("/api/families", Builders.family("Famille " + UUID.randomUUID(), from, to));
        assertThat(family.status()).as(family.text()).isEqualTo(201);
        handoverAgreement = lend(family.json().path("id").asLong(), from, device(from));
        return Map.of("toUai", to);
    }

    /** A device out on loan from {@code uai}, ready to come back. */
    static Map<String, Object> returnOf(String uai) {
        String tag = device(uai);
        lend(uai.equals(COLLEGE) ? rennesFamily : baulonFamily, uai, tag);
        return Map.of("assetTag", tag, "condition", "GOOD");
    }

    record Call(String what, String method, Supplier<String> path, Supplier<Object> body, Map<String, Integer> expected) {
    }

    /**
     * Expected statuses in the order of CALLERS: ADMIN, DESK, SOCIAL_WORKER_IN, SOCIAL_WORKER_OUT, COLLECTIVITY,
     * then the rectorat of académie 14, which holds the collectivity's département: it reads what the
     * collectivity reads (reports, public facts) and is refused the rest, as the collectivity is, unless a
     * row gives it a figure of its own ({@link #expect(int, int, int, int, int, int)}); a funder's user is
     * refused (403) every record and action but those {@link #expect(int, int, int, int, int, int, int)}
     * names: the loans report and the funders' list; NOBODY always 401.
     */
    static Map<String, Integer> expect(int admin, int desk, int socialIn, int socialOut, int collectivity) {
        return expect(admin, desk, socialIn, socialOut, collectivity, collectivity);
    }

    static Map<String, Integer> expect(int admin, int desk, int socialIn, int socialOut, int collectivity, int rectorat) {
        return expect(admin, desk, socialIn, socialOut, collectivity, rectorat, 403);
    }

    static Map<String, Integer> expect(int admin, int desk, int socialIn, int socialOut, int collectivity, int rectorat,
                                       int funder) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("ADMIN", admin);
        out.put("DESK", desk);
        out.put("SOCIAL_WORKER_IN", socialIn);
        out.put("SOCIAL_WORKER_OUT", socialOut);
        out.put("COLLECTIVITY", collectivity);
        out.put("RECTORAT", rectorat);
        out.put("FUNDER", funder);
        out.put("NOBODY", 401);
        return out;
    }

    static Call get(String what, Supplier<String> path, Map<String, Integer> expected) {
        return new Call(what, "GET", path, null, expected);
    }

    static Call send(String what, String method, Supplier<String> path, Supplier<Object> body, Map<String, Integer> expected) {
        return new Call(what, method, path, body, expected);
    }

    static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        calls.add(get("read an establishment", () -> "/api/establishments/" + COLLEGE, expect(200, 200, 200, 200, 200)));
        calls.add(send("import the directory", "CSV", () -> "/api/imports/establishments", () ->
                "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;Nom_commune;"
                        + "Code_departement;Code_region;Appartenance_Education_Prioritaire\n"
                        + "0350122T;Ecole primaire publique les Lucioles;Ecole;35016;Baulon;035;53;\n",
                expect(200, 403, 403, 403, 403)));

        calls.add(send("create a user", "POST", () -> "/api/users", () -> Map.of("name", "new-" + NAMES.incrementAndGet(),
                "role", "COLLECTIVITY", "territory", "region:53"), expect(201, 403, 403, 403, 403)));
        calls.add(get("list users", () -> "/api/users", expect(200, 403, 403, 403, 403)));
        calls.add(get("list the funders", () -> "/api/funders", expect(200, 200, 200, 200, 200, 200, 200)));
        calls.add(get("read a funder", () -> "/api/funders/" + funder, expect(200, 200, 200, 200, 200, 200, 200)));
        calls.add(send("record a funder", "POST", () -> "/api/funders", () -> Map.of("kind", "FOUNDATION",
                "name", "Fondation " + NAMES.incrementAndGet(), "allowsTransfersOutside", false),
                expect(201, 403, 403, 403, 403)));
        calls.add(send("deactivate a user", "POST", () -> "/api/users/" + victim() + "/deactivation", () -> "",
                expect(200, 403, 403, 403, 403)));
        calls.add(send("replace a user's token", "POST", () -> "/api/users/" + victim() + "/token", () -> "",
                expect(200, 403, 403, 403, 403)));
        calls.add(send("set a user's password", "PUT", () -> "/api/users/" + victim() + "/password",
                () -> Map.of("password", "un mot de passe assez long"), expect(204, 403, 403, 403, 403)));
        calls.add(get("read the audit log", () -> "/api/audit", expect(200, 403, 403, 403, 403)));

        calls.add(send("register a device of the desk's school", "POST", () -> "/api/establishments/" + COLLEGE + "/devices",
                Builders::laptop, expect(201, 201, 403, 403, 403)));
        calls.add(send("register a device of another school", "POST", () -> "/api/establishments/" + LYCEE + "/devices",
                Builders::laptop, expect(201, 403, 403, 403, 403)));
        calls.add(get("list the desk's pool", () -> "/api/establishments/" + COLLEGE + "/devices", expect(200, 200, 403, 403, 403)));
        calls.add(get("list another pool", () -> "/api/establishments/" + LYCEE + "/devices", expect(200, 403, 403, 403, 403)));
        calls.add(get("read a device of the desk's school", () -> "/api/devices/" + collegeDevice, expect(200, 200, 403, 403, 403)));
        calls.add(get("read a device of another school", () -> "/api/devices/" + lyceeDevice, expect(200, 404, 403, 403, 403)));
        calls.add(send("change a device of the desk's school", "PATCH", () -> "/api/devices/" + collegeDevice,
                () -> Map.of("status", "AVAILABLE"), expect(200, 200, 403, 403, 403)));
        calls.add(send("change a device of another school", "PATCH", () -> "/api/devices/" + lyceeDevice,
                () -> Map.of("status", "AVAILABLE"), expect(200, 404, 403, 403, 403)));
        calls.add(get("a device's history", () -> "/api/devices/" + collegeDevice + "/history", expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's device history", () -> "/api/devices/" + lyceeDevice + "/history",
                expect(200, 404, 403, 403, 403)));

        calls.add(send("register a family of Rennes at the collège", "POST", () -> "/api/families",
                () -> familyBody(RENNES, COLLEGE), expect(201, 201, 201, 403, 403)));
        calls.add(send("register a family of Baulon at the lycée", "POST", () -> "/api/families",
                () -> familyBody(BAULON, LYCEE), expect(201, 403, 403, 201, 403)));
        calls.add(get("read a family of Rennes at the collège", () -> "/api/families/" + rennesFamily,
                expect(200, 200, 200, 404, 403)));
        calls.add(get("read a family of Baulon at the lycée", () -> "/api/families/" + baulonFamily,
                expect(200, 404, 404, 200, 403)));
        calls.add(send("correct a family of Rennes", "PATCH", () -> "/api/families/" + rennesFamily,
                () -> Map.of("guardian", Map.of("name", "Nom corrigé")), expect(200, 200, 200, 404, 403)));
        calls.add(send("correct a family of Baulon", "PATCH", () -> "/api/families/" + baulonFamily,
                () -> Map.of("guardian", Map.of("name", "Nom corrigé")), expect(200, 404, 404, 200, 403)));
        calls.add(get("search families", () -> "/api/families?q=famille", expect(200, 200, 200, 200, 403)));
        calls.add(get("export a family of Rennes at the collège", () -> "/api/families/" + rennesFamily + "/export",
                expect(200, 200, 403, 403, 403)));
        calls.add(get("export a family of Baulon at the lycée", () -> "/api/families/" + baulonFamily + "/export?format=pdf",
                expect(200, 404, 403, 403, 403)));

        calls.add(send("lend from the desk's school", "POST", () -> "/api/agreements",
                () -> Builders.agreement(rennesFamily, COLLEGE, List.of(device(COLLEGE)), UUID.randomUUID().toString()),
                expect(201, 201, 403, 403, 403)));
        calls.add(send("lend from another school", "POST", () -> "/api/agreements",
                () -> Builders.agreement(baulonFamily, LYCEE, List.of(device(LYCEE)), UUID.randomUUID().toString()),
                expect(201, 403, 403, 403, 403)));
        calls.add(get("read an agreement of the collège (family of Rennes)", () -> "/api/agreements/" + collegeAgreement,
                expect(200, 200, 200, 404, 403)));
        calls.add(get("read an agreement of the lycée (family of Baulon)", () -> "/api/agreements/" + lyceeAgreement,
                expect(200, 404, 404, 200, 403)));
        calls.add(send("take back a device of the desk's school", "POST", () -> "/api/returns",
                () -> returnOf(COLLEGE), expect(200, 200, 403, 403, 403)));
        calls.add(send("take back a device of another school", "POST", () -> "/api/returns",
                () -> returnOf(LYCEE), expect(200, 404, 403, 403, 403)));
        calls.add(get("the returns handed in elsewhere for the desk's school", () -> "/api/returns?status=PENDING&uai="
                + COLLEGE, expect(200, 200, 403, 403, 403)));
        calls.add(get("those of another school", () -> "/api/returns?uai=" + LYCEE, expect(200, 403, 403, 403, 403)));

        calls.add(get("read the criteria", () -> "/api/criteria", expect(200, 200, 200, 200, 200)));
        calls.add(send("diagnose a family of Rennes at the collège", "POST", () -> "/api/families/" + rennesFamily
                + "/diagnostics", () -> Map.of("answers", Builders.answers()),
                expect(201, 201, 201, 404, 403)));
        calls.add(send("diagnose a family of Baulon at the lycée", "POST", () -> "/api/families/" + baulonFamily
                + "/diagnostics", () -> Map.of("answers", Builders.answers()),
                expect(201, 404, 404, 201, 403)));
        calls.add(get("a family's diagnostics", () -> "/api/families/" + rennesFamily + "/diagnostics",
                expect(200, 200, 200, 404, 403)));
        calls.add(send("refer a family of Rennes at the collège", "POST", () -> "/api/families/" + rennesFamily
                + "/referrals", () -> Map.of("kind", "SOCIAL_TARIFF"), expect(201, 201, 201, 404, 403)));
        calls.add(send("refer a family of Baulon at the lycée", "POST", () -> "/api/families/" + baulonFamily
                + "/referrals", () -> Map.of("kind", "PUBLIC_ACCESS"), expect(201, 404, 404, 201, 403)));
        calls.add(get("a family's referrals", () -> "/api/families/" + rennesFamily + "/referrals",
                expect(200, 200, 200, 404, 403)));
        calls.add(send("follow a referral of a family of Rennes", "PATCH", () -> "/api/referrals/" + rennesReferral,
                () -> Map.of("status", "ACCEPTED", "note", "Rendez-vous pris"), expect(200, 200, 200, 404, 403)));
        calls.add(send("open a survey at the desk's collège", "POST", () -> "/api/establishments/" + COLLEGE + "/surveys",
                () -> Map.of("codes", 2), expect(201, 201, 403, 403, 403)));
        calls.add(send("open a survey at the lycée", "POST", () -> "/api/establishments/" + LYCEE + "/surveys",
                () -> Map.of("codes", 2), expect(201, 404, 403, 403, 403)));
        calls.add(get("the collège's surveys", () -> "/api/establishments/" + COLLEGE + "/surveys",
                expect(200, 200, 403, 403, 403)));
        calls.add(get("the lycée's surveys", () -> "/api/establishments/" + LYCEE + "/surveys",
                expect(200, 404, 403, 403, 403)));
        calls.add(get("the collège's requests to be called back", () -> "/api/establishments/" + COLLEGE
                + "/contact-requests", expect(200, 200, 403, 403, 403)));
        calls.add(get("the lycée's requests to be called back", () -> "/api/establishments/" + LYCEE
                + "/contact-requests", expect(200, 404, 403, 403, 403)));
        calls.add(get("the survey report", () -> "/api/reports/survey?territory=departement:035",
                expect(200, 403, 403, 403, 200)));
        calls.add(get("the referrals report", () -> "/api/reports/referrals?territory=departement:035",
                expect(200, 403, 403, 403, 200)));
        calls.add(send("check eligibility", "POST", () -> "/api/eligibility", () -> Map.of("answers",
                Builders.answers(), "uai", COLLEGE), expect(200, 200, 200, 200, 403)));
        calls.add(get("the desk's waiting list", () -> "/api/establishments/" + COLLEGE + "/waiting-list",
                expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's waiting list", () -> "/api/establishments/" + LYCEE + "/waiting-list",
                expect(200, 403, 403, 403, 403)));
        calls.add(send("import 4G coverage", "CSV", () -> "/api/imports/coverage", () -> "code_insee;niveau_4g\n35238;GOOD\n",
                expect(200, 403, 403, 403, 403)));

        calls.add(get("a device's label", () -> "/api/devices/" + collegeDevice + "/label.png", expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's device label", () -> "/api/devices/" + lyceeDevice + "/label.svg",
                expect(200, 404, 403, 403, 403)));
        calls.add(get("the desk's sheet of labels", () -> "/api/establishments/" + COLLEGE + "/labels.pdf",
                expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's sheet", () -> "/api/establishments/" + LYCEE + "/labels.pdf",
                expect(200, 403, 403, 403, 403)));
        calls.add(get("scan a device of the desk's school", () -> "/api/scan?code=" + collegeDevice,
                expect(200, 200, 403, 403, 403)));
        calls.add(get("scan a device of another school", () -> "/api/scan?code=" + lyceeDevice,
                expect(200, 404, 403, 403, 403)));
        calls.add(get("an agreement's label", () -> "/api/agreements/" + collegeAgreement + "/label.png",
                expect(200, 200, 200, 404, 403)));
        calls.add(send("import a delivery", "CSV", () -> "/api/establishments/" + COLLEGE + "/imports/devices",
                () -> "kind;serial;model\nLAPTOP;MX-" + NAMES.incrementAndGet() + ";Modèle\n", expect(200, 200, 403, 403, 403)));

        calls.add(get("the desk's agreements", () -> "/api/agreements?uai=" + COLLEGE, expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's agreements", () -> "/api/agreements?uai=" + LYCEE, expect(200, 403, 403, 403, 403)));
        calls.add(get("an agreement's document (family of Rennes)", () -> "/api/agreements/" + collegeAgreement
                + "/document.pdf", expect(200, 200, 200, 404, 403)));
        calls.add(get("an agreement's document (family of Baulon)", () -> "/api/agreements/" + lyceeAgreement
                + "/document.pdf", expect(200, 404, 404, 200, 403)));
        calls.add(send("renew an agreement of the desk's school", "POST", () -> "/api/agreements/" + collegeAgreement
                + "/renewal", () -> Map.of("dueDate", java.time.LocalDate.now().plusMonths(7).toString()),
                expect(200, 200, 403, 403, 403)));
        calls.add(send("renew an agreement of another school", "POST", () -> "/api/agreements/" + lyceeAgreement
                + "/renewal", () -> Map.of("dueDate", java.time.LocalDate.now().plusMonths(7).toString()),
                expect(200, 404, 403, 403, 403)));
        calls.add(send("swap a device at the desk's school", "POST", () -> "/api/agreements/" + swapAgreement + "/swap",
                () -> swapOf(COLLEGE), expect(200, 200, 403, 403, 403)));
        calls.add(send("swap a device at another school", "POST", () -> "/api/agreements/" + swapAgreement + "/swap",
                () -> swapOf(LYCEE), expect(200, 404, 403, 403, 403)));
        calls.add(send("hand over an agreement of the desk's school", "POST", () -> "/api/agreements/"
                + handoverAgreement + "/handover", () -> handoverOf(COLLEGE, LYCEE), expect(200, 200, 403, 403, 403)));
        calls.add(send("hand over an agreement of another school", "POST", () -> "/api/agreements/"
                + handoverAgreement + "/handover", () -> handoverOf(LYCEE, COLLEGE), expect(200, 404, 403, 403, 403)));
        calls.add(get("an agreement's handovers (family of Rennes)", () -> "/api/agreements/" + collegeAgreement
                + "/handovers", expect(200, 200, 200, 404, 403)));
        calls.add(get("the handovers to offer at the desk's school", () -> "/api/establishments/" + COLLEGE
                + "/handover-offers", expect(200, 200, 403, 403, 403)));
        calls.add(get("the handovers to offer at another school", () -> "/api/establishments/" + LYCEE
                + "/handover-offers", expect(200, 403, 403, 403, 403)));
        calls.add(get(HELD, () -> "/api/establishments/" + COLLEGE
                + "/devices/held", expect(200, 200, 403, 403, 403)));
        calls.add(get("the devices of other pools another school holds", () -> "/api/establishments/" + LYCEE
                + "/devices/held", expect(200, 403, 403, 403, 403)));
        calls.add(send("sign an agreement of another school", "POST", () -> "/api/agreements/" + lyceeAgreement
                + "/signature", () -> Map.of("signedBy", "X", "signedAt", java.time.Instant.now().toString()),
                expect(200, 404, 403, 403, 403)));
        calls.add(send("e-mail a copy of another school's signed agreement", "POST", () -> "/api/agreements/"
                + lyceeAgreement + "/copy", () -> Map.of("email", "parent.copie@example.org"),
                expect(202, 404, 403, 403, 403)));
        calls.add(get("the desk's e-mails", () -> "/api/messages?uai=" + COLLEGE, expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's e-mails", () -> "/api/messages?uai=" + LYCEE + "&status=QUEUED",
                expect(200, 403, 403, 403, 403)));
        calls.add(get("every school's e-mails", () -> "/api/messages", expect(200, 200, 403, 403, 403)));
        calls.add(send("send again a message the desk's school gave up", "POST", () -> "/api/messages/"
                + failedMessage(COLLEGE) + "/retry", () -> "", expect(200, 200, 403, 403, 403)));
        calls.add(send("send again another school's", "POST", () -> "/api/messages/" + failedMessage(LYCEE) + "/retry",
                () -> "", expect(200, 404, 403, 403, 403)));

        calls.add(send("confirm a wipe at the desk's school", "POST", () -> "/api/devices/" + collegeDevice + "/wipe",
                () -> Map.of(), expect(200, 200, 403, 403, 403)));
        calls.add(send("confirm a wipe at another school", "POST", () -> "/api/devices/" + lyceeDevice + "/wipe",
                () -> Map.of(), expect(200, 404, 403, 403, 403)));
        calls.add(get("a device's repairs", () -> "/api/devices/" + collegeDevice + "/repairs", expect(200, 200, 403, 403, 403)));
        calls.add(get("the desk's SIMs", () -> "/api/establishments/" + COLLEGE + "/sims", expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's SIMs", () -> "/api/establishments/" + LYCEE + "/sims", expect(200, 403, 403, 403, 403)));
        calls.add(get("an agreement's summary (family of Rennes)", () -> "/api/agreements/" + collegeAgreement
                + "/summary.pdf", expect(200, 200, 200, 404, 403)));

        calls.add(send("follow up the desk's overdue loans", "POST", () -> "/api/establishments/" + COLLEGE + "/follow-ups",
                () -> "", expect(200, 200, 403, 403, 403)));
        calls.add(send("follow up another school's", "POST", () -> "/api/establishments/" + LYCEE + "/follow-ups",
                () -> "", expect(200, 403, 403, 403, 403)));

        calls.add(get("the desk's campaign", () -> "/api/establishments/" + COLLEGE + "/campaign", expect(200, 200, 403, 403, 403)));
        calls.add(get("another school's campaign", () -> "/api/establishments/" + LYCEE + "/campaign",
                expect(200, 403, 403, 403, 403)));
        calls.add(send("transfer another school's device", "POST", () -> "/api/devices/" + lyceeDevice + "/transfer",
                () -> Map.of("uai", COLLEGE), expect(409, 404, 403, 403, 403)));

        calls.add(send("re-issue from another school's waiting list", "POST", () -> "/api/establishments/" + LYCEE
                + "/campaign/reissue", () -> Map.of("dueDate", java.time.LocalDate.now().plusMonths(9).toString()),
                expect(200, 403, 403, 403, 403)));
        calls.add(send("move up another school's pupils", "POST", () -> "/api/establishments/" + LYCEE + "/promotions",
                () -> Map.of(), expect(200, 403, 403, 403, 403)));

        calls.add(get("export the desk's loans", () -> "/api/exports/loans.csv?uai=" + COLLEGE, expect(200, 200, 403, 403, 403)));
        calls.add(get("export another school's loans", () -> "/api/exports/loans.csv?uai=" + LYCEE,
                expect(200, 403, 403, 403, 403)));

        calls.add(send("import pupil counts", "CSV", () -> "/api/imports/enrolments",
                () -> "Numero_d_etablissement;Annee_scolaire;Nombre_d_eleves\n0350002M;2018-2019;768\n",
                expect(200, 403, 403, 403, 403)));
        calls.add(send("import the carte scolaire", "CSV", () -> "/api/imports/catchments",
                () -> "code_insee;Code_RNE\n35238;0350963G\n", expect(200, 403, 403, 403, 403)));
        calls.add(send("import the communes' outlines", "POST", () -> "/api/imports/communes-geo",
                () -> Map.of("type", "FeatureCollection", "features", List.of()), expect(200, 403, 403, 403, 403)));

        for (String report : List.of("loans", "fragility", "connectivity", "summary")) {
            // a funder's user reads the loans of its own devices, in any territory (territories are public)
            boolean loans = report.equals("loans");
            calls.add(get("the " + report + " report of the collectivity's territory", () -> "/api/reports/" + report
                    + "?territory=departement:035", expect(200, 403, 403, 403, 200, 200, loans ? 200 : 403)));
            calls.add(get("the " + report + " report of a commune within it", () -> "/api/reports/" + report
                    + "?territory=commune:" + RENNES, expect(200, 403, 403, 403, 200, 200, loans ? 200 : 403)));
            calls.add(get("the " + report + " report of another territory", () -> "/api/reports/" + report
                    + "?territory=departement:056", expect(404, 403, 403, 403, 403, 403, loans ? 404 : 403)));
            calls.add(get("the " + report + " report of the rectorat's académie", () -> "/api/reports/" + report
                    + "?territory=academie:14", expect(200, 403, 403, 403, 403, 200, loans ? 200 : 403)));
            calls.add(get("the " + report + " report of another académie", () -> "/api/reports/" + report
                    + "?territory=academie:15", expect(404, 403, 403, 403, 403, 403, loans ? 404 : 403)));
        }
        calls.add(send("create a rectorat's user", "POST", () -> "/api/users", () -> Map.of("name", "new-" + NAMES.incrementAndGet(),
                "role", "RECTORAT", "territory", "academie:14"), expect(201, 403, 403, 403, 403)));
        calls.add(get("the loans report of the funder's devices everywhere", () -> "/api/reports/loans",
                expect(422, 403, 403, 403, 200, 200, 200)));
        return calls;
    }

    /** A message given up (FAILED) at {@code uai}, one for each call. */
    static long failedMessage(String uai) {
        return FailedMessages.insert(APP.getConfiguration().getDataSourceFactory().getUrl(), uai);
    }

    static long victim() {
        return admin.post("/api/users", Map.of("name", "victim-" + NAMES.incrementAndGet(), "role", "DESK",
                "establishments", List.of(COLLEGE))).json().path("id").asLong();
    }

    static Reply perform(Api api, Call call) {
        Object body = call.body() == null ? null : call.body().get();
        String path = call.path().get();
        return switch (call.method()) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, body);
            case "PATCH" -> api.patch(path, body);
            case "PUT" -> api.send("PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(
                    body instanceof String text ? text : toJson(body)), "Content-Type", "application/json");
            case "CSV" -> api.postRaw(path, "text/csv", ((String) body).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    static String toJson(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAsEveryRole() {
        return calls().stream().flatMap(call -> call.expected().entrySet().stream().map(expected ->
                DynamicTest.dynamicTest(call.what() + " as " + expected.getKey() + " -> " + expected.getValue(), () -> {
                    Reply reply = perform(CALLERS.get(expected.getKey()), call);
                    assertThat(reply.status()).as(reply.text()).isEqualTo(expected.getValue());
                    if (reply.status() >= 400) {
                        assertThat(reply.json().path("error").asText()).isNotBlank();
                    }
                    if (reply.status() == 200 && call.method().equals("GET")) {
                        for (String foreign : outOfReach(expected.getKey())) {
                            if (call.what().equals(HELD) && foreign.equals(LYCEE)) {
                                continue;
                            }
                            assertThat(reply.text()).as("what %s reads holds nothing out of its reach", expected.getKey())
                                    .doesNotContain(foreign);
                        }
                    }
                })));
    }

    /**
     * What a caller's reads never show: a desk of the collège nothing of the lycée; a social worker
     * nothing of the family of the other commune; a collectivity or a rectorat no family and no agreement.
     */
    /**
     * The one read that names another school on purpose: a device the collège holds for the lycée's pool (its
     * agreement followed the pupil) names the lycée, where it goes home once returned; nothing else of it.
     */
    static final String HELD = "the devices of other pools the desk's school holds";

    static List<String> outOfReach(String caller) {
        return switch (caller) {
            case "DESK" -> List.of(LYCEE, lyceeDevice, lyceeAgreement, BAULON_GUARDIAN);
            case "SOCIAL_WORKER_IN" -> List.of(BAULON_GUARDIAN, lyceeAgreement, lyceeDevice);
            case "SOCIAL_WORKER_OUT" -> List.of(RENNES_GUARDIAN, collegeAgreement, collegeDevice);
            case "COLLECTIVITY", "RECTORAT", "FUNDER" -> List.of(RENNES_GUARDIAN, BAULON_GUARDIAN, collegeAgreement, lyceeAgreement,
                    "\"familyId\"", "\"guardian\"");
            default -> List.of();
        };
    }

    @Test
    void eachRoleFindsOnlyTheFamiliesWithinItsReach() {
        List<Long> forDesk = ids(CALLERS.get("DESK").get("/api/families?limit=500"));
        assertThat(forDesk).contains(rennesFamily).doesNotContain(baulonFamily);
        List<Long> forRennes = ids(CALLERS.get("SOCIAL_WORKER_IN").get("/api/families?limit=500"));
        assertThat(forRennes).contains(rennesFamily).doesNotContain(baulonFamily);
        List<Long> forBaulon = ids(CALLERS.get("SOCIAL_WORKER_OUT").get("/api/families?limit=500"));
        assertThat(forBaulon).contains(baulonFamily).doesNotContain(rennesFamily);
        assertThat(ids(admin.get("/api/families?limit=500"))).contains(rennesFamily, baulonFamily);
    }

    @Test
    void aDeskLendsNoDeviceItCannotSeeAndSaysNothingOfIt() {
        Reply reply = CALLERS.get("DESK").post("/api/agreements",
                Builders.agreement(rennesFamily, COLLEGE, List.of(lyceeDevice), UUID.randomUUID().toString()));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("unknown_device");
    }

    @Test
    void aFamilyInACommuneWithoutASchoolIsReachedTheSameWayBySearchAndByNumber() {
        long family = family("35005", COLLEGE, "Famille " + NAMES.incrementAndGet());
        for (String territory : List.of("commune:35005", "departement:035")) {
            Api worker = admin.as(token(Map.of("role", "SOCIAL_WORKER", "territory", territory)));
            assertThat(worker.get("/api/families/" + family).status()).as(territory).isEqualTo(200);
            assertThat(ids(worker.get("/api/families?limit=500"))).as(territory).contains(family);
        }
        Api elsewhere = admin.as(token(Map.of("role", "SOCIAL_WORKER", "territory", "departement:022")));
        assertThat(elsewhere.get("/api/families/" + family).status()).isEqualTo(404);
        assertThat(ids(elsewhere.get("/api/families?limit=500"))).doesNotContain(family);
    }

    static List<Long> ids(Reply reply) {
        List<Long> out = new ArrayList<>();
        reply.expect(200).path("items").forEach(item -> out.add(item.path("id").asLong()));
        return out;
    }
}
