package fr.ecole.lending.support;

import fr.ecole.lending.db.Engine;
import fr.ecole.lending.db.Migrations;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine the end-to-end tests run on, chosen by {@code -Dit.database=sqlite|postgresql}: a SQLite
 * file in each test's folder, or a PostgreSQL database of its own, created on the server named by
 * {@code -Dit.postgresql} and dropped when the tests' JVM ends.
 */
public final class TestEngine {
    public static final Engine ENGINE = "postgresql".equalsIgnoreCase(System.getProperty("it.database", "sqlite"))
            ? Engine.POSTGRESQL : Engine.SQLITE;
    /** A database of the server to create and drop the tests' own from; its user also owns theirs. */
    public static final String POSTGRESQL_SERVER = System.getProperty("it.postgresql",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    /**
     * When true, a PostgreSQL run fails rather than being skipped when the server cannot be reached:
     * {@code -Dit.postgresql.required=true}, or the environment's {@code LENDING_IT_POSTGRESQL_REQUIRED=true}
     * (which .ci/run sets, so that it runs the README's very command).
     */
    public static final boolean POSTGRESQL_REQUIRED = Boolean.getBoolean("it.postgresql.required")
            || "true".equalsIgnoreCase(System.getenv("LENDING_IT_POSTGRESQL_REQUIRED"));
    private static final String PREFIX = "lending_it_";
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger NUMBER = new AtomicInteger();
    /** The migrated template of this JVM: a SQLite file, or a PostgreSQL database's name; made at first use. */
    private static String template;

    static {
        if (ENGINE == Engine.POSTGRESQL) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestEngine::dropOwnDatabases, "drop-test-databases"));
        }
    }

    private TestEngine() {
    }

    public static boolean onPostgresql() {
        return ENGINE == Engine.POSTGRESQL;
    }

    /** The JDBC URL of the database that belongs to {@code folder}; its user is in it, so DriverManager needs nothing else. */
    public static String url(Path folder) {
        if (ENGINE == Engine.SQLITE) {
            return "jdbc:sqlite:" + folder.resolve("lending.db");
        }
        String name = DATABASES.computeIfAbsent(folder.toAbsolutePath(), f -> createDatabase(""));
        return onServer(name);
    }

    /**
     * Gives {@code folder} a database copied from this run's migrated template, unless it has one already:
     * the schema of every migration and nothing else, the state a fresh database is in once the service's
     * start-up has migrated it (the start then finds nothing to run). Liquibase's 23 migrations run once
     * per engine per run instead of once per test class. Tests of the migrations themselves, and of
     * instances that start together on a database, keep an empty one ({@link #url}).
     */
    public static void fromTemplate(Path folder) {
        fromTemplate(folder, template());
    }

    /** Gives {@code folder} a copy of {@code template} ({@link #templateOf}), unless it has a database already. */
    public static void fromTemplate(Path folder, String template) {
        if (ENGINE == Engine.SQLITE) {
            Path file = folder.resolve("lending.db");
            if (Files.notExists(file)) {
                try {
                    Files.copy(Path.of(template), file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return;
        }
        DATABASES.computeIfAbsent(folder.toAbsolutePath(), f -> createDatabase(" TEMPLATE " + template));
    }

    /**
     * {@code folder}'s database, made a template for {@link #fromTemplate(Path, String)} once no service
     * uses it: the write-ahead log folded into the SQLite file; on PostgreSQL, the fingerprint of the
     * token key of the service that filled it forgotten (each copy's service has a key of its own, and
     * {@code SharedTokenKey} would refuse it).
     */
    public static String templateOf(Path folder) {
        String url = url(folder);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(ENGINE == Engine.SQLITE ? "PRAGMA wal_checkpoint(TRUNCATE)" : "DELETE FROM token_key");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make a template of " + url, e);
        }
        return ENGINE == Engine.SQLITE ? folder.resolve("lending.db").toString() : DATABASES.get(folder.toAbsolutePath());
    }

    private static synchronized String template() {
        if (template != null) {
            return template;
        }
        String url;
        if (ENGINE == Engine.SQLITE) {
            try {
                Path folder = Path.of("target", "it-data");
                Files.createDirectories(folder);
                Path file = Files.createTempDirectory(folder.toAbsolutePath(), "template-").resolve("lending.db");
                url = "jdbc:sqlite:" + file;
                template = file.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            template = createDatabase("");
            // not a folder's, but dropped with them when the JVM ends
            DATABASES.put(Path.of("template"), template);
            url = onServer(template);
        }
        DataSourceFactory factory = new DataSourceFactory();
        factory.setUrl(url);
        factory.setUser(ENGINE == Engine.SQLITE ? null : user());
        Migrations.migrate(factory);
        if (ENGINE == Engine.SQLITE) {
            // everything in the file itself, nothing left in a write-ahead log beside it
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot checkpoint the template " + url, e);
            }
        }
        return template;
    }

    /**
     * Settings of the configuration that point the service at {@code folder}'s database: its URL, from
     * which the service picks the driver as it does for an operator who sets only LENDING_DATABASE_URL.
     */
    public static Map<String, String> settings(Path folder) {
        if (ENGINE == Engine.SQLITE) {
            return Map.of("database.url", url(folder));
        }
        return Map.of("database.url", url(folder), "database.user", user());
    }

    /** Null when the PostgreSQL server answers, otherwise why not. */
    static String postgresqlUnreachable() {
        try (Connection server = DriverManager.getConnection(POSTGRESQL_SERVER)) {
            return server.isValid(5) ? null : "it does not answer";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String onServer(String database) {
        int slash = POSTGRESQL_SERVER.indexOf('/', "jdbc:postgresql://".length());
        int query = POSTGRESQL_SERVER.indexOf('?');
        return POSTGRESQL_SERVER.substring(0, slash + 1) + database
                + (query < 0 ? "" : POSTGRESQL_SERVER.substring(query));
    }

    private static String user() {
        int at = POSTGRESQL_SERVER.indexOf("user=");
        if (at < 0) {
            return "";
        }
        int end = POSTGRESQL_SERVER.indexOf('&', at);
        return POSTGRESQL_SERVER.substring(at + "user=".length(), end < 0 ? POSTGRESQL_SERVER.length() : end);
    }

    /** A new database, empty or ({@code " TEMPLATE name"}) a copy of another; dropped when the JVM ends. */
    private static synchronized String createDatabase(String from) {
        long pid = ProcessHandle.current().pid();
        String name = PREFIX + pid + "_" + NUMBER.incrementAndGet();
        try (Connection server = DriverManager.getConnection(POSTGRESQL_SERVER);
                Statement statement = server.createStatement()) {
            if (NUMBER.get() == 1) {
                dropLeftovers(statement);
            }
            statement.execute("CREATE DATABASE " + name + from);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " on " + POSTGRESQL_SERVER, e);
        }
    }

    /** Databases of test runs that were killed before they could drop them. */
    private static void dropLeftovers(Statement statement) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        try (ResultSet names = statement.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (names.next()) {
                leftovers.add(names.getString(1));
            }
        }
        for (String name : leftovers) {
            String[] parts = name.substring(PREFIX.length()).split("_");
            boolean running = parts.length == 2 && parts[0].chars().allMatch(Character::isDigit)
                    && ProcessHandle.of(Long.parseLong(parts[0])).isPresent();
            if (!running) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static void dropOwnDatabases() {
        if (DATABASES.isEmpty()) {
            return;
        }
        try (Connection server = DriverManager.getConnection(POSTGRESQL_SERVER);
                Statement statement = server.createStatement()) {
            for (String name : DATABASES.values()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + DATABASES.values() + ": " + e.getMessage());
        }
    }
}
