package fr.ecole.lending.reports;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cell key method (as the Australian Bureau of Statistics' TableBuilder, and Eurostat's advice
 * for the 2021 census): every counted record carries a permanent random key; a figure's cell key
 * follows from the keys of the records it counts, and the {@link PerturbationTable} turns (true
 * count, cell key) into the figure shown. So the same records always give the same figure, in
 * whatever report, row, grouping, territory or period: asking again, or for overlapping tables,
 * draws no fresh noise to average away. docs/disclosure-control.md explains it to a reader.
 *
 * <p>A figure's records are taken in the finest groups any report shows (the households of one
 * commune whose pupils attend the same schools; an establishment's loans, agreements or devices of
 * one funder). Each group the figure counts from adds to the cell key the keys of the records the
 * figure counts and, for households, the keys of all the group's households: so that when one
 * household joins a group, every figure of that group draws its noise again, and the figures that
 * did not count it cannot be told apart from those that did (which would give its answers away).
 * Groups where the figure counts nobody add nothing: the same records of the same groups still give
 * the same figure however the groups are put together.
 */
final class CellKey {
    /** A prime, so that doubling a record key (counted and in the group) still spreads over every value. */
    private static final long MODULUS = 65_521;
    private final PerturbationTable table;

    CellKey(PerturbationTable table) {
        this.table = table;
    }

    PerturbationTable table() {
        return table;
    }

    /**
     * The counts of one finest group in one row: per figure, how many records it counts and the sum
     * of their keys; {@code population} the sum of the keys of all the group's records (0 where a
     * figure should depend on its own records only); {@code exact} the figures shown as they are (the
     * devices a funder paid for, to that funder).
     */
    record Cell(String row, Map<String, Long> counts, Map<String, Long> keys, long population, Set<String> exact) {
        Cell(String row, Map<String, Long> counts, Map<String, Long> keys, long population) {
            this(row, counts, keys, population, Set.of());
        }
    }

    /** Each row's figures and the totals, as shown. */
    record Shown(Map<String, Map<String, Long>> rows, Map<String, Long> totals) {
    }

    /**
     * Adds the cells up into the rows {@code rows} (a row without cells shows zeros) and into the
     * totals, each figure perturbed as a cell of its own but those of the columns {@code plain}, shown
     * as their plain counts.
     */
    Shown apply(List<String> columns, List<String> rows, List<Cell> cells, Set<String> plain) {
        Map<String, Figures> byRow = new LinkedHashMap<>();
        rows.forEach(row -> byRow.put(row, new Figures()));
        Figures all = new Figures();
        for (Cell cell : cells) {
            byRow.computeIfAbsent(cell.row(), k -> new Figures()).add(cell, columns);
            all.add(cell, columns);
        }
        Map<String, Map<String, Long>> shown = new LinkedHashMap<>();
        rows.forEach(row -> shown.put(row, byRow.get(row).shown(columns, plain)));
        return new Shown(shown, all.shown(columns, plain));
    }

    /** The figure shown for {@code count} records whose keys (and their groups', see above) add up to {@code keySum}. */
    long shown(long count, long keySum) {
        long key = Math.floorMod(keySum, MODULUS);
        return table.shown(count, (int) (key * PerturbationTable.KEYS / MODULUS));
    }

    /** What the cells of one row (or of the totals) add up to, per figure. */
    private final class Figures {
        private final Map<String, Long> exact = new HashMap<>();
        private final Map<String, Long> counts = new HashMap<>();
        private final Map<String, Long> keys = new HashMap<>();

        void add(Cell cell, List<String> columns) {
            for (String column : columns) {
                long count = cell.counts().getOrDefault(column, 0L);
                if (count == 0) {
                    continue;
                }
                if (cell.exact().contains(column)) {
                    exact.merge(column, count, Long::sum);
                } else {
                    counts.merge(column, count, Long::sum);
                    // sums stay far below 2^63: keys are below 2^31, reduced per group
                    keys.merge(column, Math.floorMod(cell.keys().getOrDefault(column, 0L) + cell.population(), MODULUS),
                            Long::sum);
                }
            }
        }

        Map<String, Long> shown(List<String> columns, Set<String> plain) {
            Map<String, Long> shown = new LinkedHashMap<>();
            for (String column : columns) {
                long count = counts.getOrDefault(column, 0L);
                long perturbed = plain.contains(column) || count == 0 ? count : CellKey.this.shown(count, keys.getOrDefault(column, 0L));
                shown.put(column, exact.getOrDefault(column, 0L) + perturbed);
            }
            return shown;
        }
    }
}
