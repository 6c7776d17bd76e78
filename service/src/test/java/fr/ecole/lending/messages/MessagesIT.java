package fr.ecole.lending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * E-mails leave the building: reminders and copies of agreements arrive in a real SMTP server
 * (GreenMail, in this JVM) once each, across a failing server and a restart mid-send.
 */
class MessagesIT {
    static final String SCHOOL = "0350734H";
    static final String FROM = "pret@college.example.org";
    private final List<DropwizardAppExtension<LendingConfiguration>> started = new ArrayList<>();
    private final List<GreenMail> servers = new ArrayList<>();

    /** {@code app} was stopped by the test itself. */
    void stopped(DropwizardAppExtension<LendingConfiguration> app) {
        started.remove(app);
    }

    @AfterEach
    void stopAll() {
        // last started, first stopped: each puts back the system properties of its settings as it found them
        java.util.Collections.reverse(started);
        started.forEach(DropwizardAppExtension::after);
        started.clear();
        servers.forEach(GreenMail::stop);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    GreenMail smtp(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        servers.add(server);
        return server;
    }

    DropwizardAppExtension<LendingConfiguration> start(Path folder, boolean fresh, String... settings) throws Exception {
        DropwizardAppExtension<LendingConfiguration> app = new DropwizardAppExtension<>(LendingApplication.class,
                TestApp.CONFIG, fresh ? TestApp.overridesWithDirectory(folder, settings)
                : TestApp.overridesOnEmptyDatabase(folder, settings));
        app.before();
        started.add(app);
        return app;
    }

    static String[] mailAt(int port, String... more) {
        List<String> all = new ArrayList<>(List.of("mail.host", "127.0.0.1", "mail.port", String.valueOf(port),
                "mail.tls", "NONE", "mail.from", FROM, "mail.pollInterval", "50ms", "mail.firstRetryDelay", "200ms",
                "mail.maxRetryDelay", "400ms", "mail.maxAttempts", "100"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static Jdbi database(DropwizardAppExtension<LendingConfiguration> app) {
        DataSourceFactory factory = app.getConfiguration().getDataSourceFactory();
        return factory.getUser() == null ? Jdbi.create(factory.getUrl())
                : Jdbi.create(factory.getUrl(), factory.getUser(), factory.getPassword() == null ? "" : factory.getPassword());
    }

    /** A family that prefers e-mail, with an agreement ten days overdue; its agreement's number. */
    static String overdueByEmail(DropwizardAppExtension<LendingConfiguration> app, Api api, String name, String email) {
        Map<String, Object> family = Builders.family(name, SCHOOL);
        @SuppressWarnings("unchecked")
        Map<String, Object> guardian = (Map<String, Object>) family.get("guardian");
        if (email != null) {
            guardian.put("preferredContact", "EMAIL");
            guardian.put("email", email);
        }
        long id = api.post("/api/families", family).expect(201).path("id").asLong();
        String tag = api.post("/api/establishments/" + SCHOOL + "/devices", Builders.laptop()).json().path("assetTag").asText();
        String number = api.post("/api/agreements", Builders.agreement(id, SCHOOL, List.of(tag),
                UUID.randomUUID().toString())).expect(201).path("number").asText();
        database(app).useHandle(handle -> handle.execute("UPDATE agreements SET due_date = ? WHERE number = ?",
                LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(10).toString(), number));
        return number;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    static JsonNode messages(Api api, String status) {
        return api.get("/api/messages?uai=" + SCHOOL + (status == null ? "" : "&status=" + status)).expect(200).path("items");
    }

    static HealthCheck.Result mailHealth(DropwizardAppExtension<LendingConfiguration> app) {
        return app.getEnvironment().healthChecks().runHealthCheck("mail");
    }

    @Test
    void aReminderAndACopyOfTheSignedAgreementArriveOnceEach() throws Exception {
        int port = freePort();
        GreenMail mail = smtp(port);
        DropwizardAppExtension<LendingConfiguration> app = start(TestApp.newFolder(), true, mailAt(port));
        Api api = new Api(app);
        String number = overdueByEmail(app, api, "Famille Courriel", "courriel@example.org");
        overdueByEmail(app, api, "Famille Sms", null);

        api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);
        await("the reminder", () -> mail.getReceivedMessages().length == 1);
        MimeMessage reminder = mail.getReceivedMessages()[0];
        assertThat(reminder.getAllRecipients()).extracting(Object::toString).containsExactly("courriel@example.org");
        assertThat(reminder.getSubject()).startsWith("Rappel : appareils prêtés à rapporter");
        assertThat((String) reminder.getContent()).contains(number, "aucune pénalité");
        assertThat(reminder.getMessageID()).matches("<message-\\d+@college\\.example\\.org>");
        await("marked sent", () -> messages(api, "SENT").size() == 1);
        JsonNode sent = messages(api, "SENT").get(0);
        assertThat(sent.path("kind").asText()).isEqualTo("REMINDER");
        assertThat(sent.path("recipient").asText()).isEqualTo("courriel@example.org");
        assertThat(sent.path("attempts").asInt()).isEqualTo(1);
        assertThat(sent.path("sentAt").asText()).isNotEmpty();

        // asked again within the week: nobody is reminded, nothing more is sent
        api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);
        assertThat(api.post("/api/agreements/" + number + "/copy", Map.of()).status()).as("not signed yet").isEqualTo(409);
        api.post("/api/agreements/" + number + "/signature", Map.of("signedBy", "Hélène Lefèvre",
                "signedAt", Instant.now().toString())).expect(200);
        JsonNode copy = api.post("/api/agreements/" + number + "/copy", Map.of()).expect(202);
        assertThat(copy.path("status").asText()).isEqualTo("QUEUED");
        assertThat(api.post("/api/agreements/" + number + "/copy", Map.of()).expect(202).path("id").asLong())
                .as("asked twice the same day: one message").isEqualTo(copy.path("id").asLong());
        await("the copy", () -> mail.getReceivedMessages().length == 2);
        MimeMessage received = mail.getReceivedMessages()[1];
        assertThat(received.getSubject()).isEqualTo("Votre convention de prêt " + number);
        Part attachment = ((Multipart) received.getContent()).getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getFileName()).isEqualTo("convention-" + number + ".pdf");
        assertThat(attachment.getInputStream().readNBytes(5)).isEqualTo("%PDF-".getBytes());

        String smsOnly = overdueByEmail(app, api, "Famille Sans Courriel", null);
        api.post("/api/agreements/" + smsOnly + "/signature", Map.of("signedBy", "Jean Martin",
                "signedAt", Instant.now().toString())).expect(200);
        assertThat(api.post("/api/agreements/" + smsOnly + "/copy", Map.of()).error()).isEqualTo("no_email");
        assertThat(api.post("/api/agreements/" + smsOnly + "/copy", Map.of("email", "autre@example.org")).status())
                .isEqualTo(202);
        await("the copy to the address given", () -> mail.getReceivedMessages().length == 3);
        assertThat(mailHealth(app).isHealthy()).isTrue();
    }

    @Test
    void withNoMailServerMessagesWaitAndTheServiceIsHealthy() throws Exception {
        DropwizardAppExtension<LendingConfiguration> app = start(TestApp.newFolder(), true);
        Api api = new Api(app);
        overdueByEmail(app, api, "Famille Courriel", "courriel@example.org");
        api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);
        JsonNode queued = messages(api, "QUEUED");
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).path("attempts").asInt()).isZero();
        HealthCheck.Result health = mailHealth(app);
        assertThat(health.isHealthy()).as(health.toString()).isTrue();
        assertThat(health.getMessage()).contains("sending off", "1 message(s) waiting");
    }

    @Test
    void aServerDownKeepsTheMessagesQueuedWithBackOffUntilItAnswers() throws Exception {
        int port = freePort();
        DropwizardAppExtension<LendingConfiguration> app = start(TestApp.newFolder(), true, mailAt(port));
        Api api = new Api(app);
        overdueByEmail(app, api, "Famille Courriel", "courriel@example.org");
        api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);
        await("two failed attempts", () -> messages(api, "QUEUED").path(0).path("attempts").asInt() >= 2);
        JsonNode waiting = messages(api, "QUEUED").get(0);
        assertThat(waiting.path("lastError").asText()).isNotEmpty().doesNotContain("@");
        assertThat(Instant.parse(waiting.path("nextAttemptAt").asText())).isAfter(Instant.parse(waiting.path("createdAt").asText()));
        HealthCheck.Result health = mailHealth(app);
        assertThat(health.isHealthy()).isFalse();
        assertThat(health.getMessage()).contains("1 message(s) waiting");

        GreenMail mail = smtp(port);
        await("the reminder, once the server answers", () -> mail.getReceivedMessages().length == 1);
        await("marked sent", () -> messages(api, "SENT").size() == 1);
        assertThat(messages(api, "SENT").get(0).path("attempts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(mailHealth(app).isHealthy()).isTrue();
    }

    /**
     * A database of {@code folder} with one reminder queued for each of {@code families} households,
     * queued while no server was configured, so that all wait when sending begins.
     */
    void queueReminders(Path folder, int families) throws Exception {
        DropwizardAppExtension<LendingConfiguration> quiet = start(folder, true);
        Api api = new Api(quiet);
        for (int i = 0; i < families; i++) {
            overdueByEmail(quiet, api, "Famille " + i, "famille" + i + "@example.org");
        }
        api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);
        quiet.after();
        stopped(quiet);
    }

    /** The Message-IDs received, once {@code families} arrived and were marked sent (and a moment for any extra). */
    static List<String> receivedOnce(GreenMail mail, Api api, int families) throws Exception {
        await("every message", () -> mail.getReceivedMessages().length >= families);
        await("all marked sent", () -> messages(api, "SENT").size() == families);
        Thread.sleep(300);
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        return ids;
    }

    @Test
    void remindersArriveExactlyOnceAcrossARestartMidSend() throws Exception {
        int port = freePort();
        Path folder = TestApp.newFolder();
        int families = 12;
        queueReminders(folder, families);

        GreenMail mail = smtp(port);
        DropwizardAppExtension<LendingConfiguration> first = start(folder, false, mailAt(port));
        await("the first message", () -> mail.getReceivedMessages().length >= 1);
        first.after();
        stopped(first);
        int beforeRestart = mail.getReceivedMessages().length;

        Api again = new Api(start(folder, false, mailAt(port)));
        List<String> ids = receivedOnce(mail, again, families);
        assertThat(beforeRestart).as("stopped mid-send").isLessThan(families);
        assertThat(ids).as("sent before the restart: %d", beforeRestart).hasSize(families).doesNotHaveDuplicates();
        assertThat(messages(again, "QUEUED")).isEmpty();
    }

    /** Two instances sharing one PostgreSQL database (SQLite has one instance per file): each claim succeeds once. */
    @Test
    @Tag("postgresql-only")
    void twoInstancesOnOneDatabaseSendEachMessageOnce() throws Exception {
        int port = freePort();
        Path folder = TestApp.newFolder();
        int families = 20;
        queueReminders(folder, families);

        GreenMail mail = smtp(port);
        Api one = new Api(start(folder, false, mailAt(port, "mail.pollInterval", "10ms")));
        start(folder, false, mailAt(port, "mail.pollInterval", "10ms"));
        assertThat(receivedOnce(mail, one, families)).hasSize(families).doesNotHaveDuplicates();
    }
}
