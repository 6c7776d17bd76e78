package fr.ecole.lending.bench;

import fr.ecole.lending.auth.TokenHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service started from the bench's jar, which holds it, on an empty database (migrations included; a PostgreSQL database
 * is created before the clock starts) until its health check answers, against a Dropwizard
 * application that does nothing, started the same way from the same jar: what the service's own
 * start-up costs.
 */
final class StartupBench {
    private static final int ROUNDS = 5;
    private final Path folder;
    private final BenchDatabases databases;
    private final Path config;
    private int starts;

    StartupBench(Path folder, BenchDatabases databases, Path config) {
        this.folder = folder;
        this.databases = databases;
        this.config = config;
    }

    private Path log() {
        return folder.resolve("startup.log");
    }

    Map<String, Object> run() throws Exception {
        List<Double> service = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        // a first start of each: the jar and the JDK's files in the disk cache
        startService();
        startBare();
        for (int round = 0; round < ROUNDS; round++) {
            service.add(startService());
            bare.add(startBare());
        }
        return BenchCommand.figure("startup", Stats.median(service), "ms", Stats.median(bare),
                "report it (aim <= 1.5x a bare Dropwizard application)");
    }

    private double startService() throws Exception {
        int port = Children.freePort();
        int adminPort = Children.freePort();
        BenchDatabases.Target empty = databases.create("startup-" + (++starts));
        try {
            return timeToHealthy(Children.service(log(), config, empty, TokenHasher.newToken(), port, adminPort,
                    folder.resolve("secret")), adminPort);
        } finally {
            databases.drop(empty);
        }
    }

    private double startBare() throws Exception {
        int port = Children.freePort();
        int adminPort = Children.freePort();
        Path bareConfig = folder.resolve("bare.yml");
        Files.writeString(bareConfig, "server:\n  applicationConnectors:\n    - type: http\n      port: " + port
                + "\n  adminConnectors:\n    - type: http\n      port: " + adminPort + "\n");
        return timeToHealthy(Children.java(log(), "-cp", Children.jar().toString(), BareApplication.class.getName(),
                "server", bareConfig.toString()), adminPort);
    }

    /** Milliseconds from the process's start to its first healthy answer; the process is stopped after. */
    private double timeToHealthy(ProcessBuilder builder, int adminPort) throws Exception {
        long start = System.nanoTime();
        Process process = Children.startHealthy(builder, adminPort);
        double elapsed = (System.nanoTime() - start) / 1_000_000.0;
        Children.stop(process);
        return elapsed;
    }
}
