package fr.ecole.lending.agreements;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.DeskLoad;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service on one PostgreSQL database, as a deployment behind a load balancer
 * runs them: 32 desks on each lend and take back the same 20 devices for 15 seconds. No device may be
 * lent twice, whichever instance each desk went through, and both instances must show what the
 * database holds. A SQLite file is served by one instance only: PostgreSQL only.
 */
@Tag("postgresql-only")
class TwoInstancesIT {
    /** One folder, so one database, one token secret and one admin token for both. */
    static final Path FOLDER = TestApp.newFolder();
    // started by hand, in order (DropwizardExtensionsSupport starts its fields in no set order): the
    // first migrates the database and writes the secret, the second finds them
    static final DropwizardAppExtension<LendingConfiguration> FIRST = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overridesOnEmptyDatabase(FOLDER));
    static final DropwizardAppExtension<LendingConfiguration> SECOND = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overridesOnEmptyDatabase(FOLDER));
    static final DeskLoad LOAD = new DeskLoad("TwoInstancesIT", List.of(FIRST, SECOND), 32, 20, Duration.ofSeconds(15));

    @BeforeAll
    static void twoInstancesAndTheirDesks() throws Exception {
        FIRST.before();
        SECOND.before();
        LOAD.prepare();
    }

    @AfterAll
    static void stopBoth() {
        try {
            SECOND.after();
        } finally {
            FIRST.after();
        }
    }

    @Test
    void thirtyTwoDesksOnEachOfTwoInstancesLendingTheSameTwentyDevicesKeepEveryRule() throws Exception {
        LOAD.run();
    }
}
