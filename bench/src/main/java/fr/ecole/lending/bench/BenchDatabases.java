package fr.ecole.lending.bench;

import fr.ecole.lending.db.Engine;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.JettyManaged;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Where a run of the bench keeps its databases: SQLite files in the run's folder (the default), or
 * databases it creates on the PostgreSQL server {@code --database} names and drops when it ends. The
 * synthetic région is one of them; each figure measured on an empty database (check-outs, imports,
 * start-ups, raw commits) asks for one of its own.
 */
final class BenchDatabases implements AutoCloseable {
    private static final String POSTGRESQL_DRIVER = "org.postgresql.Driver";
    private static final String SQLITE_DRIVER = "org.sqlite.JDBC";

    /**
     * One database of the run, named as the engine knows it (a file's path, a PostgreSQL database's
     * name): what JDBC, a connection pool and a service started apart need to reach it.
     */
    record Target(String name, String url, String driverClass, String user, String password) {
        Connection connect() throws SQLException {
            return BenchDatabases.connect(url, user, password, new Properties());
        }

        /**
         * A connection for a raw baseline, whose commits wait for the disk as the service's do: on
         * SQLite in WAL with {@code synchronous=FULL}; on PostgreSQL, as the server is set, and with
         * batches sent as multi-row INSERTs, the driver's fastest (otherwise a batch is one INSERT a row).
         */
        Connection connectDurably() throws SQLException {
            if (Engine.of(url) == Engine.POSTGRESQL) {
                Properties fastBatches = new Properties();
                fastBatches.setProperty("reWriteBatchedInserts", "true");
                return BenchDatabases.connect(url, user, password, fastBatches);
            }
            Connection connection = connect();
            try (Statement pragmas = connection.createStatement()) {
                pragmas.execute("PRAGMA journal_mode = WAL");
                pragmas.execute("PRAGMA synchronous = FULL");
            }
            return connection;
        }

        /** Points {@code factory} at this database; its pool's settings stay as they are. */
        DataSourceFactory configure(DataSourceFactory factory) {
            factory.setDriverClass(driverClass);
            factory.setUrl(url);
            factory.setUser(user);
            factory.setPassword(password);
            return factory;
        }

        /** The settings config.yml reads from the environment, for a service the bench starts on this database. */
        Map<String, String> environment() {
            return Map.of("LENDING_DATABASE_URL", url, "LENDING_DATABASE_DRIVER", driverClass,
                    "LENDING_DATABASE_USER", user == null ? "" : user,
                    "LENDING_DATABASE_PASSWORD", password == null ? "" : password);
        }
    }

    private final Engine engine;
    private final Path folder;
    /** PostgreSQL: the server's address and the URL's parameters (user, password, any driver option), else null. */
    private final String server;
    private final String parameters;
    private final String administrationUrl;
    private final String user;
    private final String password;
    private final String prefix;
    private final Set<String> created = new LinkedHashSet<>();
    private final Set<String> kept = new LinkedHashSet<>();
    private String durability;

    private BenchDatabases(Engine engine, Path folder, String server, String parameters, String administrationUrl,
                           String user, String password) {
        this.engine = engine;
        this.folder = folder;
        this.server = server;
        this.parameters = parameters;
        this.administrationUrl = administrationUrl;
        this.user = user;
        this.password = password;
        this.prefix = "lending_bench_" + ProcessHandle.current().pid();
    }

