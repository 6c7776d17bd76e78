package fr.ecole.lending.bench;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.util.Optional;

/**
 * {@code java -jar bench/target/bench.jar config.yml [--size tiny|small|full] [--only ...] [--warmup s]
 * [--database URL] [--keep]}: the bench command on the service's own bootstrap (its configuration
 * with the environment substituted, its JSON mapper and validator), as Dropwizard's
 * {@code Application.run} would build it, with the bench as the only command run.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        LendingApplication service = new LendingApplication();
        Bootstrap<LendingConfiguration> bootstrap = new Bootstrap<>(service);
        service.initialize(bootstrap);
        BenchCommand bench = new BenchCommand();
        bootstrap.addCommand(bench);
        bootstrap.registerMetrics();
        String[] command = new String[args.length + 1];
        command[0] = bench.getName();
        System.arraycopy(args, 0, command, 1, args.length);
        Optional<Throwable> failed = new Cli(new JarLocation(BenchMain.class), bootstrap, System.out, System.err)
                .run(command);
        if (failed.isPresent()) {
            System.exit(1);
        }
    }
}
