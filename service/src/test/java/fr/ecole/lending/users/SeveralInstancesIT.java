package fr.ecole.lending.users;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances on one PostgreSQL database share their token key and their count of failed logins. */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("postgresql-only")
class SeveralInstancesIT {
    static final Path FOLDER = TestApp.newFolder();
    static final DropwizardAppExtension<LendingConfiguration> FIRST = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overridesOnEmptyDatabase(FOLDER));
    static final String PASSWORD = "correct horse battery staple";
    static DropwizardTestSupport<LendingConfiguration> second;

    @BeforeAll
    static void secondInstance() throws Exception {
        second = new DropwizardTestSupport<>(LendingApplication.class, TestApp.CONFIG, TestApp.overridesOnEmptyDatabase(FOLDER));
        second.before();
        new Api(FIRST).importDirectory();
    }

    @AfterAll
    static void stopSecond() {
        second.after();
    }

    @Test
    void failuresOnOneInstanceCountOnTheOther() {
        Api onFirst = new Api(FIRST);
        Api onSecond = Api.onPort(second.getLocalPort(), TestApp.ADMIN_TOKEN);
        assertThat(onFirst.post("/api/users", Map.of("name", "pret.partage", "role", "DESK",
                "establishments", List.of(COLLEGE), "password", PASSWORD)).status()).isEqualTo(201);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Api instance = i % 2 == 0 ? onFirst : onSecond;
            statuses.add(instance.as(null).post("/api/sessions", Map.of("name", "pret.partage",
                    "password", "guess " + i)).status());
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429);
        assertThat(onSecond.as(null).post("/api/sessions", Map.of("name", "pret.partage", "password", PASSWORD))
                .status()).as("even the right password waits, on either instance").isEqualTo(429);
    }

    @Test
    void anInstanceWithAnotherTokenKeyDoesNotStart() {
        String tokenGivenByFirst = new Api(FIRST).post("/api/users", Map.of("name", "pret.cle", "role", "DESK",
                "establishments", List.of(COLLEGE))).json().path("token").asText();
        assertThat(Api.onPort(second.getLocalPort(), tokenGivenByFirst).get("/api/establishments/" + COLLEGE + "/devices").status())
                .as("a token given by one instance works on the other").isEqualTo(200);
        DropwizardTestSupport<LendingConfiguration> otherKey = new DropwizardTestSupport<>(LendingApplication.class,
                TestApp.CONFIG, TestApp.overridesOnEmptyDatabase(FOLDER, "tokenSecret", "another key of at least thirty-two characters"));
        try {
            assertThatThrownBy(otherKey::before).hasStackTraceContaining("LENDING_TOKEN_SECRET");
        } finally {
            otherKey.after();
        }
    }
}
