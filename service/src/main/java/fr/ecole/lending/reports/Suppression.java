package fr.ecole.lending.reports;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small counts are hidden so that no household can be singled out: a count from 1 to
 * {@code threshold - 1} becomes null, zero stays zero. Figures are sums of the counts of the finest
 * groups any report shows (an establishment's devices of one funder, the households of one commune),
 * the cells: so that no hidden count can be worked out again from what is shown (secondary
 * suppression), from this table or from another grouping of the same figures,
 * <ul>
 *   <li>a figure is hidden whenever one of the cells it adds up is, and so is a column's total;</li>
 *   <li>within a row (and the totals), a figure that adds up others ({@code devicesOnLoan}, the four
 *       kinds) is hidden whenever one of them is.</li>
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

    /** The counts of one finest group, and the row it adds to. */
    record Cell(String row, Map<String, Long> counts) {
    }

    /** Each row's figures and the totals, as they may be shown: null stands for hidden. */
    record Shown(Map<String, Map<String, Long>> rows, Map<String, Long> totals) {
    }

    boolean small(long count) {
        return count > 0 && count < threshold;
    }

    /**
     * Adds the cells up into the rows {@code rows} (a row without cells shows zeros) and the totals,
     * hiding what must be; {@code sums} names, for a column that adds up others within a row, those.
     */
    Shown apply(List<String> columns, List<String> rows, List<Cell> cells, Map<String, List<String>> sums) {
        Map<String, Map<String, Long>> values = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> hidden = new HashMap<>();
        rows.forEach(row -> values.put(row, zeros(columns)));
        Map<String, Long> totals = zeros(columns);
        Map<String, Boolean> totalsHidden = new HashMap<>();
        for (Cell cell : cells) {
            Map<String, Long> row = values.get(cell.row());
            for (String column : columns) {
                long count = cell.counts().getOrDefault(column, 0L);
                row.merge(column, count, Long::sum);
                totals.merge(column, count, Long::sum);
                if (small(count)) {
                    hidden.computeIfAbsent(cell.row(), k -> new HashMap<>()).put(column, true);
                    totalsHidden.put(column, true);
                }
            }
        }
        Map<String, Map<String, Long>> shown = new LinkedHashMap<>();
        values.forEach((row, counts) -> shown.put(row, hide(counts, hidden.getOrDefault(row, Map.of()), sums)));
        Map<String, Long> shownTotals = hide(totals, totalsHidden, sums);
        for (String column : columns) {
            if (shown.values().stream().anyMatch(row -> row.get(column) == null)) {
                shownTotals.put(column, null);
            }
        }
        return new Shown(shown, shownTotals);
    }

    /** One row as shown: small sums and sums of a hidden cell hidden, then sums of a hidden part. */
    private Map<String, Long> hide(Map<String, Long> counts, Map<String, Boolean> hiddenCells,
                                   Map<String, List<String>> sums) {
        Map<String, Long> shown = new LinkedHashMap<>();
        counts.forEach((column, count) -> shown.put(column,
                small(count) || hiddenCells.getOrDefault(column, false) ? null : count));
        sums.forEach((sum, parts) -> {
            if (parts.stream().anyMatch(part -> shown.get(part) == null)) {
                shown.put(sum, null);
            }
        });
        return shown;
    }

    private static Map<String, Long> zeros(List<String> columns) {
        Map<String, Long> row = new LinkedHashMap<>();
        columns.forEach(column -> row.put(column, 0L));
        return row;
    }
}
