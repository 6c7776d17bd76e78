package fr.ecole.lending.bench;

import fr.ecole.lending.auth.TokenHasher;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The loans export of the whole synthetic dataset, from a service started apart with {@code -Xmx256m}:
 * it must finish with every loan as a row, which only a streamed export can.
 */
final class ExportBench {
    private static final String HEAP = "-Xmx256m";
    private final Path folder;
    private final String databaseUrl;
    private final Path config;
    private final int loans;

    ExportBench(Path folder, String databaseUrl, Path config, int loans) {
        this.folder = folder;
        this.databaseUrl = databaseUrl;
        this.config = config;
        this.loans = loans;
    }

    Map<String, Object> run() throws Exception {
        String token = TokenHasher.newToken();
        int port = freePort();
        int adminPort = freePort();
        Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-jar", jar.toString(), "server", config.toString());
        builder.environment().putAll(Map.of("LENDING_DATABASE_URL", databaseUrl, "LENDING_DATABASE_DRIVER", "org.sqlite.JDBC",
                "LENDING_ADMIN_TOKEN", token, "LENDING_DEMO_DATA", "false", "LENDING_PORT", String.valueOf(port),
                "LENDING_ADMIN_PORT", String.valueOf(adminPort), "LENDING_SECRET_FILE", folder.resolve("secret").toString()));
        builder.redirectErrorStream(true).redirectOutput(folder.resolve("export-server.log").toFile());
        Process server = builder.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            waitHealthy(client, adminPort, server);
            long start = System.nanoTime();
            HttpResponse<InputStream> export = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/exports/loans.csv"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            try (InputStream body = export.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = lines - 1;
            boolean complete = export.statusCode() == 200 && rows == loans && server.isAlive();
            Map<String, Object> figure = BenchCommand.figure("export_heap", rows, "rows", null,
                    "completes under " + HEAP + ", every row present");
            figure.put("expected", loans);
            figure.put("heap", HEAP);
            figure.put("seconds", Math.round(seconds * 10) / 10.0);
            figure.put("met", complete);
            return figure;
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void waitHealthy(HttpClient client, int adminPort, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the export's service stopped at start-up; see export-server.log");
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/healthcheck")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the export's service was not healthy within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
