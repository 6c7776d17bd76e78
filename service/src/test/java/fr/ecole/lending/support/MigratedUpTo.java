package fr.ecole.lending.support;

import fr.ecole.lending.db.Migrations;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/** A database as it stood before a migration, for the tests of what that migration does to the rows it finds. */
public final class MigratedUpTo {
    private MigratedUpTo() {
    }

    /** Runs every changeset of the changelog before the first of {@code file} (e.g. {@code migrations/019-anonymisation.sql}). */
    public static void before(String url, String file) throws SQLException, LiquibaseException {
        try (Connection connection = DriverManager.getConnection(url)) {
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase(Migrations.CHANGELOG, new ClassLoaderResourceAccessor(),
                    new JdbcConnection(connection));
            List<ChangeSet> all = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression());
            int before = 0;
            while (!all.get(before).getFilePath().endsWith(file)) {
                before++;
            }
            liquibase.update(before, new Contexts(), new LabelExpression());
        }
    }

    /** The rest, as the service migrates its database when it starts. */
    public static void rest(String url) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setUrl(url);
        factory.setDriverClass(TestEngine.onPostgresql() ? "org.postgresql.Driver" : "org.sqlite.JDBC");
        Migrations.migrate(factory);
    }
}
