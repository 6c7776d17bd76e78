package fr.ecole.lending.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after a few failed logins from one address, or on one account, each further
 * attempt must wait, twice as long after every failure (up to a quarter of an hour). An attempt is
 * counted before the password is checked, so that attempts sent all at once are counted too; a
 * success clears the slate.
 */
public final class LoginThrottle {
    public static final int DEFAULT_FREE_ATTEMPTS = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final int MAX_SOURCES = 100_000;

    /** {@code notBefore} is null while the failures are still free: no attempt waits for them. */
    private record Failures(int count, Instant last, Instant notBefore) {
        boolean holds(Instant now) {
            return notBefore != null && notBefore.isAfter(now);
        }
    }

    private final Map<String, Failures> bySource = new ConcurrentHashMap<>();
    private final int freeAttempts;
    private final Clock clock;

    /** {@code freeAttempts} failures in a row are let through at once; the next ones wait. */
    public LoginThrottle(int freeAttempts, Clock clock) {
        this.freeAttempts = freeAttempts;
        this.clock = clock;
    }

    /**
     * Counts an attempt against each key (an address, an account), as a failure until
     * {@link #succeeded} says otherwise; returns how long the caller must wait first, zero when it may
     * try now. An attempt that must wait is not counted.
     */
    public Duration attempt(String... keys) {
        if (bySource.size() > MAX_SOURCES) {
            forgetExpired();
        }
        Instant now = clock.instant();
        for (String key : keys) {
            Duration[] wait = {Duration.ZERO};
            // checked and counted in one atomic step per key, so that a burst sent at once is counted too
            bySource.compute(key, (k, before) -> {
                if (before != null && before.holds(now)) {
                    wait[0] = Duration.between(now, before.notBefore());
                    return before;
                }
                int count = before == null ? 1 : before.count() + 1;
                // a free failure sets no wait: "not before now" would stop an attempt of a thread that read
                // the clock a moment earlier, for a wait so short that it would pass uncounted
                Instant notBefore = null;
                if (count >= freeAttempts) {
                    Duration delay = FIRST_WAIT.multipliedBy(1L << Math.min(count - freeAttempts, 20));
                    notBefore = now.plus(delay.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : delay);
                }
                return new Failures(count, now, notBefore);
            });
            if (!wait[0].isZero()) {
                return wait[0];
            }
        }
        return Duration.ZERO;
    }

    public void succeeded(String... keys) {
        for (String key : keys) {
            bySource.remove(key);
        }
    }

    private void forgetExpired() {
        Instant horizon = clock.instant().minus(LONGEST_WAIT);
        for (Iterator<Failures> it = bySource.values().iterator(); it.hasNext(); ) {
            Failures failures = it.next();
            Instant end = failures.notBefore() == null ? failures.last() : failures.notBefore();
            if (end.isBefore(horizon)) {
                it.remove();
            }
        }
    }
}
