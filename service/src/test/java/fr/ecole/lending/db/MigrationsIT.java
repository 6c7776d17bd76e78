package fr.ecole.lending.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class MigrationsIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createOnEmptyDatabase();

    static List<String> migrationFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(MigrationsIT.class.getResource("/migrations").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> "migrations/" + file.getFileName()).sorted().toList();
        }
    }

    static List<String> ranFiles(String url) {
        return Jdbi.create(url).withHandle(handle -> handle
                .createQuery("SELECT DISTINCT filename FROM databasechangelog ORDER BY filename")
                .mapTo(String.class).list());
    }

    static long count(String url, String table) {
        return Jdbi.create(url).withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Long.class).one());
    }

    @Test
    void everyMigrationFileRanAtStartUp() throws Exception {
        List<String> files = migrationFiles();
        assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(file).matches("migrations/\\d{3}-[a-z-]+\\.sql"));
        assertThat(ranFiles(APP.getConfiguration().getDataSourceFactory().getUrl())).containsExactlyElementsOf(files);
    }

    @Test
    void migratingADatabaseThatHoldsDataAgainChangesNothing() {
        Api api = new Api(APP);
        api.importDirectory();
        api.post("/api/establishments/" + Builders.COLLEGE + "/devices", Builders.laptop());
        DataSourceFactory factory = APP.getConfiguration().getDataSourceFactory();
        String url = factory.getUrl();
        long changeSets = count(url, "databasechangelog");
        long devices = count(url, "devices");

        Migrations.migrate(factory);

        assertThat(count(url, "databasechangelog")).isEqualTo(changeSets);
        assertThat(count(url, "devices")).isEqualTo(devices).isPositive();
        assertThat(api.get("/api/establishments/" + Builders.COLLEGE + "/devices").status()).isEqualTo(200);
    }

    @Test
    @Tag("sqlite-only")
    void aMigrationLockLeftByAnInterruptedStartIsReleased() {
        DataSourceFactory factory = APP.getConfiguration().getDataSourceFactory();
        String url = factory.getUrl();
        Jdbi.create(url).useHandle(handle -> handle.execute("UPDATE databasechangeloglock SET locked = 1, "
                + "lockgranted = CURRENT_TIMESTAMP, lockedby = 'a start killed while migrating'"));

        Migrations.migrate(factory);

        assertThat(count(url, "databasechangeloglock WHERE locked = 1")).isZero();
    }

    @Test
    @Tag("sqlite-only")
    void aStartWaitsForAMigrationInProgressRatherThanTakingItsLock() throws Exception {
        DataSourceFactory factory = APP.getConfiguration().getDataSourceFactory();
        String url = factory.getUrl();
        CompletableFuture<Void> start;
        try (MigrationLock migrating = MigrationLock.take(Database.sqliteFile(url).orElseThrow())) {
            Jdbi.create(url).useHandle(handle -> handle.execute("UPDATE databasechangeloglock SET locked = 1, "
                    + "lockgranted = CURRENT_TIMESTAMP, lockedby = 'db migrate, running'"));
            start = CompletableFuture.runAsync(() -> Migrations.migrate(factory));
            Thread.sleep(500);
            assertThat(start).as("the start waits for the migration in progress").isNotDone();
            assertThat(count(url, "databasechangeloglock WHERE locked = 1")).isEqualTo(1);
            // the migration in progress ends, and gives Liquibase's lock back
            Jdbi.create(url).useHandle(handle -> handle.execute("UPDATE databasechangeloglock SET locked = 0"));
        }
        start.get(60, TimeUnit.SECONDS);
        assertThat(count(url, "databasechangeloglock WHERE locked = 1")).isZero();
    }

    @Test
    @Tag("sqlite-only")
    void theDbMigrateCommandMigratesAnEmptyDatabaseInAFolderNotYetMade() throws Exception {
        Path folder = TestApp.newFolder();
        String url = "jdbc:sqlite:" + folder.resolve("not-yet").resolve("migrated.db");
        System.setProperty("dw.database.url", url);
        System.setProperty("dw.secretFile", folder.resolve("secret").toString());
        try {
            new LendingApplication().run("db", "migrate", TestApp.CONFIG);
        } finally {
            System.clearProperty("dw.database.url");
            System.clearProperty("dw.secretFile");
        }
        assertThat(ranFiles(url)).containsExactlyElementsOf(migrationFiles());
        assertThat(count(url, "loans")).isZero();
    }

    @Test
    @Tag("sqlite-only")
    void sqliteRunsInWal() {
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        String journal = Jdbi.create(url).withHandle(handle ->
                handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        assertThat(journal).isEqualToIgnoringCase("wal");
    }

    @Test
    void theDatabaseItselfRefusesADeviceOfAnEstablishmentThatDoesNotExist() {
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        // SQLite checks foreign keys only when asked, as the service asks on every connection
        Properties settings = new Properties();
        settings.setProperty("foreign_keys", "true");
        assertThatThrownBy(() -> Jdbi.create(url, settings).useHandle(handle -> handle.execute("INSERT INTO devices (asset_tag, uai, kind, model, accessories, "
                        + "status, created_at) VALUES ('X', '0000001B', 'LAPTOP', 'm', '', 'AVAILABLE', 0)")))
                .hasMessageMatching("(?is).*foreign key.*");
    }

    /**
     * One representation on both engines: times as epoch milliseconds in 64-bit integers (a
     * {@code TIMESTAMP} becomes text on SQLite), days as ISO text, flags as booleans, keys as
     * integers. Each engine's columns, reduced to those kinds, must be the list both are held to.
     */
    @Test
    void everyColumnHasTheSameKindOnBothEngines() throws Exception {
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        List<String> kinds = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet columns = connection.getMetaData().getColumns(null,
                     TestEngine.onPostgresql() ? "public" : null, "%", "%")) {
            while (columns.next()) {
                String table = columns.getString("TABLE_NAME");
                if (!table.toLowerCase(Locale.ROOT).startsWith("databasechangelog") && !table.startsWith("sqlite_")) {
                    String column = columns.getString("COLUMN_NAME");
                    // SQLite's INTEGER PRIMARY KEY is its 64-bit row id, PostgreSQL's a BIGINT identity
                    kinds.add(table + "." + column + " " + (column.equals("id") ? "key" : kindOf(columns.getString("TYPE_NAME"))));
                }
            }
        }
        Collections.sort(kinds);
        List<String> expected;
        try (var in = MigrationsIT.class.getResourceAsStream("/column-kinds.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()
                    && !line.startsWith("#")).sorted().toList();
        }
        assertThat(kinds).as("columns and their kinds (src/test/resources/column-kinds.txt)").containsExactlyElementsOf(expected);
    }

    private static String kindOf(String type) {
        String name = type.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "bigint", "int8" -> "bigint";
            case "integer", "int4" -> "integer";
            case "boolean", "bool" -> "boolean";
            case "text", "varchar", "char", "bpchar" -> "text";
            case "blob", "bytea" -> "bytes";
            default -> name;
        };
    }
}
