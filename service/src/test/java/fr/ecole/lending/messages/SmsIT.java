package fr.ecole.lending.messages;

import static fr.ecole.lending.messages.MessagesIT.SCHOOL;
import static fr.ecole.lending.messages.MessagesIT.await;
import static fr.ecole.lending.messages.MessagesIT.messages;
import static fr.ecole.lending.messages.MessagesIT.overdueByEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.FailedMessages;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders by SMS through a gateway: an HTTP server in this JVM stands for it and keeps what arrived.
 * Each reminder arrives once; a failing gateway is tried again, then given up, and a desk sends it again.
 */
class SmsIT {
    static final String TOKEN = "sms-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<DropwizardAppExtension<LendingConfiguration>> started = new ArrayList<>();
    private final List<HttpServer> gateways = new ArrayList<>();

    /** What the gateway received: each request's body, its Authorization header, and what it answered. */
    record Received(JsonNode body, String authorization, int answered) {
        boolean taken() {
            return answered / 100 == 2;
        }
    }

    /** A gateway on a free port answering {@code status} (read at each request): every request it received. */
    List<Received> gateway(AtomicInteger status, int[] port) throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sms", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                int answer = status.get();
                received.add(new Received(JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                        exchange.getRequestHeaders().getFirst("Authorization"), answer));
                exchange.sendResponseHeaders(answer, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        gateways.add(server);
        port[0] = server.getAddress().getPort();
        return received;
    }

    DropwizardAppExtension<LendingConfiguration> start(String... settings) throws Exception {
        DropwizardAppExtension<LendingConfiguration> app = new DropwizardAppExtension<>(LendingApplication.class,
                TestApp.CONFIG, TestApp.overridesWithDirectory(TestApp.newFolder(), settings));
        app.before();
        started.add(app);
        return app;
    }

