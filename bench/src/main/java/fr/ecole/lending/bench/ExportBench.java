package fr.ecole.lending.bench;

import fr.ecole.lending.auth.TokenHasher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * The loans export of the whole synthetic dataset, from a service started apart with {@code -Xmx256m}:
 * it must finish with every loan as a row, which only a streamed export can.
 */
final class ExportBench {
    private static final String HEAP = "-Xmx256m";
    private final Path folder;
    private final BenchDatabases.Target database;
    private final Path config;
    private final int loans;

    ExportBench(Path folder, BenchDatabases.Target database, Path config, int loans) {
        this.folder = folder;
        this.database = database;
        this.config = config;
        this.loans = loans;
    }

    Map<String, Object> run() throws Exception {
        String token = TokenHasher.newToken();
        int port = Children.freePort();
        int adminPort = Children.freePort();
        Process server = Children.startHealthy(Children.service(folder.resolve("export-server.log"), config, database,
                token, port, adminPort, folder.resolve("secret"), HEAP), adminPort);
        try {
            HttpClient client = HttpClient.newHttpClient();
            long start = System.nanoTime();
            HttpResponse<InputStream> export = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/exports/loans.csv"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            boolean broken = false;
            try (InputStream body = export.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            } catch (IOException e) {
                // the service gave up in the middle: what came until then is counted
                broken = true;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // an error's body is no CSV: no row came
            long rows = export.statusCode() == 200 ? Math.max(lines - 1, 0) : 0;
            boolean complete = export.statusCode() == 200 && !broken && rows == loans && server.isAlive();
            Map<String, Object> figure = BenchCommand.figure("export_heap", rows, "rows", null,
                    "completes under " + HEAP + ", every row present");
            figure.put("expected", loans);
            figure.put("heap", HEAP);
            figure.put("seconds", Math.round(seconds * 10) / 10.0);
            figure.put("status", export.statusCode());
            figure.put("met", complete);
            return figure;
        } finally {
            Children.stop(server);
        }
    }
}
