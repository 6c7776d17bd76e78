package fr.ecole.lending.pages;

import fr.ecole.lending.reports.ReportTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A funder's page ({@code /financeur}): the loans report of the devices it paid for, by establishment,
 * as a table and as the report's CSV.
 */
public final class FunderView extends PageView {
    /** The report's columns the page shows, with their headings. */
    static final List<String> COLUMNS = List.of("devicesInPool", "devicesOnLoan", "inRepair", "lost", "agreementsActive");
    static final List<String> HEADINGS = List.of("Appareils au parc", "Appareils prêtés", "En réparation",
            "Perdus dans la période", "Conventions en cours (protégé)");

    /** One establishment's row, or the total: its figures in the order of {@link #HEADINGS}. */
    public record Line(String key, String label, List<String> figures) {
    }

    private final String funderName;
    private final List<Line> lines;
    private final Line total;
    private final String period;

    FunderView(BrowserSession.SignedIn signedIn, String funderName, ReportTable table) {
        super("financeur.ftlh", "Appareils financés par " + funderName, signedIn.user(), signedIn.csrf());
        this.funderName = funderName;
        this.lines = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
            lines.add(line((String) row.get("key"), (String) row.get("label"), row));
        }
        this.total = table.totals() == null ? null : line("total", "Total", table.totals());
        this.period = "du " + table.from() + " au " + table.to();
    }

    private static Line line(String key, String label, Map<String, Object> figures) {
        return new Line(key, label, COLUMNS.stream().map(column -> figures.get(column) == null ? DashboardView.WITHHELD
                : String.valueOf(figures.get(column))).toList());
    }

    public String getFunderName() {
        return funderName;
    }

    public List<String> getHeadings() {
        return HEADINGS;
    }

    public List<Line> getLines() {
        return lines;
    }

    /** Null when the report gives no total. */
    public Line getTotal() {
        return total;
    }

    public String getPeriod() {
        return period;
    }

    public String getCsv() {
        return FunderPageResource.CSV;
    }
}