    static String[] gatewayAt(int port, String... more) {
        List<String> all = new ArrayList<>(List.of("sms.url", "http://127.0.0.1:" + port + "/sms", "sms.token", TOKEN,
                "sms.sender", "COLLEGE", "sms.pollInterval", "50ms", "sms.firstRetryDelay", "100ms",
                "sms.maxRetryDelay", "200ms"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @AfterEach
    void stopAll() {
        started.forEach(DropwizardAppExtension::after);
        gateways.forEach(server -> server.stop(0));
    }

    static HealthCheck.Result smsHealth(DropwizardAppExtension<LendingConfiguration> app) {
        return app.getEnvironment().healthChecks().runHealthCheck("sms");
    }

    @Test
    void aReminderArrivesAtTheGatewayOnceAsAShortTextWithoutTheFamilysName() throws Exception {
        int[] port = new int[1];
        List<Received> received = gateway(new AtomicInteger(200), port);
        DropwizardAppExtension<LendingConfiguration> app = start(gatewayAt(port[0]));
        Api api = new Api(app);
        String number = overdueByEmail(app, api, "Famille Texto", null);
        String byEmail = overdueByEmail(app, api, "Famille Courriel", "courriel@example.org");

        JsonNode followUp = api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);
        assertThat(followUp.path("households")).hasSize(2);
        await("the SMS marked sent", () -> messages(api, "SENT").size() == 1);
        // asked again the same day: nobody is listed again, nothing more is queued
        api.post("/api/establishments/" + SCHOOL + "/follow-ups?format=csv", "").expect(200);
        Thread.sleep(300);

        assertThat(received).hasSize(1);
        Received sms = received.get(0);
        JsonNode sent = messages(api, "SENT").get(0);
        assertThat(sms.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(sms.body().path("to").asText()).isEqualTo("+33611223344");
        assertThat(sms.body().path("sender").asText()).isEqualTo("COLLEGE");
        assertThat(sms.body().path("reference").asText()).isEqualTo(sent.path("id").asText());
        String text = sms.body().path("text").asText();
        assertThat(text).contains(number, "prolongé", "sans pénalité").doesNotContain("Famille", "Texto");
        assertThat(text.length()).isLessThanOrEqualTo(320);
        assertThat(sent.path("channel").asText()).isEqualTo("SMS");
        assertThat(sent.path("recipient").asText()).isEqualTo("+33611223344");
        assertThat(sent.path("attempts").asInt()).isEqualTo(1);
        JsonNode email = messages(api, "QUEUED").get(0);
        assertThat(email.path("channel").asText()).as("no mail host: the e-mail waits").isEqualTo("EMAIL");
        assertThat(email.path("recipient").asText()).isEqualTo("courriel@example.org");
        assertThat(byEmail).isNotEqualTo(number);
        assertThat(smsHealth(app).isHealthy()).isTrue();
    }

    @Test
    void aFailingGatewayIsTriedAgainThenGivenUpAndTheDeskSendsItAgain() throws Exception {
        AtomicInteger status = new AtomicInteger(500);
        int[] port = new int[1];
        List<Received> received = gateway(status, port);
        DropwizardAppExtension<LendingConfiguration> app = start(gatewayAt(port[0], "sms.maxAttempts", "3"));
        Api api = new Api(app);
        overdueByEmail(app, api, "Famille Texto", null);
        api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);

        await("a first failed attempt", () -> messages(api, "QUEUED").path(0).path("attempts").asInt() >= 1);
        JsonNode waiting = messages(api, "QUEUED").get(0);
        assertThat(waiting.path("lastError").asText()).isEqualTo("GatewayRefusal");
        assertThat(Instant.parse(waiting.path("nextAttemptAt").asText()))
                .as("tried again after a wait").isAfter(Instant.parse(waiting.path("createdAt").asText()));
        assertThat(smsHealth(app).isHealthy()).isFalse();
        await("given up after three attempts", () -> messages(api, "FAILED").size() == 1);
        JsonNode failed = messages(api, "FAILED").get(0);
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
        long id = failed.path("id").asLong();
        assertThat(received).as("one request an attempt, each with the same reference").hasSize(3)
                .allSatisfy(request -> assertThat(request.body().path("reference").asText()).isEqualTo(String.valueOf(id)))
                .noneMatch(Received::taken);

        // out of the desk's schools: as unknown
        Api otherDesk = api.desk("0350963G");
        assertThat(otherDesk.post("/api/messages/" + id + "/retry", "").expect(404).path("error").asText())
                .isEqualTo("unknown_message");
        assertThat(api.post("/api/messages/999999/retry", "").error()).isEqualTo("unknown_message");
        assertThat(api.post("/api/messages/abc/retry", "").status()).isEqualTo(404);

        status.set(202);
        JsonNode again = api.desk(SCHOOL).post("/api/messages/" + id + "/retry", "").expect(200);
        assertThat(again.path("status").asText()).isEqualTo("QUEUED");
        assertThat(again.path("attempts").asInt()).isZero();
        await("sent once retried", () -> messages(api, "SENT").size() == 1);
        assertThat(received).filteredOn(Received::taken).hasSize(1);
        assertThat(api.post("/api/messages/" + id + "/retry", "").expect(409).path("error").asText())
                .isEqualTo("not_failed");
        assertThat(api.get("/api/audit?entity=MESSAGE&id=" + id).expect(200).path("items").path(0).path("action").asText())
                .isEqualTo("RETRY_MESSAGE");
        assertThat(smsHealth(app).isHealthy()).isTrue();

        // a family erased: its message given up has no number left to send to
        String url = app.getConfiguration().getDataSourceFactory().getUrl();
        long erased = FailedMessages.insert(url, SCHOOL);
        Jdbi.create(url).useHandle(handle -> handle.execute("UPDATE messages SET recipient = NULL, body = NULL WHERE id = ?",
                erased));
        assertThat(api.post("/api/messages/" + erased + "/retry", "").expect(409).path("error").asText()).isEqualTo("erased");
        assertThat(messages(api, "FAILED")).extracting(m -> m.path("id").asLong()).containsExactly(erased);
    }

    @Test
    void withoutAGatewayNoSmsIsQueuedAndTheFileListsTheHouseholdAsBefore() throws Exception {
        DropwizardAppExtension<LendingConfiguration> app = start();
        Api api = new Api(app);
        String number = overdueByEmail(app, api, "Famille Texto", null);
        String csv = api.post("/api/establishments/" + SCHOOL + "/follow-ups?format=csv", "").text();

        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().toList().get(0)).endsWith("canal;responsable;telephone;email;conventions;retour_prevu;appareils");
        assertThat(csv.lines().toList().get(1)).startsWith("SMS;Famille Texto;0611223344;;" + number + ";");
        assertThat(messages(api, null)).isEmpty();
        HealthCheck.Result health = smsHealth(app);
        assertThat(health.isHealthy()).isTrue();
        assertThat(health.getMessage()).contains("sending off", "0 message(s) waiting");
    }
}
