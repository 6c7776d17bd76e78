package fr.ecole.lending.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service starts, migrates and serves on the database its URL names, with no driver named:
 * config.yml's driver is empty unless LENDING_DATABASE_DRIVER sets one, and the tests' settings
 * ({@link TestEngine#settings}) give the URL only. Runs on SQLite, then on PostgreSQL.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseUrlIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();

    @Test
    void theUrlAloneChoosesTheDriver() {
        assertThat(APP.getConfiguration().getDataSourceFactory().getDriverClass())
                .isEqualTo(TestEngine.ENGINE.driverClass());
        assertThat(new Api(APP).importDirectory().status()).isEqualTo(200);
    }
}
