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
class LoginBurstIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static final String PASSWORD = "correct horse battery staple";

    static Reply login(Api api, String password) {
        return login(api, "pret.devine", password);
    }

    static Reply login(Api api, String name, String password) {
        return api.as(null).post("/api/sessions", Map.of("name", name, "password", password));
    }

    @Test
    void attemptsSentAllAtOnceAreCountedToo() throws Exception {
        Api admin = new Api(APP);
        admin.importDirectory();
        admin.post("/api/users", Map.of("name", "pret.rafale", "role", "DESK", "establishments", List.of(COLLEGE),
                "password", PASSWORD));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                answers.add(pool.submit(() -> login(admin, "pret.rafale", "burst " + n).status()));
            }
            int throttled = 0;
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
                throttled += statuses.get(statuses.size() - 1) == 429 ? 1 : 0;
            }
            assertThat(throttled).as("exactly the free attempts get a password check: " + statuses)
                    .isEqualTo(15);
        } finally {
            pool.shutdownNow();
        }
    }
}
