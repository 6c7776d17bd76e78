package fr.ecole.lending.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after a few failed logins from one source, each further attempt must wait,
 * twice as long after every failure (up to a quarter of an hour). A success clears the slate.
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

    /** How long this source must still wait before trying again; zero when it may try now. */
    public Duration waitFor(String source) {
        Failures failures = bySource.get(source);
        if (failures == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(clock.instant(), failures.notBefore());
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    public void failed(String source) {
        if (bySource.size() > MAX_SOURCES) {
            forgetExpired();
        }
        bySource.compute(source, (key, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            Instant notBefore = clock.instant();
            if (count >= freeAttempts) {
                Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(count - freeAttempts, 20));
                notBefore = notBefore.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
            }
            return new Failures(count, notBefore);
        });
    }

    public void succeeded(String source) {
        bySource.remove(source);
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
