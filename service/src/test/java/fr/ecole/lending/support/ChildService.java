package fr.ecole.lending.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as operators run it: the shaded jar in a process of its own, started on the project's
 * config.yml with the environment's overrides, and stopped the hard way when a test wants a crash.
 * Its database, secret and logs stay in one folder, so that a restart finds them again.
 */
public final class ChildService {
    /** The shaded jar, built in the package phase that runs before the ITs; tests run from the module's folder. */
    public static final Path JAR = Path.of("target", "service.jar");
    private static final Duration START_UP = Duration.ofSeconds(120);
    private static final Pattern STARTED = Pattern.compile("Started (application|admin)@[^{]*\\{[^}]*\\}\\{[^}]*:(\\d+)\\}");

    private final Path folder;
    /** The ports the server chose at its last start (it is given 0: no port is picked then raced for). */
    private int port;
    private int adminPort;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    public ChildService(Path folder) {
        this.folder = folder;
    }

    public Path database() {
        return folder.resolve("lending.db");
    }

    /** A new admin client on connections of its own (none left over from a killed process). */
    public Api admin() {
        return Api.onPort(port, TestApp.ADMIN_TOKEN);
    }

    /** A new client for {@code token} on connections of its own. */
    public Api as(String token) {
        return Api.onPort(port, token);
    }

    /** Starts the service and returns once its health check passes; each start logs to a file of its own. */
    public void start() throws InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with mvn verify, after package");
        }
        starts++;
        Path log = folder.resolve("service-" + starts + ".log");
        // C1 only and a small heap: the child starts sooner and leaves the 2 cores to the desks
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", JAR.toAbsolutePath().toString(), "server", TestApp.CONFIG))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("LENDING_"));
        environment.putAll(Map.of(
                "LENDING_DATABASE_URL", "jdbc:sqlite:" + database().toAbsolutePath(),
                "LENDING_ADMIN_TOKEN", TestApp.ADMIN_TOKEN,
                "LENDING_PORT", "0",
                "LENDING_ADMIN_PORT", "0",
                "LENDING_SECRET_FILE", folder.resolve("lending.secret").toAbsolutePath().toString(),
                "LENDING_DEMO_DATA", "false"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_UP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped during start-up " + starts + ":\n" + tail(log));
            }
            if (portsChosen(log) && healthy()) {
                return;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the service was not healthy within " + START_UP + ":\n" + tail(log));
    }

    /** SIGKILL: no shutdown hook, no last commit, no closing of the database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A normal stop (SIGTERM), as an operator would. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /** A histogram of the service's metrics (admin port, {@code /metrics}): its count, max, mean… */
    public JsonNode histogram(String name) throws InterruptedException {
        try {
            String metrics = health.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readTree(metrics).path("histograms").path(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean healthy() throws InterruptedException {
        try {
            return health.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/healthcheck"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Reads from the start's log the ports Jetty bound ("Started application@…{…:PORT}", and admin@). */
    private boolean portsChosen(Path log) {
        String text;
        try {
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher application = STARTED.matcher(text);
        int found = 0;
        while (application.find()) {
            int bound = Integer.parseInt(application.group(2));
            if (application.group(1).equals("application")) {
                port = bound;
            } else {
                adminPort = bound;
            }
            found++;
        }
        return found >= 2;
    }
}
