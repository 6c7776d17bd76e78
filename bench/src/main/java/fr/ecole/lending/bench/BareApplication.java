package fr.ecole.lending.bench;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;

/** A Dropwizard application that does nothing: the start-up time the service is measured against. */
public final class BareApplication extends Application<Configuration> {
    public static void main(String[] args) throws Exception {
        new BareApplication().run(args);
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        // nothing: what start-up costs without the service
    }
}
