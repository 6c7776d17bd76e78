package fr.ecole.lending.users;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The address the login throttle counts: the connection's, or, behind a load balancer named in
 * {@code trustedProxies}, the one it forwards (X-Forwarded-For); a header from anyone else is ignored.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ClientAddressIT {
    /**
     * Nothing trusted, as by default; said anyway, since each application's settings are system properties
     * while it runs, and the other's would otherwise apply to this one when started after it.
     */
    static final DropwizardAppExtension<LendingConfiguration> DIRECT = TestApp.createWithDirectory("trustedProxies", "");
    /** The tests' own machine plays the load balancer. */
    static final DropwizardAppExtension<LendingConfiguration> BEHIND_PROXY = TestApp.createWithDirectory(
            "trustedProxies", "10.20.30.40, 127.0.0.1/32, ::1");
    static final String PASSWORD = "correct horse battery staple";
    static final AtomicInteger ACCOUNTS = new AtomicInteger();

    @BeforeAll
    static void users() {
        for (DropwizardAppExtension<LendingConfiguration> app : List.of(DIRECT, BEHIND_PROXY)) {
            Api admin = new Api(app);
            assertThat(admin.post("/api/users", java.util.Map.of("name", "pret.proxy", "role", "DESK",
                    "establishments", List.of(COLLEGE), "password", PASSWORD)).status()).isEqualTo(201);
        }
    }

    /** A login as {@code name}, with this X-Forwarded-For header (none when null). */
    static int login(DropwizardAppExtension<LendingConfiguration> app, String forwardedFor, String name, String password) {
        String body = "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}";
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        if (forwardedFor != null) {
            headers.addAll(List.of("X-Forwarded-For", forwardedFor));
        }
        return new Api(app).as(null).send("POST", "/api/sessions", HttpRequest.BodyPublishers.ofString(body),
                headers.toArray(String[]::new)).status();
    }

    /** A failed login on an account of its own, so that only the address's count grows. */
    static int guess(DropwizardAppExtension<LendingConfiguration> app, String forwardedFor) {
        return login(app, forwardedFor, "pret.inconnu-" + ACCOUNTS.incrementAndGet(), "a wrong guess");
    }

    @Test
    void aForgedForwardedForFromAnUntrustedAddressDoesNotChangeTheThrottledAddress() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(guess(DIRECT, "203.0.113." + i));
        }
        assertThat(statuses).as("every guess counts against the connection's own address")
                .containsExactly(401, 401, 401, 401, 401, 429, 429);
    }

    @Test
    void behindTheTrustedProxyEachClientAddressIsThrottledOnItsOwn() {
        for (int i = 0; i < 5; i++) {
            assertThat(guess(BEHIND_PROXY, "198.51.100.10")).isEqualTo(401);
        }
        assertThat(guess(BEHIND_PROXY, "198.51.100.10")).isEqualTo(429);
        assertThat(guess(BEHIND_PROXY, "198.51.100.11")).as("another school behind the same load balancer")
                .isEqualTo(401);
        assertThat(login(BEHIND_PROXY, "198.51.100.12", "pret.proxy", PASSWORD)).isEqualTo(201);
    }

    @Test
    void anAddressTheClientWroteBeforeTheProxysOwnEntryIsIgnored() {
        // the load balancer appends the address it saw; whatever the client sent stands to its left
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(guess(BEHIND_PROXY, "192.0.2." + i + ", 198.51.100.20"));
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429);
    }

    @Test
    void successfulLoginsFromOneAddressAreNeverSlowed() {
        // a school's desks share one address: their logins all day long cost it nothing
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(login(BEHIND_PROXY, "198.51.100.30", "pret.proxy", PASSWORD));
        }
        assertThat(statuses).containsOnly(201);
        for (int i = 0; i < 5; i++) {
            assertThat(guess(BEHIND_PROXY, "198.51.100.30")).as("its failures are still counted").isEqualTo(401);
        }
        assertThat(guess(BEHIND_PROXY, "198.51.100.30")).isEqualTo(429);
    }

    @Test
    void retriesOnALockedAccountDoNotLockTheSchoolsAddress() {
        Api admin = new Api(BEHIND_PROXY);
        assertThat(admin.post("/api/users", java.util.Map.of("name", "pret.verrou", "role", "DESK",
                "establishments", List.of(COLLEGE), "password", PASSWORD)).status()).isEqualTo(201);
        // someone elsewhere locks the school's account by guessing its password
        for (int i = 0; i < 5; i++) {
            assertThat(login(BEHIND_PROXY, "198.51.100.40", "pret.verrou", "a wrong guess")).isEqualTo(401);
        }
        // at the school, staff try their account again and again while it waits
        for (int i = 0; i < 6; i++) {
            assertThat(login(BEHIND_PROXY, "198.51.100.41", "pret.verrou", PASSWORD)).isEqualTo(429);
        }
        assertThat(login(BEHIND_PROXY, "198.51.100.41", "pret.proxy", PASSWORD))
                .as("the school's other desks still sign in: refused retries counted against nobody").isEqualTo(201);
    }
}
