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

    @Test
    void anIpv6ClientIsCountedByItsWholeNetwork() {
        AnswerThrottle throttle = throttle();
        throttle.attempt("2001:db8:1:2::1", "AAAAAAAA");
        throttle.attempt("2001:db8:1:2:ffff::9", "BBBBBBBB");
        throttle.attempt("2001:0db8:0001:0002:abcd::1", "CCCCCCCC");
        assertThatThrownBy(() -> throttle.attempt("2001:db8:1:2:dead:beef:0:1", "DDDDDDDD"))
                .as("another address of the same /64").isInstanceOf(ApiException.class);
        throttle.attempt("2001:db8:1:3::1", "DDDDDDDD");
        assertThat(AnswerThrottle.network("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(AnswerThrottle.network("2001:db8:1:2::1")).isEqualTo("20010db800010002::/64");
        assertThat(AnswerThrottle.network("not:an:address:at:all")).isEqualTo("not:an:address:at:all");
    }

    @Test
    void unknownCodesFromEveryonePastTheLimitPauseEveryAnswerUntilTheNextMinute() {
        AnswerLimits limits = new AnswerLimits();
        limits.setUnknownCodesPerMinute(3);
        AnswerThrottle throttle = new AnswerThrottle(limits, CLOCK);
        for (int i = 0; i < 3; i++) {
            throttle.attempt("192.0.2." + i, "GUESS000" + i);
            throttle.unknown();
        }
        assertThatThrownBy(() -> throttle.attempt("198.51.100.7", "REALCODE")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(429));
        NOW.set(NOW.get().plus(Duration.ofSeconds(60)));
        throttle.attempt("198.51.100.7", "REALCODE");
        NOW.set(NOW.get().minus(Duration.ofSeconds(60)));
    }

    @Test
    void anAddressOverItsLimitNoLongerCountsAgainstTheCodesItSends() {
        AnswerThrottle throttle = throttle();
        for (int i = 0; i < 3; i++) {
            throttle.attempt("192.0.2.50", "OTHER00" + i);
        }
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> throttle.attempt("192.0.2.50", "FAMILY01")).isInstanceOf(ApiException.class);
        }
        // the family's own code is not locked by what another client sent with it while refused
        throttle.attempt("192.0.2.60", "FAMILY01");
    }
}
