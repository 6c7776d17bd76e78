package fr.ecole.lending.messages;

import static fr.ecole.lending.messages.MessagesIT.FROM;
import static fr.ecole.lending.messages.MessagesIT.SCHOOL;
import static fr.ecole.lending.messages.MessagesIT.await;
import static fr.ecole.lending.messages.MessagesIT.freePort;
import static fr.ecole.lending.messages.MessagesIT.messages;
import static fr.ecole.lending.messages.MessagesIT.overdueByEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * E-mails over TLS: SMTPS (TLS from the first byte, port 465) to GreenMail, with a certificate made for
 * the test that names 127.0.0.1 and is signed by no authority. The service trusts it only when told
 * ({@code mail.trust}), and checks the name in it either way. STARTTLS cannot be shown to work here:
 * GreenMail's SMTP server (2.1) offers no STARTTLS command; what is shown is that a service told to use it
 * sends nothing in clear text to a server that does not offer it.
 */
// what TLS adds does not depend on the database: run once
@Tag("engine-independent")
class MailTlsIT {
    private static final String PASSWORD = "changeit";
    private static Path keystore;
    private final List<DropwizardAppExtension<LendingConfiguration>> started = new ArrayList<>();
    private final List<GreenMail> servers = new ArrayList<>();

    /** A key and a certificate for 127.0.0.1 (GreenMail's own names no host, so no client could check it). */
    @BeforeAll
    static void certificate() throws Exception {
        keystore = Files.createTempDirectory("mail-tls").resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "greenmail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keystore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, PASSWORD);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, PASSWORD);
    }

    @AfterAll
    static void forgetCertificate() {
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY);
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY);
    }

    @AfterEach
    void stopAll() {
        started.forEach(DropwizardAppExtension::after);
        servers.forEach(GreenMail::stop);
    }

    GreenMail smtps(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        server.start();
        servers.add(server);
        return server;
    }

    Api start(int port, String... more) throws Exception {
        List<String> settings = new ArrayList<>(List.of("mail.host", "127.0.0.1", "mail.port", String.valueOf(port),
                "mail.tls", "SMTPS", "mail.from", FROM, "mail.pollInterval", "50ms", "mail.firstRetryDelay", "200ms",
                "mail.maxRetryDelay", "400ms"));
        settings.addAll(List.of(more));
        DropwizardAppExtension<LendingConfiguration> app = new DropwizardAppExtension<>(LendingApplication.class,
                TestApp.CONFIG, TestApp.overridesWithDirectory(TestApp.newFolder(), settings.toArray(String[]::new)));
        app.before();
        started.add(app);
        Api api = new Api(app);
        overdueByEmail(app, api, "Famille Chiffrée", "chiffre@example.org");
        api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").expect(200);
        return api;
    }

    @Test
    void aReminderGoesOverSmtpsToAServerWhoseCertificateTheSettingsTrust() throws Exception {
        int port = freePort();
        GreenMail mail = smtps(port);
        Api api = start(port, "mail.trust", "127.0.0.1");
        await("the reminder over TLS", () -> mail.getReceivedMessages().length == 1);
        assertThat(mail.getReceivedMessages()[0].getAllRecipients()).extracting(Object::toString)
                .containsExactly("chiffre@example.org");
        await("marked sent", () -> messages(api, "SENT").size() == 1);
    }

    @Test
    void aCertificateSignedByNoAuthorityIsRefusedUnlessTrusted() throws Exception {
        int port = freePort();
        GreenMail mail = smtps(port);
        Api api = start(port);
        await("a refused attempt", () -> messages(api, "QUEUED").path(0).path("attempts").asInt() >= 1);
        JsonNode waiting = messages(api, "QUEUED").get(0);
        assertThat(waiting.path("lastError").asText()).isNotEmpty();
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void withStarttlsNothingGoesInClearTextToAServerThatDoesNotOfferIt() throws Exception {
        int port = freePort();
        GreenMail plain = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        plain.start();
        servers.add(plain);
        Api api = start(port, "mail.tls", "STARTTLS", "mail.trust", "127.0.0.1");
        await("a refused attempt", () -> messages(api, "QUEUED").path(0).path("attempts").asInt() >= 1);
        assertThat(plain.getReceivedMessages()).isEmpty();
    }
}
