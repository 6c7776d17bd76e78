package fr.ecole.lending.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** A clock moved by hand, that moves by {@code step} at each reading. */
    static final class HandClock extends Clock {
        private final Duration step;
        private Instant next = Instant.parse("2026-11-30T08:00:00Z");

        HandClock(Duration step) {
            this.step = step;
        }

        synchronized void advance(Duration by) {
            next = next.plus(by);
        }

        @Override
        public synchronized Instant instant() {
            Instant now = next;
            next = next.plus(step);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theFreeAttemptsAreCountedWhateverOrderTheClockWasReadIn() {
        // each reading a microsecond before the last: as when the thread that read the clock first counts last
        HandClock readLater = new HandClock(Duration.ofNanos(-1_000));
        LoginThrottle throttle = new LoginThrottle(5, readLater);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waits.add(throttle.attempt("address:192.0.2.1", "account:pret.rafale"));
        }
        assertThat(waits.subList(0, 5)).containsOnly(Duration.ZERO);
        assertThat(waits.subList(5, 7)).allSatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(29)));
    }

    @Test
    void aSuccessClearsTheSlateAndTheWaitDoublesAfterEachFurtherFailure() {
        HandClock clock = new HandClock(Duration.ZERO);
        LoginThrottle throttle = new LoginThrottle(2, clock);
        assertThat(throttle.attempt("account:a")).isZero();
        throttle.succeeded("account:a");
        assertThat(throttle.attempt("account:a")).isZero();
        assertThat(throttle.attempt("account:a")).isZero();
        assertThat(throttle.attempt("account:a")).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.attempt("account:a")).isZero();
        assertThat(throttle.attempt("account:a")).isEqualTo(Duration.ofSeconds(60));
    }
}
