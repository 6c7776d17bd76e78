package fr.ecole.lending.bench;

import fr.ecole.lending.app.LendingApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Services the benchmark starts apart, from the same jar (the service is in it), with the same Java. */
final class Children {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Children() {
    }

    static Path jar() throws Exception {
        return Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A Java process with {@code arguments}, its output in {@code log}. */
    static ProcessBuilder java(Path log, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    /**
     * The service from the same jar on {@code database}, its output in {@code log}: the project's
     * configuration with the bench's admin token, ports and secret file, without demo data. The jar's
     * own main is the bench: the service's is named.
     */
    static ProcessBuilder service(Path log, Path config, BenchDatabases.Target database, String token, int port,
                                  int adminPort, Path secretFile, String... javaOptions) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(javaOptions));
        arguments.addAll(List.of("-cp", jar().toString(), LendingApplication.class.getName(), "server",
                config.toString()));
        ProcessBuilder builder = java(log, arguments.toArray(String[]::new));
        builder.environment().putAll(database.environment());
        builder.environment().putAll(Map.of("LENDING_ADMIN_TOKEN", token, "LENDING_DEMO_DATA", "false",
                "LENDING_PORT", String.valueOf(port), "LENDING_ADMIN_PORT", String.valueOf(adminPort),
                "LENDING_SECRET_FILE", secretFile.toString()));
        return builder;
    }

    /** Starts the process and returns it once its health check answers on {@code adminPort}. */
    static Process startHealthy(ProcessBuilder builder, int adminPort) throws Exception {
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("a service the benchmark started stopped; see "
                        + builder.redirectOutput().file());
            }
            try {
                if (CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/healthcheck"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        process.destroy();
        throw new IllegalStateException("a service the benchmark started was not healthy within 90 s");
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
