package fr.ecole.lending.db;

import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database up to the current schema. The same changelog serves {@code db migrate}
 * (through dropwizard-migrations) and the start-up of the server; running it again does nothing.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    public static final String CHANGELOG = "migrations.xml";

    private Migrations() {
    }

    /** The SQLite files whose migration lock this process holds until it ends ({@code db} commands). */
    private static final Set<Path> HELD_UNTIL_EXIT = ConcurrentHashMap.newKeySet();

    /**
     * For the {@code db} commands, which migrate through dropwizard-migrations and then end the
     * process: they hold the same lock as the server's start-up, until the process ends.
     */
    public static void holdLockUntilExit(DataSourceFactory factory) {
        if (Database.prepare(factory) == Engine.SQLITE) {
            Database.sqliteFile(factory.getUrl()).map(file -> file.toAbsolutePath().normalize())
                    .filter(HELD_UNTIL_EXIT::add)
                    .ifPresent(MigrationLock::take);
        }
    }

    /** Migrates on a connection of its own, so that no pooled connection keeps Liquibase's settings. */
    public static void migrate(DataSourceFactory factory) {
        Engine engine = Database.prepare(factory);
        Properties properties = new Properties();
        properties.putAll(factory.getProperties());
        if (factory.getUser() != null) {
            properties.setProperty("user", factory.getUser());
        }
        if (factory.getPassword() != null) {
            properties.setProperty("password", factory.getPassword());
        }
        Optional<Path> file = engine == Engine.SQLITE ? Database.sqliteFile(factory.getUrl()) : Optional.empty();
        try (MigrationLock held = file.map(MigrationLock::take).orElse(null);
             Connection connection = DriverManager.getConnection(factory.getUrl(), properties)) {
            // the API rather than the "db migrate" command, which exits the JVM on failure
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(),
                    new JdbcConnection(connection));
            // its summary goes to the log, not to standard output (where the bench prints its figures)
            liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            if (held != null) {
                releaseInterruptedLock(connection, liquibase);
            }
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * A service stopped hard while it migrated leaves Liquibase's lock taken, and the next start
     * would wait five minutes and fail. Whoever migrates a SQLite file holds its {@link MigrationLock}
     * first, and we hold it now: no one else is migrating, so the lock is a leftover.
     */
    private static void releaseInterruptedLock(Connection connection, Liquibase liquibase)
            throws SQLException, LiquibaseException {
        // read plainly: Liquibase's own listing cannot read back the time it wrote into SQLite
        boolean taken;
        try (Statement statement = connection.createStatement();
             ResultSet lock = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                     + "AND lower(name) = 'databasechangeloglock'")) {
            taken = lock.next();
        }
        if (taken) {
            try (Statement statement = connection.createStatement();
                 ResultSet lock = statement.executeQuery("SELECT 1 FROM databasechangeloglock WHERE locked <> 0")) {
                taken = lock.next();
            }
        }
        if (taken) {
            LOG.warn("The migration lock of an interrupted start was still taken: released");
            liquibase.forceReleaseLocks();
        }
    }
}
