package fr.ecole.lending.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.auth.TokenHasher;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
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
 * an empty database, against raw JDBC one-row durable commits on the same engine and disk: with
 * {@code synchronous=FULL} from one connection on SQLite, which admits one writer at a time; with the
 * server's {@code synchronous_commit} from as many connections as desks on PostgreSQL, which commits
 * them side by side.
 */
final class CheckoutBench {
    private static final String COLLEGE = "0350963G";
    private static final int DESKS = 16;
    private static final int FAMILIES = 200;
    /** More than two cores lend: the pool is delivered for this many a second. */
    private static final int MOST_PER_SECOND = 1_200;
    private final Path folder;
    private final BenchDatabases databases;
    private final Path config;
    private final ObjectMapper json;
    private final int warmupSeconds;
    private final int seconds;
    // HTTP/1.1 as desks' browsers speak to the service (no attempt to upgrade each connection to h2c)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    CheckoutBench(Path folder, BenchDatabases databases, Path config, ObjectMapper json, int warmupSeconds, int seconds) {
        this.folder = folder;
        this.databases = databases;
        this.config = config;
        this.json = json;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    List<Map<String, Object>> run() throws Exception {
        String token = TokenHasher.newToken();
        int port = Children.freePort();
        int adminPort = Children.freePort();
        BenchDatabases.Target empty = databases.create("checkout");
        Process server = Children.startHealthy(Children.service(folder.resolve("checkout-server.log"), config, empty,
                token, port, adminPort, folder.resolve("secret")), adminPort);
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

            AtomicLong refused = new AtomicLong();
            lend(base, token, families, pool, warmupSeconds, new ArrayList<>(), refused);
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            Duration cpuBefore = processorTime(server);
            long lent = lend(base, token, families, pool, seconds, latencies, refused);
            // what a check-out costs the service itself, whatever else the shared machine runs meanwhile
            double cpuPerCheckout = processorTime(server).minus(cpuBefore).toNanos() / 1_000_000.0 / lent;
            double perSecond = lent / (double) seconds;
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.floor(sorted.size() * 0.99));
            int connections = databases.engine() == Engine.SQLITE ? 1 : DESKS;
            Map<String, Object> checkout = BenchCommand.figure("checkout", perSecond, "per second",
                    rawCommitsPerSecond(connections), ">= 0.5x raw one-row commits (" + databases.durability() + ")");
            checkout.put("serverCpuMsPerCheckout", Math.round(cpuPerCheckout * 100) / 100.0);
            // over the warm-up and the measure: a desk told to try again is a result too (kept with --keep:
            // checkout-server.log says why)
            checkout.put("refused", refused.get());
            checkout.put("baselineConnections", connections);
            if (connections > 1) {
                // what one connection's commits wait for on this disk, to set beside SQLite's baseline
                checkout.put("rawCommitsOneConnection", Math.round(rawCommitsPerSecond(1)));
            }
            return List.of(checkout,
                    BenchCommand.figure("checkout_p99", p99, "ms", null, "< 50 ms"),
                    onePool(base, token, families, empty));
        } finally {
            Children.stop(server);
            databases.drop(empty);
        }
    }

    /**
     * 64 desks lending bundles of two devices drawn at random from one pool of 256, so that most of them
     * ask for a device another desk is lending at that moment: the service must answer each with the
     * agreement or a 409 naming the device, never a failure, and lend no device twice. Reported, not a
     * ratio: the p99 of every answer, the answers by kind, and the devices found on two open loans
     * (read in the database afterwards, and from the agreements the desks were given).
     */
    private Map<String, Object> onePool(String base, String token, List<Long> families, BenchDatabases.Target target)
            throws Exception {
        int desks = 64;
        StringBuilder csv = new StringBuilder("kind;serial;model\n");
        for (int i = 0; i < 256; i++) {
            csv.append("LAPTOP;POOL").append(i).append(";Portable du parc commun\n");
        }
        List<String> shared = new ArrayList<>();
        send(base + "/establishments/" + COLLEGE + "/imports/devices", token, "text/csv", csv.toString().getBytes())
                .path("created").forEach(tag -> shared.add(tag.asText()));
        String due = LocalDate.now(SchoolCalendar.ZONE).plusMonths(6).toString();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> answers = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<String> lent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicLong lentTwice = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.min(10, Math.max(2, seconds))).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(desks);
        List<Future<?>> running = new ArrayList<>();
        for (int desk = 0; desk < desks; desk++) {
            int number = desk;
            running.add(pool.submit(() -> {
                java.util.Random random = new java.util.Random(number);
                for (long n = 0; System.nanoTime() < deadline; n++) {
                    String first = shared.get(random.nextInt(shared.size()));
                    String second = shared.get(random.nextInt(shared.size()));
                    if (first.equals(second)) {
                        continue;
                    }
                    byte[] body = json.writeValueAsBytes(Map.of("familyId", families.get((int) ((number + n) % FAMILIES)),
                            "uai", COLLEGE, "assetTags", List.of(first, second), "dueDate", due,
                            "idempotencyKey", "pool-" + number + "-" + n,
                            "override", Map.of("reason", "Banc d'essai du parc commun")));
                    int status = checkOut(base, token, body, latencies);
                    answers.computeIfAbsent(status, code -> new AtomicLong()).incrementAndGet();
                    if (status == 201) {
                        for (String tag : List.of(first, second)) {
                            if (!lent.add(tag)) {
                                lentTwice.incrementAndGet();
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> desk : running) {
            desk.get();
        }
        pool.shutdown();
        long twiceInTheDatabase;
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM (SELECT device_id FROM loans "
                     + "WHERE returned_at IS NULL AND lost_at IS NULL GROUP BY device_id HAVING COUNT(*) > 1) twice")) {
            rows.next();
            twiceInTheDatabase = rows.getLong(1);
        }
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.floor(sorted.size() * 0.99));
        long failures = answers.entrySet().stream().filter(answer -> answer.getKey() >= 500)
                .mapToLong(answer -> answer.getValue().get()).sum();
        Map<String, Object> figure = BenchCommand.figure("checkout_one_pool_p99", p99, "ms", null,
                "no 5xx, no device lent twice; p99 reported");
        figure.put("desks", desks);
        figure.put("devices", shared.size());
        figure.put("answers", new java.util.TreeMap<>(answers.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                answer -> String.valueOf(answer.getKey()), answer -> answer.getValue().get()))));
        figure.put("failures", failures);
        figure.put("lentTwice", lentTwice.get() + twiceInTheDatabase);
        return figure;
    }

    /** One check-out sent by a desk: its answer's status; its latency, seen by the desk, goes to {@code latencies}. */
    private int checkOut(String base, String token, byte[] body, List<Double> latencies) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(base + "/agreements"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        latencies.add((System.nanoTime() - start) / 1_000_000.0);
        return response.statusCode();
    }

    private static Duration processorTime(Process process) {
        return process.info().totalCpuDuration().orElseThrow(() ->
                new IllegalStateException("this system does not tell a process's processor time"));
    }

    /**
     * Desks lending for {@code duration} seconds; returns how many agreements were created. Every
     * answer's latency goes to {@code latencies}, a refusal's too; refusals are counted in {@code refused}.
     */
    private long lend(String base, String token, List<Long> families, ConcurrentLinkedQueue<String> pool, int duration,
                      List<Double> latencies, AtomicLong refused) throws Exception {
        AtomicLong created = new AtomicLong();
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
                    int status = checkOut(base, token, body, latencies);
                    if (status == 201) {
                        created.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> desk : running) {
            desk.get();
        }
        desks.shutdown();
        return created.get();
    }

    /**
     * Raw JDBC: one row per transaction, durable, from {@code connections} connections at once, for as
     * long as the desks lent, into an empty database of its own.
     */
    private double rawCommitsPerSecond(int connections) throws Exception {
        BenchDatabases.Target target = databases.create("commits");
        ExecutorService committers = Executors.newFixedThreadPool(connections);
        try {
            try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
                statement.execute(databases.engine() == Engine.SQLITE
                        ? "CREATE TABLE commits (id INTEGER PRIMARY KEY, at BIGINT NOT NULL)"
                        : "CREATE TABLE commits (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL)");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Future<Long>> running = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                running.add(committers.submit(() -> commitUntil(target, deadline)));
            }
            long commits = 0;
            for (Future<Long> committer : running) {
                commits += committer.get();
            }
            return commits / (double) seconds;
        } finally {
            committers.shutdown();
            databases.drop(target);
        }
    }

    private long commitUntil(BenchDatabases.Target target, long deadline) throws Exception {
        try (Connection connection = target.connectDurably()) {
            connection.setAutoCommit(false);
            long commits = 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commits (at) VALUES (?)")) {
                while (System.nanoTime() < deadline) {
                    insert.setLong(1, System.nanoTime());
                    insert.executeUpdate();
                    connection.commit();
                    commits++;
                }
            }
            return commits;
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
