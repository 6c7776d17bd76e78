package fr.ecole.lending.users;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An application of its own: the throttle remembers every failure from this machine. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoginThrottleIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static final String PASSWORD = "correct horse battery staple";

    static Reply login(Api api, String password) {
        return login(api, "pret.devine", password);
    }

    static Reply login(Api api, String name, String password) {
        return api.as(null).post("/api/sessions", Map.of("name", name, "password", password));
    }

    @Test
    void repeatedFailedLoginsAreSlowedDown() {
        Api admin = new Api(APP);
        admin.importDirectory();
        assertThat(admin.post("/api/users", Map.of("name", "pret.devine", "role", "DESK",
                "establishments", List.of(COLLEGE), "password", PASSWORD)).status()).isEqualTo(201);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(login(admin, "guess number " + i).status());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 7)).containsOnly(429);
        Reply throttled = login(admin, PASSWORD);
        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.error()).isEqualTo("too_many_attempts");
        assertThat(throttled.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    }
}
