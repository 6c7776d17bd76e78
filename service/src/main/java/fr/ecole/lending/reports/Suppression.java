package fr.ecole.lending.reports;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small counts are hidden so that no household can be singled out: a count from 1 to
 * {@code threshold - 1} becomes null, zero stays zero. So that no hidden count can be worked out
 * again from what else is shown (secondary suppression):
 * <ul>
 *   <li>a figure is the sum of cells, the finest groups any report shows (an establishment's devices
 *       of one funder; the households of one commune whose pupils attend the same schools), and it
 *       hides whenever one of its cells is small, however large the sum: then every figure shown is
 *       made of groups of zero or of at least the threshold, whatever rows, groupings, territories or
 *       totals are set side by side. A guard cell only decides this, without adding to the figure
 *       (an agreement of two funders counts in each funder's cell, but once in its establishment's);</li>
 *   <li>a column's total hides whenever a cell of the column hides;</li>
 *   <li>figures tied together within a row (devices on loan and its four kinds, which add up; and
 *       with the loans made, returned and lost in the period, which give the devices out on another
 *       day) hide together when one of them hides.</li>
 * </ul>
 */
final class Suppression {
    private final int threshold;

    Suppression(int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("a suppression threshold hides counts below it: at least 2");
        }
        this.threshold = threshold;
    }

    int threshold() {
        return threshold;
    }

    /** The counts of one finest group, and the row it adds to; a guard cell only hides, never adds. */
    record Cell(String row, Map<String, Long> counts, boolean guard) {
        Cell(String row, Map<String, Long> counts) {
            this(row, counts, false);
        }
    }

    /** Each row's figures and the totals, as they may be shown: null stands for hidden. */
    record Shown(Map<String, Map<String, Long>> rows, Map<String, Long> totals) {
    }

    boolean small(long count) {
        return count > 0 && count < threshold;
    }

    /**
     * Adds the cells up into the rows {@code rows} (a row without cells shows zeros) and the totals,
     * hiding what must be; {@code tied} are the groups of columns that hide together.
     */
    Shown apply(List<String> columns, List<String> rows, List<Cell> cells, List<Set<String>> tied) {
        Map<String, Map<String, Long>> values = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> hidden = new HashMap<>();
        rows.forEach(row -> values.put(row, zeros(columns)));
        Map<String, Long> totals = zeros(columns);
        Map<String, Boolean> totalsHidden = new HashMap<>();
        for (Cell cell : cells) {
            Map<String, Long> row = values.get(cell.row());
            for (String column : columns) {
                long count = cell.counts().getOrDefault(column, 0L);
                if (!cell.guard()) {
                    row.merge(column, count, Long::sum);
                    totals.merge(column, count, Long::sum);
                }
                if (small(count)) {
                    hidden.computeIfAbsent(cell.row(), k -> new HashMap<>()).put(column, true);
                    totalsHidden.put(column, true);
                }
            }
        }
        Map<String, Map<String, Long>> shown = new LinkedHashMap<>();
        values.forEach((row, counts) -> shown.put(row, hide(counts, hidden.getOrDefault(row, Map.of()), tied)));
        Map<String, Long> shownTotals = hide(totals, totalsHidden, tied);
        for (String column : columns) {
            if (shown.values().stream().anyMatch(row -> row.get(column) == null)) {
                shownTotals.put(column, null);
            }
        }
        return new Shown(shown, hide(shownTotals, Map.of(), tied));
    }

    /** One row as shown: small figures and those of a small cell hidden, then what is tied to them. */
    private Map<String, Long> hide(Map<String, Long> counts, Map<String, Boolean> smallCells, List<Set<String>> tied) {
        Map<String, Long> shown = new LinkedHashMap<>();
        counts.forEach((column, count) -> shown.put(column,
                count == null || small(count) || smallCells.getOrDefault(column, false) ? null : count));
        for (Set<String> group : tied) {
            if (group.stream().anyMatch(column -> shown.containsKey(column) && shown.get(column) == null)) {
                // a zero tells nothing of the hidden ones: it stays
                group.forEach(column -> {
                    if (shown.containsKey(column) && !Long.valueOf(0).equals(shown.get(column))) {
                        shown.put(column, null);
                    }
                });
            }
        }
        return shown;
    }

    private static Map<String, Long> zeros(List<String> columns) {
        Map<String, Long> row = new LinkedHashMap<>();
        columns.forEach(column -> row.put(column, 0L));
        return row;
    }
}
