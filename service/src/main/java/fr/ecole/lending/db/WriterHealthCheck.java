package fr.ecole.lending.db;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;

/**
 * Whether writes go through: the writer's own connection answers when its turn comes. The pool's
 * check alone stays green while every write waits behind a stuck one.
 */
final class WriterHealthCheck extends HealthCheck {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private final SingleWriter writer;

    WriterHealthCheck(SingleWriter writer) {
        this.writer = writer;
    }

    @Override
    protected Result check() throws InterruptedException {
        int queued = writer.queued();
        return writer.answers(PATIENCE) ? Result.healthy("%d writes waiting", queued)
                : Result.unhealthy("the writer did not get its turn within %d s; %d writes waiting",
                        PATIENCE.toSeconds(), queued);
    }
}
