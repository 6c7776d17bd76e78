package fr.ecole.lending.dataprotection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyPurgeTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalTime AT = LocalTime.of(3, 30);

    static Duration from(String localTime) {
        return DailyPurge.untilNext(LocalDateTime.parse(localTime).atZone(PARIS), AT);
    }

    @Test
    void theNextRunIsTheNextHalfPastThreeInParis() {
        assertThat(from("2026-11-30T01:00")).isEqualTo(Duration.ofMinutes(150));
        assertThat(from("2026-11-30T03:30")).as("not twice at the same minute").isEqualTo(Duration.ofDays(1));
        assertThat(from("2026-11-30T12:00")).isEqualTo(Duration.ofHours(15).plusMinutes(30));
        // the night the clocks go forward has one hour less
        assertThat(from("2027-03-27T12:00")).isEqualTo(Duration.ofHours(14).plusMinutes(30));
    }
}
