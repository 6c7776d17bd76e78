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

    @Test
    void ownSuccessTakesBackOnlyItsOwnAttemptNotTheAddressFailures() {
        // four guesses on other accounts from one address, then a login of the guesser's own
        Failures failures = Failures.NONE;
        for (int i = 0; i < 4; i++) {
            failures = Attempt.at(failures, EIGHT, 5).after();
        }
        Failures before = failures;
        Failures after = Attempt.at(before, EIGHT, 5).after();
        assertThat(after.waitAt(EIGHT)).as("the login was the fifth attempt").isPositive();
        Failures left = after.without(new LoginThrottle.Attempted("address:192.0.2.1", before, after));
        assertThat(left).as("the four failures stay, without a wait for the login itself").isEqualTo(before);
        assertThat(Attempt.at(left, EIGHT, 5).after().waitAt(EIGHT)).as("the next guess is the fifth failure")
                .isPositive();
    }

    @Test
    void aSuccessAmongOtherFailuresKeepsTheirWait() {
        Failures before = Failures.NONE;
        Failures after = Attempt.at(before, EIGHT, 2).after();
        // another attempt from the address failed while this one's password was being checked
        Failures meanwhile = Attempt.at(after, EIGHT.plusMillis(10), 2).after();
        Failures left = meanwhile.without(new LoginThrottle.Attempted("address:192.0.2.1", before, after));
        assertThat(left.count()).isEqualTo(1);
        assertThat(left.notBefore()).isEqualTo(meanwhile.notBefore());
    }
}
