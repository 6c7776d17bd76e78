package fr.ecole.lending.bench;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.app.SqlObjects;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Migrations;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.ValidatorFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import of the national directory, 66,000 rows in its own format (the real file's rows again
 * and again under new UAIs), into an empty database through the service, against a raw batched
 * insert of the same rows into another empty database, both on the same engine and disk. On
 * PostgreSQL the raw insert sends its batches as multi-row INSERTs ({@code reWriteBatchedInserts}),
 * the driver's fastest; the service, as its URL says (config.yml does not ask for it).
 */
final class ImportBench {
    private static final int ROWS = 66_000;
    private static final int ROUNDS = 3;
    private final BenchDatabases databases;
    private final DataSourceFactory configured;
    private final ObjectMapper json;
    private final ValidatorFactory validation;
    private final LendingConfiguration configuration;
    private int created;

    ImportBench(BenchDatabases databases, DataSourceFactory configured, ObjectMapper json, ValidatorFactory validation,
                LendingConfiguration configuration) {
        this.databases = databases;
        this.configured = configured;
        this.json = json;
        this.validation = validation;
        this.configuration = configuration;
    }

    Map<String, Object> run() throws Exception {
        List<String[]> rows = new ArrayList<>();
        byte[] file = directory(rows);
        // a first round of each, for the JIT
        serviceImport(file);
        rawInsert(rows);
        List<Double> service = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            service.add(ROWS / (serviceImport(file) / 1000));
            raw.add(ROWS / (rawInsert(rows) / 1000));
        }
        return BenchCommand.figure("import", Stats.median(service), "rows per second", Stats.median(raw),
                ">= 0.3x a raw batched insert");
    }

    /** The real directory's rows, repeated under new UAIs up to 66,000; {@code rows} gets what a raw insert writes. */
    private byte[] directory(List<String[]> rows) throws Exception {
        List<String[]> real;
        try (InputStream in = ImportBench.class.getResourceAsStream("/fixtures/establishments/fr-en-annuaire-education.csv");
             CSVReader reader = new CSVReaderBuilder(new InputStreamReader(in, StandardCharsets.UTF_8))
                     .withCSVParser(new CSVParserBuilder().withSeparator(';').build()).build()) {
            real = reader.readAll();
        }
        String[] header = real.get(0);
        // the published file starts with a byte-order mark
        header[0] = header[0].replace("\uFEFF", "");
        List<String> columns = Arrays.asList(header);
        int uai = columns.indexOf("Identifiant_de_l_etablissement");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             ICSVWriter csv = new CSVWriterBuilder(writer).withSeparator(';').build()) {
            csv.writeNext(header, false);
            for (int i = 0; i < ROWS; i++) {
                String[] row = real.get(1 + i % (real.size() - 1)).clone();
                String digits = String.format("%07d", 2_000_000 + i);
                row[uai] = digits + Uai.checkLetter(digits);
                csv.writeNext(row, false);
                rows.add(new String[] {row[uai], row[columns.indexOf("Nom_etablissement")],
                        row[columns.indexOf("Code_commune")], row[columns.indexOf("Nom_commune")],
                        row[columns.indexOf("Code_departement")], row[columns.indexOf("Code_region")]});
            }
        }
        return out.toByteArray();
    }

    /** Milliseconds the service takes to import the file into an empty database. */
    private double serviceImport(byte[] file) throws Exception {
        BenchDatabases.Target empty = emptyDatabase();
        // an environment of its own for each database: its pools register metrics under fixed names
        Environment environment = new Environment("bench-import", json, validation, new MetricRegistry(),
                ImportBench.class.getClassLoader(), new HealthCheckRegistry(), configuration);
        try {
            long admin;
            try (Connection connection = empty.connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO users (name, role, token_hash, active, created_at) "
                        + "VALUES ('bench', 'ADMIN', 'not-a-token-hash', TRUE, 0)");
                admin = count(statement, "SELECT MAX(id) FROM users");
            }
            Database database = Database.build(environment, empty.configure(pool()), new SqlObjects());
            Clock clock = Clock.systemUTC();
            EstablishmentService establishments = new EstablishmentService(database, new Audit(database, clock), clock);
            User actor = new User(admin, "bench", Role.ADMIN, null, Set.of());
            return Stats.time(() -> {
                EstablishmentService.ImportResult result = establishments.importDirectory(actor,
                        new ByteArrayInputStream(file));
                if (result.created() + result.rejectedCount() != ROWS) {
                    throw new IllegalStateException("the import took " + result.created() + " of " + ROWS + " rows");
                }
            });
        } finally {
            BenchDatabases.closePools(environment);
            databases.drop(empty);
        }
    }

    /** Milliseconds a plain batched insert of the same rows takes, a thousand per durable commit. */
    private double rawInsert(List<String[]> rows) throws Exception {
        BenchDatabases.Target empty = emptyDatabase();
        try (Connection connection = empty.connectDurably()) {
            connection.setAutoCommit(false);
            return Stats.time(() -> {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO establishments (uai, name, type, commune_insee, commune_name, departement, region,
                                                    priority_education, imported_at)
                        VALUES (?, ?, 'ECOLE', ?, ?, ?, ?, 'NONE', 0)""")) {
                    int n = 0;
                    for (String[] row : rows) {
                        for (int i = 0; i < row.length; i++) {
                            insert.setString(i + 1, row[i]);
                        }
                        insert.addBatch();
                        if (++n % 1_000 == 0) {
                            insert.executeBatch();
                            connection.commit();
                        }
                    }
                    insert.executeBatch();
                    connection.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            databases.drop(empty);
        }
    }

    /** A new database with the service's schema and no rows. */
    private BenchDatabases.Target emptyDatabase() {
        BenchDatabases.Target empty = databases.create("import-" + (++created));
        Migrations.migrate(empty.configure(pool()));
        return empty;
    }

    /** A pool sized as the configured one, pointed at no database yet. */
    private DataSourceFactory pool() {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setMinSize(configured.getMinSize());
        factory.setInitialSize(configured.getInitialSize());
        factory.setMaxSize(configured.getMaxSize());
        configured.getValidationQuery().ifPresent(factory::setValidationQuery);
        return factory;
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
