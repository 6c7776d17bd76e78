package fr.ecole.lending.users;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.users.LoginThrottle.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    static final Instant EIGHT = Instant.parse("2026-11-30T08:00:00Z");

    /** One attempt as the throttle makes it: its wait, and the failures it leaves when counted. */
    record Attempt(Duration waitFor, Failures after) {
        static Attempt at(Failures before, Instant now, int freeAttempts) {
            Duration wait = before.waitAt(now);
            return new Attempt(wait, wait.isZero() ? before.andOneMore(now, freeAttempts) : before);
        }
    }

    @Test
    void theFreeAttemptsAreCountedWhateverOrderTheClockWasReadIn() {
        // each attempt read the clock a microsecond before the last one: as when the thread that read
        // it first is counted last
        Failures failures = Failures.NONE;
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Attempt attempt = Attempt.at(failures, EIGHT.minusNanos(1_000L * i), 5);
            waits.add(attempt.waitFor());
            failures = attempt.after();
        }
        assertThat(waits.subList(0, 5)).containsOnly(Duration.ZERO);
        assertThat(waits.subList(5, 7)).allSatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(29)));
        assertThat(failures.count()).isEqualTo(5);
    }

    @Test
    void theWaitDoublesAfterEachFurtherFailureUpToAQuarterOfAnHour() {
        Failures failures = Failures.NONE;
        Instant now = EIGHT;
        failures = Attempt.at(failures, now, 2).after();
        assertThat(failures.waitAt(now)).isZero();
        failures = Attempt.at(failures, now, 2).after();
        assertThat(failures.waitAt(now)).isEqualTo(Duration.ofSeconds(30));
        now = now.plusSeconds(30);
        failures = Attempt.at(failures, now, 2).after();
        assertThat(failures.waitAt(now)).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            now = now.plus(failures.waitAt(now));
            failures = Attempt.at(failures, now, 2).after();
        }
        assertThat(failures.waitAt(now)).isEqualTo(Duration.ofMinutes(15));
    }
}
