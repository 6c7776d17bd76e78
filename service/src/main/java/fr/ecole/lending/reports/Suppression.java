package fr.ecole.lending.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small counts are hidden so that no household can be singled out: a count from 1 to
 * {@code threshold - 1} becomes null, zero stays zero. Then, so that no hidden count can be worked
 * out again from what is shown (secondary suppression):
 * <ul>
 *   <li>a column's total is hidden whenever a cell of that column is;</li>
 *   <li>within a row (and within the totals), a count that adds up others ({@code devicesOnLoan} is the
 *       sum of the four kinds) is hidden whenever one of its parts is; and if such a sum is hidden while
 *       all its parts are shown, its smallest non-zero part is hidden as well.</li>
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

    /** A count as it may be shown: null when it is small enough to single out a household. */
    Long primary(long count) {
        return count > 0 && count < threshold ? null : count;
    }

    /** Counts of a table: the rows' cells by column, and the totals (null cells stand hidden). */
    record Table(List<Map<String, Long>> rows, Map<String, Long> totals) {
    }

    /**
     * Hides what must be hidden in rows of counts that share the columns {@code columns}; {@code sums}
     * names, for a column that adds up others within a row, the columns it adds up.
     */
    Table apply(List<String> columns, List<Map<String, Long>> counts, Map<String, List<String>> sums) {
        List<Map<String, Long>> rows = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String column : columns) {
            totals.put(column, 0L);
        }
        for (Map<String, Long> row : counts) {
            Map<String, Long> shown = new LinkedHashMap<>();
            for (String column : columns) {
                long count = row.get(column);
                totals.merge(column, count, Long::sum);
                shown.put(column, primary(count));
            }
            rows.add(shown);
        }
        Map<String, Long> shownTotals = new LinkedHashMap<>();
        totals.forEach((column, total) -> shownTotals.put(column, primary(total)));

        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < rows.size(); i++) {
                changed |= hideWithinRow(rows.get(i), sums, counts.get(i));
            }
            changed |= hideWithinRow(shownTotals, sums, totals);
            for (String column : columns) {
                if (shownTotals.get(column) != null && rows.stream().anyMatch(row -> row.get(column) == null)) {
                    shownTotals.put(column, null);
                    changed = true;
                }
            }
        }
        return new Table(rows, shownTotals);
    }

    /** Applies the rule of sums to one row; {@code actual} holds its true counts. */
    private static boolean hideWithinRow(Map<String, Long> row, Map<String, List<String>> sums, Map<String, Long> actual) {
        boolean changed = false;
        for (Map.Entry<String, List<String>> sum : sums.entrySet()) {
            List<String> parts = sum.getValue();
            boolean partHidden = parts.stream().anyMatch(part -> row.get(part) == null);
            if (partHidden && row.get(sum.getKey()) != null) {
                row.put(sum.getKey(), null);
                changed = true;
            } else if (!partHidden && row.get(sum.getKey()) == null) {
                String smallest = parts.stream().filter(part -> actual.get(part) > 0)
                        .min((a, b) -> Long.compare(actual.get(a), actual.get(b))).orElse(null);
                if (smallest != null) {
                    row.put(smallest, null);
                    changed = true;
                }
            }
        }
        return changed;
    }
}
