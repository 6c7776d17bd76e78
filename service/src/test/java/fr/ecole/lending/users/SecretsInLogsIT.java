package fr.ecole.lending.users;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.ecole.lending.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Tokens and passwords never reach the logs, whatever is logged and at whatever level. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretsInLogsIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create("logging.level", "ALL",
            "loginFreeAttempts", "1000");

    @Test
    void noTokenOrPasswordIsEverLogged() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        // the server's threads may still be logging the last request while the events are read
        captured.list = new CopyOnWriteArrayList<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.ALL);
        List<String> secrets = new ArrayList<>(List.of(TestApp.ADMIN_TOKEN, "un mot de passe bien gardé"));
        try {
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
        } finally {
            root.detachAppender(captured);
        }
        assertThat(captured.list).as("the service logs while it works").isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}