    /**
     * SQLite files in {@code folder} when {@code database} is null; otherwise the PostgreSQL server of
     * {@code postgresql://host:port/database?user=...} (or {@code jdbc:postgresql://...}), which must answer.
     */
    static BenchDatabases open(String database, Path folder) {
        if (database == null) {
            BenchDatabases files = new BenchDatabases(Engine.SQLITE, folder, null, null, null, null, null);
            files.durability = "synchronous=FULL";
            return files;
        }
        String url = database.startsWith("jdbc:") ? database.substring("jdbc:".length()) : database;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"postgresql".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new BenchCommand.BadInput("--database takes a PostgreSQL server as "
                    + "postgresql://host:port/database?user=name, not " + database);
        }
        String server = uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
        String parameters = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        BenchDatabases databases = new BenchDatabases(Engine.POSTGRESQL, folder, server, parameters,
                "jdbc:postgresql://" + server + path + parameters, parameter(uri, "user"), parameter(uri, "password"));
        databases.durability = databases.askDurability();
        // a run stopped by Ctrl-C drops its databases too
        Runtime.getRuntime().addShutdownHook(new Thread(databases::close, "drop-bench-databases"));
        return databases;
    }

    private static String parameter(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** What a commit waits for on the server, as the bench's baselines and the service both get it. */
    private String askDurability() {
        try (Connection connection = administration(); Statement statement = connection.createStatement()) {
            String synchronousCommit = show(statement, "SHOW synchronous_commit");
            String fsync = show(statement, "SHOW fsync");
            return "synchronous_commit=" + synchronousCommit + ("on".equals(fsync) ? "" : ", fsync=" + fsync);
        } catch (SQLException e) {
            throw new BenchCommand.BadInput("PostgreSQL at " + server + " cannot be used: " + e.getMessage());
        }
    }

    private static String show(Statement statement, String sql) throws SQLException {
        try (ResultSet setting = statement.executeQuery(sql)) {
            setting.next();
            return setting.getString(1);
        }
    }

    Engine engine() {
        return engine;
    }

    /** What a durable commit means on this engine, as the baselines run it: {@code synchronous=FULL}, or the server's setting. */
    String durability() {
        return durability;
    }

    /** A new, empty database for {@code use} (letters, digits and dashes). */
    Target create(String use) {
        if (engine == Engine.SQLITE) {
            return new Target(folder.resolve(use + ".db").toString(), "jdbc:sqlite:" + folder.resolve(use + ".db"),
                    SQLITE_DRIVER, null, null);
        }
        String name = prefix + "_" + use.replace('-', '_');
        try (Connection connection = administration(); Statement statement = connection.createStatement()) {
            // a database's name cannot be a bound parameter; this one is made of the process id and a fixed word
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new BenchCommand.BadInput("the database " + name + " cannot be created on PostgreSQL at " + server
                    + ": " + e.getMessage());
        }
        synchronized (this) {
            created.add(name);
        }
        return new Target(name, "jdbc:postgresql://" + server + "/" + name + parameters, POSTGRESQL_DRIVER, user,
                password);
    }

    /** Done with {@code target}: a PostgreSQL database goes at once (SQLite files go with the folder). */
    void drop(Target target) {
        if (engine == Engine.POSTGRESQL) {
            drop(List.of(target.name()));
        }
    }

    /** {@code target} outlives the run ({@code --keep}). */
    synchronized void keep(Target target) {
        kept.add(target.name());
    }

    /** Drops every database of the run still there, but those kept. */
    @Override
    public void close() {
        List<String> left;
        synchronized (this) {
            left = new ArrayList<>(created);
            left.removeAll(kept);
        }
        drop(left);
    }

    private void drop(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        try (Connection connection = administration(); Statement statement = connection.createStatement()) {
            for (String name : names) {
                // FORCE: a pool the bench built, or a service it stopped hard, may still hold a connection
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                synchronized (this) {
                    created.remove(name);
                }
            }
        } catch (SQLException e) {
            System.err.println("could not drop the bench's databases " + names + " on " + server + ": " + e.getMessage());
        }
    }

    private Connection administration() throws SQLException {
        return connect(administrationUrl, user, password, new Properties());
    }

    private static Connection connect(String url, String user, String password, Properties properties)
            throws SQLException {
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    /** Facts about the engine for the dataset line: its version and what a commit waits for. */
    Map<String, Object> describe(Connection connection) throws SQLException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("engine", engine.name().toLowerCase());
        facts.put("engineVersion", connection.getMetaData().getDatabaseProductVersion());
        facts.put("durability", durability);
        return facts;
    }

    /**
     * Closes the connection pools built on {@code environment} outside a server, whose lifecycle no
     * one starts or stops: they would otherwise go on checking connections to a dropped database.
     */
    static void closePools(Environment environment) throws Exception {
        List<LifeCycle> managed = new ArrayList<>(environment.lifecycle().getManagedObjects());
        // the last registered stops first, as a server stops them
        Collections.reverse(managed);
        for (LifeCycle object : managed) {
            if (object instanceof JettyManaged jetty) {
                jetty.getManaged().stop();
            }
        }
    }
}
