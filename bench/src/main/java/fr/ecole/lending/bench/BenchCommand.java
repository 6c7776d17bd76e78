package fr.ecole.lending.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.app.SqlObjects;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Migrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar bench.jar config.yml --size tiny|small|full [--database postgresql://...]} (see
 * {@link BenchMain}): builds a synthetic région on a temporary database (a SQLite file, or a
 * database created on the PostgreSQL server named) and measures the service next to a raw baseline run in the same process
 * on the same engine and disk, after a warm-up. Prints one JSON object per line: name, value, unit,
 * baseline, ratio, goal. The machines are shared and noisy: the ratios are what to compare.
 */
public class BenchCommand extends ConfiguredCommand<LendingConfiguration> {
    static final List<String> FIGURES = List.of("report", "export_heap", "labels_pdf", "label_png", "import", "startup", "checkout");

    public BenchCommand() {
        super("bench", "Measures the service against raw baselines on a synthetic région");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        // the bench is its jar's only command, given by BenchMain: the usage line is what one types
        subparser.usage("java -jar bench.jar [-h] [--size {tiny,small,full}] [--only FIGURES] [--warmup SECONDS]\n"
                + "                          [--database URL] [--keep] file");
        subparser.addArgument("--size").choices("tiny", "small", "full").setDefault("small")
                .help("full: 66,000 establishments, 200,000 households, 1,000,000 loans; small: a tenth; tiny: a "
                        + "hundredth, to check in seconds that the bench runs on a server (its figures mean little)");
        subparser.addArgument("--only").metavar("FIGURES").setDefault(String.join(",", FIGURES))
                .help("the figures to measure, comma separated: " + String.join(", ", FIGURES));
        subparser.addArgument("--warmup").metavar("SECONDS").type(Integer.class).setDefault(-1)
                .help("seconds of warm-up before measuring (default: 60 for full, 15 for small, none for tiny)");
        subparser.addArgument("--database").metavar("URL")
                .help("a PostgreSQL server to measure on, as postgresql://host:port/database?user=name: the bench "
                        + "creates its databases there and drops them at the end (default: SQLite files in a "
                        + "temporary folder)");
        subparser.addArgument("--keep").action(Arguments.storeTrue()).help("keep the synthetic database");
    }

    /** What the bench was given cannot be used: said in one sentence, without a stack trace. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof BadInput) {
            cli.getStdErr().println(e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    @Override
    protected void run(Bootstrap<LendingConfiguration> bootstrap, Namespace namespace,
                       LendingConfiguration configuration) throws Exception {
        String size = namespace.getString("size");
        boolean full = "full".equals(size);
        List<String> only = List.of(namespace.getString("only").split(","));
        for (String figure : only) {
            if (!FIGURES.contains(figure)) {
                throw new BadInput("unknown figure " + figure + "; figures: " + String.join(", ", FIGURES));
            }
        }
        int warmup = namespace.getInt("warmup") >= 0 ? namespace.getInt("warmup") : full ? 60 : "tiny".equals(size) ? 0 : 15;
        ObjectMapper json = bootstrap.getObjectMapper();
        Path config = Path.of(namespace.getString("file"));
        Path folder = Files.createTempDirectory("lending-bench");
        boolean keep = namespace.getBoolean("keep");
        String kept = null;
        try (BenchDatabases databases = BenchDatabases.open(namespace.getString("database"), folder)) {
            BenchDatabases.Target region = databases.create("region");
            if (keep) {
                databases.keep(region);
                kept = region.name();
            }
            DataSourceFactory factory = region.configure(configuration.getDataSourceFactory());
            Migrations.migrate(factory);

            long start = System.nanoTime();
            SyntheticRegion.Counts counts;
            Map<String, Object> dataset = new LinkedHashMap<>();
            dataset.put("name", "dataset");
            dataset.put("size", size);
            try (Connection connection = region.connect()) {
                counts = new SyntheticRegion(full ? 1.0 : "tiny".equals(size) ? 0.01 : 0.1, Instant.now()).write(connection);
                dataset.putAll(databases.describe(connection));
            }
            dataset.put("establishments", counts.establishments());
            dataset.put("lyceesOfTheRegion", counts.lycees());
            dataset.put("households", counts.households());
            dataset.put("devices", counts.devices());
            dataset.put("agreements", counts.agreements());
            dataset.put("loans", counts.loans());
            dataset.put("seconds", Math.round(Duration.ofNanos(System.nanoTime() - start).toMillis() / 100.0) / 10.0);
            dataset.put("processors", Runtime.getRuntime().availableProcessors());
            dataset.put("java", System.getProperty("java.version"));
            System.out.println(json.writeValueAsString(dataset));

            if (only.contains("report")) {
                Environment environment = new Environment(bootstrap.getApplication().getName(), json,
                        bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
                        bootstrap.getHealthCheckRegistry(), configuration);
                try {
                    Database database = Database.build(environment, factory, new SqlObjects());
                    System.out.println(json.writeValueAsString(new ReportBench(database, warmup).run()));
                } finally {
                    BenchDatabases.closePools(environment);
                }
            }
            if (only.contains("labels_pdf") || only.contains("label_png")) {
                for (Map<String, Object> figure : new LabelBench(warmup).run()) {
                    if (only.contains((String) figure.get("name"))) {
                        System.out.println(json.writeValueAsString(figure));
                    }
                }
            }
            if (only.contains("import")) {
                System.out.println(json.writeValueAsString(new ImportBench(databases, factory, json,
                        bootstrap.getValidatorFactory(), configuration).run()));
            }
            if (only.contains("checkout")) {
                for (Map<String, Object> figure : new CheckoutBench(folder, databases, config, json, warmup,
                        full ? 30 : 10).run()) {
                    System.out.println(json.writeValueAsString(figure));
                }
            }
            if (only.contains("startup")) {
                System.out.println(json.writeValueAsString(new StartupBench(folder, databases, config).run()));
            }
            if (only.contains("export_heap")) {
                System.out.println(json.writeValueAsString(new ExportBench(folder, region, config, counts.loans()).run()));
            }
        } finally {
            if (kept != null) {
                System.err.println("synthetic database kept: " + kept);
            }
            if (!keep) {
                delete(folder);
            }
        }
    }

    /** One figure as the bench prints it. */
    static Map<String, Object> figure(String name, double value, String unit, Double baseline, String goal) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("name", name);
        figure.put("value", round(value));
        figure.put("unit", unit);
        figure.put("baseline", baseline == null ? null : round(baseline));
        figure.put("ratio", baseline == null || baseline == 0 ? null : round(value / baseline));
        figure.put("goal", goal);
        return figure;
    }

    /** To the hundredth; a whole number as such (rows are counted, not measured). */
    private static Number round(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == Math.rint(rounded) ? (Number) (long) rounded : (Number) rounded;
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
