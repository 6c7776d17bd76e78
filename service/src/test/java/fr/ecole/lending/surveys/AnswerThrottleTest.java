package fr.ecole.lending.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The public form's limits: per address, per code, forgotten at the next minute. */
class AnswerThrottleTest {
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-10-05T08:00:10Z"));
    static final Clock CLOCK = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW.get();
        }
    };

    static AnswerThrottle throttle() {
        AnswerLimits limits = new AnswerLimits();
        limits.setPerAddressPerMinute(3);
        limits.setPerCodePerMinute(2);
        return new AnswerThrottle(limits, CLOCK);
    }

    @Test
    void aCodeTriedTooOftenWaitsForTheNextMinute() {
        AnswerThrottle throttle = throttle();
        throttle.attempt("192.0.2.1", "ABCDEFGH");
        throttle.attempt("192.0.2.2", "ABCDEFGH");
        assertThatThrownBy(() -> throttle.attempt("192.0.2.3", "ABCDEFGH")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isEqualTo(50);
        });
        NOW.set(NOW.get().plus(Duration.ofSeconds(50)));
        throttle.attempt("192.0.2.3", "ABCDEFGH");
        NOW.set(NOW.get().minus(Duration.ofSeconds(50)));
    }

    @Test
    void anAddressTryingManyCodesIsStopped() {
        AnswerThrottle throttle = throttle();
        throttle.attempt("192.0.2.9", "AAAAAAAA");
        throttle.attempt("192.0.2.9", "BBBBBBBB");
        throttle.attempt("192.0.2.9", "CCCCCCCC");
        assertThatThrownBy(() -> throttle.attempt("192.0.2.9", "DDDDDDDD")).isInstanceOf(ApiException.class);
        throttle.attempt("192.0.2.10", "DDDDDDDD");
    }
}
