package fr.ecole.lending.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.support.TestApp;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database's URL alone picks the driver; a URL the service cannot run on stops the start with one
 * sentence naming the setting. Checked as an operator meets it: config.yml, overridden with
 * {@code -Ddw.database.url=...}, read by the command line.
 */
class DatabaseUrlTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void forgetOverride() {
        System.clearProperty("dw.database.url");
        System.clearProperty("dw.database.driverClass");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://127.0.0.1/lending", "postgres://127.0.0.1/lending", "lending.db"})
    void aUrlOfAnotherEngineIsToldInOneSentence(String url) {
        System.setProperty("dw.database.url", url);
        Optional<Throwable> failure = check();
        assertThat(failure).isPresent();
        String told = err.toString(StandardCharsets.UTF_8);
        assertThat(told).contains("database.url (LENDING_DATABASE_URL) must start with jdbc:sqlite: or jdbc:postgresql:");
        assertThat(told.lines().filter(line -> line.startsWith("  * ")))
                .as("one error, not also a missing driver: %s", told).hasSize(1);
        assertThat(told).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aPostgresqlUrlAloneIsEnough() {
        System.setProperty("dw.database.url", "jdbc:postgresql://127.0.0.1:5432/lending");
        assertThat(check()).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/lending|org.postgresql.Driver",
            "jdbc:sqlite:data/lending.db|org.sqlite.JDBC"})
    void theDriverFollowsFromTheUrl(String urlAndDriver) throws Exception {
        String[] parts = urlAndDriver.split("\\|");
        System.setProperty("dw.database.url", parts[0]);
        assertThat(configuration().getDataSourceFactory().getDriverClass()).isEqualTo(parts[1]);
    }

    @Test
    void aDriverNamedIsKept() throws Exception {
        System.setProperty("dw.database.url", "jdbc:postgresql://127.0.0.1:5432/lending");
        System.setProperty("dw.database.driverClass", "com.example.PooledDriver");
        assertThat(configuration().getDataSourceFactory().getDriverClass()).isEqualTo("com.example.PooledDriver");
    }

    private static LendingConfiguration configuration() throws Exception {
        LendingApplication application = new LendingApplication();
        Bootstrap<LendingConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        return bootstrap.getConfigurationFactoryFactory()
                .create(LendingConfiguration.class, bootstrap.getValidatorFactory().getValidator(),
                        bootstrap.getObjectMapper(), "dw")
                .build(bootstrap.getConfigurationSourceProvider(), TestApp.CONFIG);
    }

    /** The command line's {@code check config.yml}, which reads and validates the configuration as a start does. */
    private Optional<Throwable> check() {
        LendingApplication application = new LendingApplication();
        Bootstrap<LendingConfiguration> bootstrap = new Bootstrap<>(application);
        bootstrap.addCommand(new CheckCommand<>(application));
        application.initialize(bootstrap);
        Cli cli = new Cli(new JarLocation(LendingApplication.class), bootstrap, out, err);
        return cli.run("check", TestApp.CONFIG);
    }
}
