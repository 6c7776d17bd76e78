package fr.ecole.lending.app;

import fr.ecole.lending.db.Backup;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar service.jar backup config.yml <file> [--force]}: a consistent copy of the SQLite
 * database while the service runs (see {@link Backup}). On PostgreSQL it refuses and points to
 * pg_dump.
 */
public class BackupCommand extends ConfiguredCommand<LendingConfiguration> {
    public BackupCommand() {
        super("backup", "Copies the SQLite database, consistently, while the service runs");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("target").help("the backup file to write; its folder must exist");
        subparser.addArgument("--force").action(Arguments.storeTrue()).help("replace the backup file if it exists");
    }

    /** The configuration is required here: with one file named, it is not taken for the backup's. */
    @Override
    protected Argument addFileArgument(Subparser subparser) {
        return subparser.addArgument("file").help("application configuration file");
    }

    @Override
    protected void run(Bootstrap<LendingConfiguration> bootstrap, Namespace namespace,
                       LendingConfiguration configuration) throws Exception {
        Backup.Copy copy = Backup.copy(configuration.getDataSourceFactory(), Path.of(namespace.getString("target")),
                namespace.getBoolean("force"));
        System.out.printf("Backed up %s to %s (%,d bytes); integrity check: ok.%n", copy.database(), copy.target(),
                copy.bytes());
        for (Map.Entry<String, Long> count : copy.counts().entrySet()) {
            System.out.printf("  %-15s %,d%n", count.getKey(), count.getValue());
        }
        if (copy.foreignKeyViolations().isEmpty()) {
            System.out.println("Foreign keys: ok.");
        } else {
            // a faithful copy of what the database holds: kept, and the operator told
            System.out.printf("Foreign keys: %d rows point to nothing, as in the database itself (PRAGMA foreign_key_check).%n",
                    copy.foreignKeyViolations().size());
        }
    }

    /** A refusal or a failed check is one sentence, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof Backup.Failure failure) {
            cli.getStdErr().println(failure.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
