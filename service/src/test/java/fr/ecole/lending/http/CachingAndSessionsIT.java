package fr.ecole.lending.http;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A shared computer at a school keeps nothing of a family in its browser's cache, and a person who
 * leaves the desk can end their session, or have it end by itself when left idle.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CachingAndSessionsIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory("loginFreeAttempts", "1000",
            "authenticatedUsersRemembered", "1s");
    static final String PASSWORD = "correct horse battery staple";
    static final AtomicInteger PEOPLE = new AtomicInteger();
    static Api admin;
    static long family;
    static String tag;

    @BeforeAll
    static void data() {
        admin = new Api(APP);
        Reply created = admin.post("/api/families", Builders.family("Oksana Kovalenko", COLLEGE));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        family = created.json().path("id").asLong();
        Reply device = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop());
        assertThat(device.status()).as(device.text()).isEqualTo(201);
        tag = device.json().path("assetTag").asText();
    }

    /** A desk person with a password, logged in. */
    record Desk(String name, String token) {
    }

    static Desk newSession() {
        String name = "pret.poste-" + PEOPLE.incrementAndGet();
        assertThat(admin.post("/api/users", Map.of("name", name, "role", "DESK", "establishments", List.of(COLLEGE),
                "password", PASSWORD)).status()).isEqualTo(201);
        Reply session = admin.as(null).post("/api/sessions", Map.of("name", name, "password", PASSWORD));
        assertThat(session.status()).as(session.text()).isEqualTo(201);
        return new Desk(name, session.json().path("token").asText());
    }

    static void assertNotKept(Reply reply, String what) {
        assertThat(reply.header("Cache-Control")).as(what + " " + reply.status()).hasValue("no-store");
        assertThat(reply.header("X-Content-Type-Options")).as(what).hasValue("nosniff");
    }

    static Jdbi database() {
        return Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl());
    }

    static final String OF_USER = "user_id = (SELECT id FROM users WHERE name = ?)";

    static Instant lastUse(Desk desk) {
        return Instant.ofEpochMilli(database().withHandle(handle -> handle.createQuery(
                "SELECT last_used_at FROM sessions WHERE " + OF_USER).bind(0, desk.name()).mapTo(Long.class).one()));
    }

    static void setLastUse(Desk desk, Instant at) {
        database().useHandle(handle -> handle.execute("UPDATE sessions SET last_used_at = ? WHERE " + OF_USER,
                at.toEpochMilli(), desk.name()));
    }

    @Test
    void personalDataIsNeverKeptByABrowserOrAProxy() {
        Desk desk = newSession();
        Map<String, Reply> replies = new java.util.LinkedHashMap<>();
        replies.put("a family", admin.as(desk.token()).get("/api/families/" + family));
        replies.put("a search", admin.as(desk.token()).get("/api/families?q=kovalenko"));
        replies.put("a family's export", admin.get("/api/families/" + family + "/export"));
        replies.put("a family's export as PDF", admin.get("/api/families/" + family + "/export?format=pdf"));
        replies.put("labels", admin.as(desk.token()).get("/api/establishments/" + COLLEGE + "/labels.pdf"));
        replies.put("a label", admin.as(desk.token()).get("/api/devices/" + tag + "/label.png"));
        replies.put("the loans export", admin.get("/api/exports/loans.csv?uai=" + COLLEGE));
        replies.put("a login", admin.as(null).post("/api/sessions", Map.of("name", "nobody.here", "password", PASSWORD)));
        replies.put("an unknown family", admin.as(desk.token()).get("/api/families/999999"));
        replies.put("no token", admin.as(null).get("/api/families/" + family));
        replies.put("an unknown address", admin.get("/api/nothing-here"));
        replies.put("a refusal of the servlet layer", admin.isolated().send("POST", "/api/families",
                HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "garbage"));
        replies.forEach((what, reply) -> {
            assertThat(reply.status()).as(what).isNotEqualTo(500);
            assertNotKept(reply, what);
        });
        assertThat(replies.get("a family").status()).isEqualTo(200);
        assertThat(replies.get("labels").status()).isEqualTo(200);
        assertThat(replies.get("the loans export").status()).isEqualTo(200);
    }

    @Test
    void aSessionEndsWhenItsHolderEndsIt() {
        Desk desk = newSession();
        Desk other = newSession();
        assertThat(admin.as(desk.token()).get("/api/families/" + family).status()).isEqualTo(200);

        Reply ended = admin.as(desk.token()).send("DELETE", "/api/sessions/current", HttpRequest.BodyPublishers.noBody());
        assertThat(ended.status()).as(ended.text()).isEqualTo(204);
        assertNotKept(ended, "the end of a session");

        Reply after = admin.as(desk.token()).get("/api/families/" + family);
        assertThat(after.status()).as("at once, on this instance").isEqualTo(401);
        assertThat(admin.as(desk.token()).send("DELETE", "/api/sessions/current", HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(401);
        assertThat(admin.as(other.token()).get("/api/families/" + family).status()).as("another session goes on")
                .isEqualTo(200);
    }

    @Test
    void anApiTokenIsNotEndedAsASession() {
        Reply refused = admin.send("DELETE", "/api/sessions/current", HttpRequest.BodyPublishers.noBody());
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("not_a_session");
        assertThat(admin.get("/api/users").status()).as("the token still works").isEqualTo(200);
    }

    @Test
    void aSessionLeftIdleForTwoHoursEnds() {
        Desk desk = newSession();
        setLastUse(desk, Instant.now().minus(Duration.ofHours(2)).minusSeconds(30));
        Reply idle = admin.as(desk.token()).get("/api/families/" + family);
        assertThat(idle.status()).as(idle.text()).isEqualTo(401);
    }

    @Test
    void aSessionInUseStaysOpenAndItsUseIsRecordedAtMostOnceAMinute() throws Exception {
        Desk desk = newSession();
        Instant opened = lastUse(desk);
        for (int i = 0; i < 10; i++) {
            assertThat(admin.as(desk.token()).get("/api/families/" + family).status()).isEqualTo(200);
        }
        Thread.sleep(300);
        assertThat(lastUse(desk)).as("no write for each request").isEqualTo(opened);

        // used a minute and more ago, and nearly two hours: a request now keeps it open
        Instant longAgo = Instant.now().minus(Duration.ofHours(2)).plusSeconds(60);
        setLastUse(desk, longAgo);
        Thread.sleep(APP.getConfiguration().getAuthenticatedUsersRemembered().toMilliseconds() + 100);
        assertThat(admin.as(desk.token()).get("/api/families/" + family).status()).isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(10);
        while (!lastUse(desk).isAfter(longAgo.plusSeconds(3600)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(lastUse(desk)).isAfter(Instant.now().minusSeconds(30));
    }
}
