package fr.ecole.lending.reports;

import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.http.ApiException;
import java.time.LocalDate;

/** The survey report covers one school year's campaigns, named by its starting year; the other reports take a period. */
final class SurveyPeriod {
    private SurveyPeriod() {
    }

    /** The school year asked for (the current one by default) for the survey; refused for any other report. */
    static int schoolYear(Report report, String text, LocalDate from, LocalDate to, LocalDate today) {
        int current = SchoolCalendar.schoolYear(today);
        if (report != Report.SURVEY) {
            if (text != null && !text.isBlank()) {
                throw ApiException.invalid("invalid_value", "schoolYear", "« schoolYear » ne s'applique qu'au rapport "
                        + "survey : les autres rapports prennent une période (from, to).");
            }
            return current;
        }
        if (from != null || to != null) {
            throw ApiException.invalid("invalid_value", from != null ? "from" : "to", "Le rapport survey couvre une année "
                    + "scolaire : indiquez schoolYear (par exemple " + current + " pour " + current + "-" + (current + 1)
                    + "), pas de période.");
        }
        if (text == null || text.isBlank()) {
            return current;
        }
        try {
            int year = Integer.parseInt(text.strip());
            if (year >= 2000 && year <= current) {
                return year;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid("invalid_value", "schoolYear", "« schoolYear » est l'année où commence l'année "
                + "scolaire, de 2000 à " + current + " (" + current + " pour " + current + "-" + (current + 1) + ").");
    }

    /** The report's end: the school year's last day, or today while it lasts. */
    static LocalDate end(int schoolYear, LocalDate today) {
        LocalDate last = LocalDate.of(schoolYear + 1, 8, 31);
        return last.isBefore(today) ? last : today;
    }
}
