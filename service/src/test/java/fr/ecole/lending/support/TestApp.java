package fr.ecole.lending.support;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.users.PasswordHasher;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real application, on the project's own config.yml, with a database of its own (a SQLite file
 * in a fresh folder, or a PostgreSQL database: see {@link TestEngine}): one per test class.
 */
public final class TestApp {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    /** config.yml at the repository root; tests run from the service module's folder. */
    public static final String CONFIG = Path.of("..", "config.yml").toAbsolutePath().toString();

    private static String directoryTemplate;

    private TestApp() {
    }

    /**
     * The application, on a copy of the run's migrated template ({@link TestEngine#fromTemplate});
     * {@code settings} are pairs of configuration path and value that replace the defaults.
     */
    public static DropwizardAppExtension<LendingConfiguration> create(String... settings) {
        return new DropwizardAppExtension<>(LendingApplication.class, CONFIG, overrides(newFolder(), settings));
    }

    /**
     * The application on a copy of the run's template that also holds the national directory
     * ({@link Api#importDirectory}, imported once per engine per run): for classes that import it only to
     * have its schools, and assert nothing of the import. A test of the import imports it itself.
     */
    public static DropwizardAppExtension<LendingConfiguration> createWithDirectory(String... settings) {
        return new DropwizardAppExtension<>(LendingApplication.class, CONFIG, overridesWithDirectory(newFolder(), settings));
    }

    /** {@link #overrides}, on a copy of the template that holds the directory ({@link #createWithDirectory}). */
    public static ConfigOverride[] overridesWithDirectory(Path folder, String... settings) {
        TestEngine.fromTemplate(folder, directoryTemplate());
        return overridesOnEmptyDatabase(folder, settings);
    }

    /**
     * Made at first use: the service started on a copy of the migrated template, the directory imported
     * by the administrator as a test class did it, the service stopped. Its copies start with a secret of
     * their own, under which the start gives the administrator's token again.
     */
    private static synchronized String directoryTemplate() {
        if (directoryTemplate == null) {
            Path folder = newFolder();
            DropwizardTestSupport<LendingConfiguration> app = new DropwizardTestSupport<>(LendingApplication.class,
                    CONFIG, overrides(folder));
            try {
                app.before();
                Api.Reply imported = new Api(new DropwizardAppExtension<>(app)).importDirectory();
                if (imported.status() != 200) {
                    throw new IllegalStateException("the directory template's import failed: " + imported);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the directory template", e);
            } finally {
                app.after();
            }
            directoryTemplate = TestEngine.templateOf(folder);
        }
        return directoryTemplate;
    }

    /** The application on an empty database, which its start-up migrates: for tests of that start. */
    public static DropwizardAppExtension<LendingConfiguration> createOnEmptyDatabase(String... settings) {
        return new DropwizardAppExtension<>(LendingApplication.class, CONFIG, overridesOnEmptyDatabase(newFolder(), settings));
    }

    public static Path newFolder() {
        try {
            Path folder = Path.of("target", "it-data");
            Files.createDirectories(folder);
            return Files.createTempDirectory(folder.toAbsolutePath(), "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings for the application on {@code folder}'s database, copied from the migrated template when it has none yet. */
    public static ConfigOverride[] overrides(Path folder, String... settings) {
        TestEngine.fromTemplate(folder);
        return overridesOnEmptyDatabase(folder, settings);
    }

    /** Settings for the application on {@code folder}'s database, left empty for its start-up to migrate. */
    public static ConfigOverride[] overridesOnEmptyDatabase(Path folder, String... settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.putAll(TestEngine.settings(folder));
        all.put("secretFile", folder.resolve("lending.secret").toString());
        all.put("adminToken", ADMIN_TOKEN);
        all.put("demoData", "false");
        // no test depends on the 03:30 purge running while it does
        all.put("retention.daily", "false");
        all.put("server.applicationConnectors[0].port", "0");
        all.put("server.adminConnectors[0].port", "0");
        // a stop waits for nothing: no test sends a request while its service stops (1 s a service otherwise)
        all.put("server.shutdownGracePeriod", "0s");
        // bcrypt's cheapest cost: logins are tested for what they decide, not for their slowness
        // (CredentialsIT keeps the default and checks it)
        all.put("passwordHashCost", String.valueOf(PasswordHasher.MIN_COST));
        all.put("logging.level", "WARN");
        // the access log of every test request would bury the test report: to a file of the run instead
        all.put("server.requestLog.appenders[0].type", "file");
        all.put("server.requestLog.appenders[0].currentLogFilename", folder.resolve("access.log").toString());
        all.put("server.requestLog.appenders[0].archive", "false");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return all.entrySet().stream()
                .map(setting -> ConfigOverride.config(setting.getKey(), setting.getValue()))
                .toArray(ConfigOverride[]::new);
    }
}
