package fr.ecole.lending.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.SchoolCalendar;
import fr.ecole.lending.auth.TokenHasher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Check-outs at the desk: 16 desks at once, each lending one device per agreement over HTTP
 * ({@code POST /api/agreements}, audit and durable commit included), to a service started apart on
 * an empty database, against raw JDBC one-row commits with {@code synchronous=FULL} on the same disk.
 */
final class CheckoutBench {
    private static final String COLLEGE = "0350963G";
    private static final int DESKS = 16;
    private static final int FAMILIES = 200;
    /** More than two cores lend: the pool is delivered for this many a second. */
    private static final int MOST_PER_SECOND = 1_200;
    private final Path folder;
    private final Path config;
    private final ObjectMapper json;
    private final int warmupSeconds;
    private final int seconds;
    // HTTP/1.1 as desks' browsers speak to the service (no attempt to upgrade each connection to h2c)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    CheckoutBench(Path folder, Path config, ObjectMapper json, int warmupSeconds, int seconds) {
        this.folder = folder;
        this.config = config;
        this.json = json;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    List<Map<String, Object>> run() throws Exception {
        String token = TokenHasher.newToken();
        int port = Children.freePort();
        int adminPort = Children.freePort();
        ProcessBuilder builder = Children.java(folder.resolve("checkout-server.log"), "-jar", Children.jar().toString(),
                "server", config.toString());
        builder.environment().putAll(Map.of(
                "LENDING_DATABASE_URL", "jdbc:sqlite:" + folder.resolve("checkout.db"),
                "LENDING_DATABASE_DRIVER", "org.sqlite.JDBC", "LENDING_ADMIN_TOKEN", token, "LENDING_DEMO_DATA", "false",
                "LENDING_PORT", String.valueOf(port), "LENDING_ADMIN_PORT", String.valueOf(adminPort),
                "LENDING_SECRET_FILE", folder.resolve("secret").toString()));
        Process server = Children.startHealthy(builder, adminPort);
        try {
            String base = "http://localhost:" + port + "/api";
            send(base + "/imports/establishments", token, "text/csv",
                    CheckoutBench.class.getResourceAsStream("/fixtures/establishments/fr-en-annuaire-education.csv")
                            .readAllBytes());
            List<Long> families = new ArrayList<>();
            for (int i = 0; i < FAMILIES; i++) {
                families.add(send(base + "/families", token, "application/json", json.writeValueAsBytes(Map.of(
                        "guardian", Map.of("name", "Foyer " + i, "preferredContact", "PAPER"),
                        "communeInsee", "35238",
                        "pupils", List.of(Map.of("firstName", "Élève", "uai", COLLEGE, "level", "5E")))))
                        .path("id").asLong());
            }
            // every device lent once: room for MOST_PER_SECOND check-outs a second through the warm-up and the measure
            ConcurrentLinkedQueue<String> pool = new ConcurrentLinkedQueue<>();
            int needed = (warmupSeconds + seconds) * MOST_PER_SECOND;
            for (int delivered = 0; delivered < needed; delivered += 5_000) {
                StringBuilder csv = new StringBuilder("kind;serial;model\n");
                for (int i = delivered; i < delivered + 5_000; i++) {
                    csv.append("LAPTOP;BENCH").append(i).append(";Portable de banc\n");
                }
                send(base + "/establishments/" + COLLEGE + "/imports/devices", token, "text/csv",
                        csv.toString().getBytes()).path("created").forEach(tag -> pool.add(tag.asText()));
            }

            lend(base, token, families, pool, warmupSeconds, new ArrayList<>());
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            Duration cpuBefore = processorTime(server);
            long lent = lend(base, token, families, pool, seconds, latencies);
            // what a check-out costs the service itself, whatever else the shared machine runs meanwhile
            double cpuPerCheckout = processorTime(server).minus(cpuBefore).toNanos() / 1_000_000.0 / lent;
            double perSecond = lent / (double) seconds;
            double commits = rawCommitsPerSecond();
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.floor(sorted.size() * 0.99));
            Map<String, Object> checkout = BenchCommand.figure("checkout", perSecond, "per second", commits,
                    ">= 0.5x raw one-row commits (synchronous=FULL)");
            checkout.put("serverCpuMsPerCheckout", Math.round(cpuPerCheckout * 100) / 100.0);
            return List.of(checkout,
                    BenchCommand.figure("checkout_p99", p99, "ms", null, "< 50 ms"));
        } finally {
            Children.stop(server);
        }
    }

    private static Duration processorTime(Process process) {
        return process.info().totalCpuDuration().orElseThrow(() ->
                new IllegalStateException("this system does not tell a process's processor time"));
    }

    /** Desks lending for {@code duration} seconds; returns how many agreements were created. */
    private long lend(String base, String token, List<Long> families, ConcurrentLinkedQueue<String> pool, int duration,
                      List<Double> latencies) throws Exception {
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(duration).toNanos();
        String due = LocalDate.now(SchoolCalendar.ZONE).plusMonths(6).toString();
        ExecutorService desks = Executors.newFixedThreadPool(DESKS);
        List<Future<?>> running = new ArrayList<>();
        for (int desk = 0; desk < DESKS; desk++) {
            int number = desk;
            running.add(desks.submit(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    String tag = pool.poll();
                    if (tag == null) {
                        throw new IllegalStateException("the benchmark ran out of devices to lend");
                    }
                    byte[] body = json.writeValueAsBytes(Map.of("familyId", families.get((int) (n++ % FAMILIES)),
                            "uai", COLLEGE, "assetTags", List.of(tag), "dueDate", due,
                            "idempotencyKey", "bench-" + number + "-" + tag,
                            "override", Map.of("reason", "Banc d'essai des prêts au guichet")));
                    long start = System.nanoTime();
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(base + "/agreements"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                    double millis = (System.nanoTime() - start) / 1_000_000.0;
                    if (response.statusCode() == 201) {
                        created.incrementAndGet();
                        latencies.add(millis);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> desk : running) {
            desk.get();
        }
        desks.shutdown();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " check-outs were refused; see checkout-server.log");
        }
        return created.get();
    }

    /** Raw JDBC: one row per transaction, durable (an fsync per commit), for as long as the desks lent. */
    private double rawCommitsPerSecond() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("commits.db"))) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = FULL");
                statement.execute("CREATE TABLE IF NOT EXISTS commits (id INTEGER PRIMARY KEY, at BIGINT NOT NULL)");
            }
            connection.setAutoCommit(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long commits = 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commits (at) VALUES (?)")) {
                while (System.nanoTime() < deadline) {
                    insert.setLong(1, System.nanoTime());
                    insert.executeUpdate();
                    connection.commit();
                    commits++;
                }
            }
            return commits / (double) seconds;
        }
    }

    private JsonNode send(String url, String token, String type, byte[] body) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return json.readTree(response.body());
    }
}
