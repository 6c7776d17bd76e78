package fr.ecole.lending.users;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class CredentialsIT {
    static final Path FOLDER = TestApp.newFolder();
    /** Shorter than the service's default, for the test that ends a session behind the service's back. */
    static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(2);
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            fr.ecole.lending.app.LendingApplication.class, TestApp.CONFIG, TestApp.overridesWithDirectory(FOLDER, "loginFreeAttempts", "1000",
                    "authenticatedUsersRemembered", REMEMBERED.toMillis() + "ms",
                    // the service's own cost, which the other tests lower: the stored hash must show it
                    "passwordHashCost", String.valueOf(new LendingConfiguration().getPasswordHashCost())));
    static final String PASSWORD = "correct horse battery staple";
    // the throttle of failed logins has its own test, LoginThrottleIT; here it would only get in the way
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    static Reply createDesk(String name, String password) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("name", name, "role", "DESK",
                "establishments", List.of(COLLEGE)));
        if (password != null) {
            body.put("password", password);
        }
        return admin.post("/api/users", body);
    }

    static void sleepPast(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis() + 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply login(String name, String password) {
        return admin.as(null).post("/api/sessions", Map.of("name", name, "password", password));
    }

    @Test
    void aUserIsCreatedWithATokenShownOnceThatWorksAtOnce() {
        Reply created = createDesk("pret.college", null);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("role").asText()).isEqualTo("DESK");
        assertThat(created.json().path("establishments")).extracting(n -> n.asText()).containsExactly(COLLEGE);
        String token = created.json().path("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(admin.as(token).get("/api/establishments/" + COLLEGE + "/devices").status()).isEqualTo(200);

        long id = created.json().path("id").asLong();
        assertThat(admin.get("/api/users/" + id).json().has("token")).isFalse();
        assertThat(admin.get("/api/users").text()).doesNotContain(token);
    }

    @Test
    void aDeactivatedUserAndAReplacedTokenGet401() {
        Reply created = createDesk("pret.remplace", PASSWORD);
        long id = created.json().path("id").asLong();
        String first = created.json().path("token").asText();

        Reply replaced = admin.post("/api/users/" + id + "/token", "");
        assertThat(replaced.status()).isEqualTo(200);
        String second = replaced.json().path("token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(admin.as(first).get("/api/establishments/" + COLLEGE).status()).isEqualTo(401);
        assertThat(admin.as(second).get("/api/establishments/" + COLLEGE).status()).isEqualTo(200);
        String earlier = login("pret.remplace", PASSWORD).json().path("token").asText();
        admin.post("/api/users/" + id + "/token", "");
        assertThat(admin.as(earlier).get("/api/establishments/" + COLLEGE).status())
                .as("a replaced token ends the sessions it may have opened").isEqualTo(401);
        second = admin.post("/api/users/" + id + "/token", "").json().path("token").asText();
        String session = login("pret.remplace", PASSWORD).json().path("token").asText();
        assertThat(admin.as(session).get("/api/establishments/" + COLLEGE).status()).isEqualTo(200);

        Reply deactivated = admin.post("/api/users/" + id + "/deactivation", "");
        assertThat(deactivated.json().path("active").asBoolean()).isFalse();
        assertThat(admin.as(second).get("/api/establishments/" + COLLEGE).status()).isEqualTo(401);
        assertThat(admin.as(session).get("/api/establishments/" + COLLEGE).status()).isEqualTo(401);
        assertThat(login("pret.remplace", PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void aPersonAtTheDeskLogsInForAWorkingDay() {
        createDesk("pret.journee", PASSWORD);
        Reply session = login("pret.journee", PASSWORD);
        assertThat(session.status()).as(session.text()).isEqualTo(201);
        Instant expires = Instant.parse(session.json().path("expiresAt").asText());
        assertThat(expires).isBetween(Instant.now().plusSeconds(9 * 3600), Instant.now().plusSeconds(11 * 3600));
        assertThat(session.json().path("user").path("name").asText()).isEqualTo("pret.journee");
        String token = session.json().path("token").asText();
        assertThat(admin.as(token).get("/api/establishments/" + COLLEGE + "/devices").status()).isEqualTo(200);

        // the end of the working day
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle ->
                handle.execute("UPDATE sessions SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE name = ?)",
                        Instant.now().minusSeconds(1).toEpochMilli(), "pret.journee"));
        // the service remembered the session's end as ten hours away: it reads the session again after a while
        sleepPast(REMEMBERED);
        assertThat(admin.as(token).get("/api/establishments/" + COLLEGE + "/devices").status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordOrUnknownNameIsRefusedAlike() {
        createDesk("pret.erreur", PASSWORD);
        Reply wrong = login("pret.erreur", "not the password at all");
        Reply unknown = login("nobody.here", PASSWORD);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(unknown.json());
        assertThat(login("admin", "anything at all").status()).as("a user without a password cannot log in").isEqualTo(401);
    }

    @Test
    void anAdministratorResetsAPasswordAndOldSessionsEnd() {
        long id = createDesk("pret.oubli", PASSWORD).json().path("id").asLong();
        String session = login("pret.oubli", PASSWORD).json().path("token").asText();
        Reply reset = admin.send("PUT", "/api/users/" + id + "/password",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\": \"un tout nouveau mot de passe\"}"),
                "Content-Type", "application/json");
        assertThat(reset.status()).isEqualTo(204);
        assertThat(admin.as(session).get("/api/establishments/" + COLLEGE).status()).isEqualTo(401);
        assertThat(login("pret.oubli", PASSWORD).status()).isEqualTo(401);
        assertThat(login("pret.oubli", "un tout nouveau mot de passe").status()).isEqualTo(201);

        Reply weak = admin.send("PUT", "/api/users/" + id + "/password",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\": \"court\"}"),
                "Content-Type", "application/json");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.error()).isEqualTo("weak_password");
    }

    @Test
    void badUsersAreRefusedNamingTheField() {
        assertThat(admin.post("/api/users", Map.of("name", "x", "role", "ADMIN")).field()).isEqualTo("name");
        assertThat(admin.post("/api/users", Map.of("name", "sans.ecole", "role", "DESK")).field()).isEqualTo("establishments");
        assertThat(admin.post("/api/users", Map.of("name", "sans.territoire", "role", "COLLECTIVITY")).field())
                .isEqualTo("territory");
        assertThat(admin.post("/api/users", Map.of("name", "mauvais.territoire", "role", "COLLECTIVITY",
                "territory", "pays:france")).field()).isEqualTo("territory");
        assertThat(admin.post("/api/users", Map.of("name", "mauvaise.ecole", "role", "DESK",
                "establishments", List.of("0350963H"))).field()).isEqualTo("establishments[0]");
        assertThat(admin.post("/api/users", Map.of("name", "ecole.inconnue", "role", "DESK",
                "establishments", List.of("0000001B"))).status()).isEqualTo(404);
        assertThat(admin.post("/api/users", Map.of("name", "role.inconnu", "role", "KING")).field()).isEqualTo("role");
        createDesk("deux.fois", null);
        Reply twice = createDesk("deux.fois", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error()).isEqualTo("duplicate_user");
        assertThat(admin.post("/api/users/1/deactivation", "").error()).as("admin is user 1").isEqualTo("cannot_deactivate_self");
        assertThat(admin.post("/api/users/999999/token", "").status()).isEqualTo(404);
    }

    @Test
    void theDatabaseHoldsNoTokenOrPasswordInClear() throws Exception {
        String token = createDesk("pret.secret", PASSWORD).json().path("token").asText();
        String session = login("pret.secret", PASSWORD).json().path("token").asText();
        List<String> secrets = List.of(TestApp.ADMIN_TOKEN, token, session, PASSWORD);
        String written = everythingWritten();
        assertThat(written.length()).isPositive();
        for (String secret : secrets) {
            assertThat(written.indexOf(secret)).as("clear text of a secret in the database files").isEqualTo(-1);
        }
        String hash = Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).withHandle(h ->
                h.createQuery("SELECT password_hash FROM users WHERE name = 'pret.secret'").mapTo(String.class).one());
        assertThat(hash).startsWith("$2b$12$");
    }

    /** Everything SQLite wrote (the database file and its write-ahead log), or PostgreSQL's dump of the database. */
    private static String everythingWritten() throws Exception {
        StringBuilder written = new StringBuilder();
        if (TestEngine.onPostgresql()) {
            String url = APP.getConfiguration().getDataSourceFactory().getUrl().substring("jdbc:".length());
            Process dump = new ProcessBuilder("pg_dump", "--dbname=" + url).redirectErrorStream(true).start();
            written.append(new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(dump.waitFor()).as("pg_dump: " + written).isZero();
            return written.toString();
        }
        try (var files = Files.list(FOLDER)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("lending.db")).toList()) {
                written.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return written.toString();
    }
}
