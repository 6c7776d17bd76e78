package fr.ecole.lending.users;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application of its own: the throttle counts every attempt from this machine's address. An
 * attacker with an account of their own must not wipe their address's failures by logging in.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoginThrottleBypassIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static final String PASSWORD = "correct horse battery staple";

    static int login(Api api, String name, String password) {
        return api.as(null).post("/api/sessions", Map.of("name", name, "password", password)).status();
    }

    @Test
    void ownSuccessDoesNotResetTheAddressFailures() {
        Api admin = new Api(APP);
        admin.importDirectory();
        assertThat(admin.post("/api/users", Map.of("name", "pret.malin", "role", "DESK",
                "establishments", List.of(COLLEGE), "password", PASSWORD)).status()).isEqualTo(201);
        // four guesses on other people's accounts (one each: their own counts stay low), then one's own login
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                statuses.add(login(admin, "pret.victime-" + round + "-" + i, "guess number " + i));
            }
            statuses.add(login(admin, "pret.malin", PASSWORD));
        }
        assertThat(statuses.subList(0, 5)).containsExactly(401, 401, 401, 401, 201);
        // the login between changed nothing: the fifth failure from the address is the last let through
        assertThat(statuses.subList(5, 7)).as(statuses.toString()).containsExactly(401, 429);
        assertThat(statuses.subList(7, statuses.size())).as("even one's own password waits: " + statuses)
                .containsOnly(429);
    }
}
