package fr.ecole.lending.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bench as operators run it, from its own jar, with {@code --database} naming the
 * suite's PostgreSQL server: tiny (a hundredth of the full région) and on two cheap figures, it
 * measures there and leaves no database behind; a server it cannot use, or a URL that is no server's,
 * gets one sentence.
 */
@Tag("postgresql-only")
class BenchOnPostgresqlIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shaded jar, built in the package phase that runs before the ITs; tests run from the module's folder. */
    static final Path JAR = Path.of("target", "bench.jar");

    /** A bench process that ended, and the databases of its own seen on the server while it ran. */
    record Run(long pid, int exit, List<String> output, List<String> errors, Set<String> databasesSeen) {
        /** The figures printed, by name. */
        Map<String, JsonNode> figures() throws IOException {
            Map<String, JsonNode> figures = new HashMap<>();
            for (String line : output) {
                // Liquibase writes its progress to standard output too
                if (line.startsWith("{")) {
                    JsonNode figure = JSON.readTree(line);
                    figures.put(figure.path("name").asText(), figure);
                }
            }
            return figures;
        }
    }

    @Test
    void theBenchMeasuresOnThePostgresqlServerAndDropsTheDatabasesItCreated() throws Exception {
        Run run = bench("--size", "tiny", "--only", "report,export_heap", "--database", TestEngine.POSTGRESQL_SERVER);

        assertThat(run.exit()).as(String.join("\n", run.errors())).isZero();
        Map<String, JsonNode> figures = run.figures();
        assertThat(figures.get("dataset").path("engine").asText()).isEqualTo("postgresql");
        assertThat(figures.get("dataset").path("size").asText()).isEqualTo("tiny");
        assertThat(figures.get("dataset").path("loans").asLong()).isEqualTo(10_000);
        assertThat(figures.get("dataset").path("durability").asText()).startsWith("synchronous_commit=");
        JsonNode report = figures.get("report");
        assertThat(report.path("value").asDouble()).isPositive();
        assertThat(report.path("baseline").asDouble()).isPositive();
        assertThat(report.path("ratio").asDouble()).isPositive();
        // a service the bench started apart, on the synthetic database it was given
        JsonNode export = figures.get("export_heap");
        assertThat(export.path("value").asLong()).isEqualTo(export.path("expected").asLong()).isPositive();
        assertThat(export.path("met").asBoolean()).isTrue();
        assertThat(run.databasesSeen()).contains("lending_bench_" + run.pid() + "_region");
        assertThat(databasesOf(run.pid())).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerGetsOneSentence() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        Run run = bench("--only", "report", "--database", "postgresql://127.0.0.1:" + nothingListens + "/postgres?user=postgres");

        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).singleElement().asString()
                .startsWith("PostgreSQL at 127.0.0.1:" + nothingListens + " cannot be used: ");
        assertThat(run.output()).noneMatch(line -> line.startsWith("{"));
    }

    @Test
    void aUrlThatNamesNoPostgresqlServerGetsOneSentence() throws Exception {
        Run run = bench("--only", "report", "--database", "mysql://127.0.0.1/lending");

        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).containsExactly("--database takes a PostgreSQL server as "
                + "postgresql://host:port/database?user=name, not mysql://127.0.0.1/lending");
    }

    /**
     * The bench from the jar the package phase built, on the project's config.yml, within two minutes;
     * the server is asked for the bench's databases meanwhile.
     */
    private static Run bench(String... options) throws Exception {
        Path folder = TestApp.newFolder();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), TestApp.CONFIG));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(folder.resolve("bench.out").toFile())
                .redirectError(folder.resolve("bench.err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LENDING_"));
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Set<String> seen = new TreeSet<>();
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the bench did not end within two minutes; see " + folder);
            }
            seen.addAll(databasesOf(process.pid()));
        }
        return new Run(process.pid(), process.exitValue(), Files.readAllLines(folder.resolve("bench.out")),
                Files.readAllLines(folder.resolve("bench.err")), seen);
    }

    /** The databases a bench process created on the server that are still there. */
    private static List<String> databasesOf(long pid) throws Exception {
        String prefix = "lending_bench_" + pid + "_";
        List<String> names = new ArrayList<>();
        try (Connection server = DriverManager.getConnection(TestEngine.POSTGRESQL_SERVER);
             Statement statement = server.createStatement();
             ResultSet databases = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (databases.next()) {
                if (databases.getString(1).startsWith(prefix)) {
                    names.add(databases.getString(1));
                }
            }
        }
        return names;
    }
}
