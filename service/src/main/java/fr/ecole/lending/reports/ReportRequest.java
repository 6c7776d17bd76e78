package fr.ecole.lending.reports;

import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.geography.Territory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A report asked for, checked: its territory, grouping, period, establishment types, the caller's
 * funds ({@code ownFunder}, to add its devices elsewhere in the territory when grouped by funder;
 * {@code onlyFunder}, a funder's user's devices, the only ones it reads, else empty;
 * {@code inventoryOf}, whose devices are counted exactly: the caller's collectivity or funder, {@code *}
 * for an administrator) and whether plain counts were asked for. The territory is null for a funder's
 * devices wherever they are.
 */
record ReportRequest(Report report, Territory territory, Grouping grouping, LocalDate from, LocalDate to,
                     List<String> types, String ownFunder, String onlyFunder, String inventoryOf, boolean raw) {

    Instant start() {
        return from.atStartOfDay(SchoolCalendar.ZONE).toInstant();
    }

    /** Stocks are taken at the end of {@code to}. */
    Instant until() {
        return to.plusDays(1).atStartOfDay(SchoolCalendar.ZONE).toInstant();
    }

    /** The same territory and period, as another report (the summary's parts; no funder's own devices). */
    ReportRequest as(Report other, Grouping by) {
        return new ReportRequest(other, territory, by, from, to, types, "", onlyFunder, inventoryOf, raw);
    }

    /** Whether the devices of {@code funder} are counted exactly for the caller. */
    boolean exact(String funder) {
        return "*".equals(inventoryOf) || inventoryOf != null && inventoryOf.equals(funder);
    }
}
