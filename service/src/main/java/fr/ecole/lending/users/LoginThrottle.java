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
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final int MAX_SOURCES = 100_000;

    private record Failures(int count, Instant notBefore) {
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
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Failures failures = bySource.get(key);
            if (failures != null && failures.notBefore().isAfter(now)) {
                Duration wait = Duration.between(now, failures.notBefore());
                longest = wait.compareTo(longest) > 0 ? wait : longest;
            }
        }
        if (!longest.isZero()) {
            return longest;
        }
        for (String key : keys) {
            bySource.compute(key, (k, before) -> {
                int count = before == null ? 1 : before.count() + 1;
                Instant notBefore = now;
                if (count >= freeAttempts) {
                    Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(count - freeAttempts, 20));
                    notBefore = notBefore.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
                }
                return new Failures(count, notBefore);
            });
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
            if (it.next().notBefore().isBefore(horizon)) {
                it.remove();
            }
        }
    }
}
