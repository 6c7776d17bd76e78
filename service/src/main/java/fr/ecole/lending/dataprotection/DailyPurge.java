package fr.ecole.lending.dataprotection;

import fr.ecole.lending.calendar.SchoolCalendar;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention purge, once a day at a set time (Europe/Paris), inside the service. Several
 * instances may each run it: see {@link RetentionService}.
 */
public class DailyPurge implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(DailyPurge.class);

    private final RetentionService retention;
    private final LocalTime at;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public DailyPurge(RetentionService retention, LocalTime at, Clock clock) {
        this.retention = retention;
        this.at = at;
        this.clock = clock;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "daily-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduleNext();
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Scheduled anew after each run, so that the hour stays right across daylight-saving changes. */
    private void scheduleNext() {
        Duration wait = untilNext(ZonedDateTime.now(clock.withZone(SchoolCalendar.ZONE)), at);
        executor.schedule(this::purge, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purge() {
        try {
            LOG.info(retention.purge(false).report());
        } catch (RuntimeException e) {
            // tomorrow's run tries again; what failed changed nothing (each step is one transaction)
            LOG.error("The daily retention purge failed", e);
        } finally {
            if (!executor.isShutdown()) {
                scheduleNext();
            }
        }
    }

    /** From {@code now} to the next {@code at} strictly after it, in {@code now}'s zone. */
    static Duration untilNext(ZonedDateTime now, LocalTime at) {
        ZonedDateTime next = now.toLocalDate().atTime(at).atZone(now.getZone());
        if (!next.isAfter(now)) {
            next = now.toLocalDate().plusDays(1).atTime(at).atZone(now.getZone());
        }
        return Duration.between(now, next);
    }
}
