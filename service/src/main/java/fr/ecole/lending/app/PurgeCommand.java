package fr.ecole.lending.app;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.dataprotection.RetentionService;
import fr.ecole.lending.db.Database;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@code java -jar service.jar purge config.yml [--dry-run]}: the retention rules applied once, on a
 * database the service has migrated; prints counts and family numbers, never a name.
 */
public class PurgeCommand extends ConfiguredCommand<LendingConfiguration> {
    public PurgeCommand() {
        super("purge", "Anonymises what the retention rules say is kept no longer (--dry-run: says what, changes nothing)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--dry-run").action(Arguments.storeTrue()).help("print what would be anonymised");
        // for tests and rehearsals: the rules as of another day
        subparser.addArgument("--as-of").help(Arguments.SUPPRESS);
    }

    @Override
    protected void run(Bootstrap<LendingConfiguration> bootstrap, Namespace namespace,
                       LendingConfiguration configuration) {
        String asOf = namespace.getString("as_of");
        Clock clock = asOf == null ? Clock.systemUTC() : Clock.fixed(LocalDate.parse(asOf).atTime(12, 0)
                .atZone(SchoolCalendar.ZONE).toInstant(), SchoolCalendar.ZONE);
        System.out.print(purgeOnce(configuration, clock, namespace.getBoolean("dry_run")).report());
    }

    /** The purge on a connection of its own to the configured database, as of {@code clock}'s day. */
    public static RetentionService.Result purgeOnce(LendingConfiguration configuration, Clock clock, boolean dryRun) {
        Environment environment = new Environment("purge", Jackson.newObjectMapper(),
                Validators.newValidatorFactory(), new MetricRegistry(), PurgeCommand.class.getClassLoader(),
                new HealthCheckRegistry(), configuration);
        Database database = Database.build(environment, configuration.getDataSourceFactory(), new SqlObjects());
        List<LifeCycle> started = new ArrayList<>();
        try {
            for (LifeCycle part : environment.lifecycle().getManagedObjects()) {
                part.start();
                started.add(part);
            }
            return new RetentionService(database, new Audit(database, clock), configuration.getRetention(), clock)
                    .purge(dryRun);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } finally {
            Collections.reverse(started);
            for (LifeCycle part : started) {
                try {
                    part.stop();
                } catch (Exception ignored) {
                    // the purge's outcome stands; the process ends next
                }
            }
        }
    }
}
