package fr.ecole.lending.calendar;

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

    /** The school year a day falls in, from September to August, named by the year it starts. */
    public static int schoolYear(LocalDate day) {
        return day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1;
    }

    /** The first of September that opened the school year of {@code day}. */
    public static LocalDate schoolYearStart(LocalDate day) {
        return LocalDate.of(schoolYear(day), 9, 1);
    }
}
