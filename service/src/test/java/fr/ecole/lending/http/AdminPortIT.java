package fr.ecole.lending.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The admin port has no authentication: it listens on the machine itself only, and serves what
 * operations need (health, metrics, ping), never the tasks that change the running service.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminPortIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> admin(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminPortListensOnTheMachineItselfOnly() throws Exception {
        DefaultServerFactory server = (DefaultServerFactory) APP.getConfiguration().getServerFactory();
        HttpConnectorFactory connector = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(connector.getBindHost()).as("config.yml's admin bindHost").isEqualTo("127.0.0.1");

        // and from another address of this machine, nothing answers on it
        Optional<InetAddress> outside = nonLoopbackAddress();
        if (outside.isPresent()) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(outside.get(), APP.getAdminPort()), 2000);
                }
            }).as("the admin port seen from " + outside.get()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void logLevelTaskIsGone() throws Exception {
        // the attack: Jetty at DEBUG prints every request's headers, bearer tokens included
        HttpResponse<String> answer = admin("POST", "/tasks/log-level?logger=org.eclipse.jetty&level=DEBUG&duration=PT1S");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void garbageCollectionTaskIsGone() throws Exception {
        assertThat(admin("POST", "/tasks/gc").statusCode()).isEqualTo(404);
    }

    @Test
    void threadDumpAndProfilerAreGone() throws Exception {
        // a thread dump shows what each request is doing, the profiler holds a request thread for seconds
        assertThat(admin("GET", "/threads").statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/pprof").statusCode()).isEqualTo(404);
    }

    @Test
    void healthMetricsAndPingStay() throws Exception {
        HttpResponse<String> health = admin("GET", "/healthcheck");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("database");
        assertThat(admin("GET", "/metrics").statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/ping").statusCode()).isEqualTo(200);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
