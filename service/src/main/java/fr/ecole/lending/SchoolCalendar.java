package fr.ecole.lending;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates as schools live them: calendar days in Europe/Paris (due dates, expiries, "today"). */
public final class SchoolCalendar {
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private SchoolCalendar() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
