package fr.ecole.lending.db;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings a database up to the current schema. The same changelog serves {@code db migrate}
 * (through dropwizard-migrations) and the start-up of the server; running it again does nothing.
 */
public final class Migrations {
    public static final String CHANGELOG = "migrations.xml";

    private Migrations() {
    }

    /** Migrates on a connection of its own, so that no pooled connection keeps Liquibase's settings. */
    public static void migrate(DataSourceFactory factory) {
        Database.prepare(factory);
        Properties properties = new Properties();
        properties.putAll(factory.getProperties());
        if (factory.getUser() != null) {
            properties.setProperty("user", factory.getUser());
        }
        if (factory.getPassword() != null) {
            properties.setProperty("password", factory.getPassword());
        }
        try (Connection connection = DriverManager.getConnection(factory.getUrl(), properties)) {
            // the API rather than the "db migrate" command, which exits the JVM on failure
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(),
                    new JdbcConnection(connection));
            // its summary goes to the log, not to standard output (where the bench prints its figures)
            liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }
}
