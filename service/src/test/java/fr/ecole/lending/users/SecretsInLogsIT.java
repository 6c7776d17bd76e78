package fr.ecole.lending.users;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.CapturedLogs;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tokens and passwords never reach the logs nor the access log, whatever is logged and at whatever level. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretsInLogsIT {
    static final Path FOLDER = TestApp.newFolder();
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(LendingApplication.class,
            TestApp.CONFIG, TestApp.overrides(FOLDER, "logging.level", "ALL", "loginFreeAttempts", "1000"));

    @Test
    void noTokenOrPasswordIsEverLogged() {
        List<String> secrets = new ArrayList<>(List.of(TestApp.ADMIN_TOKEN, "un mot de passe bien gardé"));
        List<String> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            Api admin = new Api(APP);
            admin.importDirectory();
            Reply created = admin.post("/api/users", Map.of("name", "pret.discret", "role", "DESK",
                    "establishments", List.of(COLLEGE), "password", "un mot de passe bien gardé"));
            secrets.add(created.json().path("token").asText());
            secrets.add(admin.post("/api/users/" + created.json().path("id").asLong() + "/token", "")
                    .json().path("token").asText());
            Reply session = admin.as(null).post("/api/sessions", Map.of("name", "pret.discret",
                    "password", "un mot de passe bien gardé"));
            secrets.add(session.json().path("token").asText());
            admin.as(null).post("/api/sessions", Map.of("name", "pret.discret", "password", "un essai raté et long"));
            secrets.add("un essai raté et long");
            admin.as("a-token-nobody-has-0123456789").get("/api/establishments/" + COLLEGE);
            secrets.add("a-token-nobody-has-0123456789");
            admin.as(session.json().path("token").asText()).get("/api/establishments/" + COLLEGE + "/devices");
            logs.assertCaptures(APP.getEnvironment().getApplicationContext().getServer());
            logged = new ArrayList<>(logs.texts());
        }
        logged.add(CapturedLogs.accessLog(FOLDER, "/api/establishments/" + COLLEGE + "/devices"));
        for (String text : logged) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}
