package fr.ecole.lending.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The figures a collectivity reads, each set beside the administrator's plain count of the same row
 * and column ({@code raw=true}): whether it is shown, how far it is from the truth, and, given the
 * territory's households, whether the rule before the cell key method would have hidden it. Each
 * measure is printed as a {@code [measure]} line (docs/disclosure-control.md quotes them).
 */
public final class FigureMeasures {
    /** The largest noise of the perturbation table the reports use (version 1). */
    public static final int NOISE_BOUND = 3;
    /** The old rule hid every count from 1 to 10. */
    public static final int OLD_THRESHOLD = 11;
    /** Connectivity's own figures, never shown by school: the old rule took their finest groups by commune. */
    private static final Set<String> BY_COMMUNE = Set.of("noConnection", "mobileCapped", "whiteZone", "lowFixedSpeed");

    /** A finest group of the old rule: the diagnosed households of one commune whose pupils attend the same schools. */
    public record Group(String commune, String schools, Map<String, Long> counts) {
    }

    /**
     * One figure: its table, its row ({@code null} for the table's total), its column, the true count,
     * the figure shown ({@code null}: hidden) and whether the old rule would have hidden it ({@code null}:
     * not measured).
     */
    public record Figure(String table, String row, String column, long truth, Long shown, Boolean oldRuleHides) {
        public boolean isTotal() {
            return row == null;
        }

        public boolean isShown() {
            return shown != null;
        }

        public boolean withinBound() {
            return shown != null && Math.abs(shown - truth) <= NOISE_BOUND;
        }

        public double relativeError() {
            return truth == 0 ? 0 : Math.abs(shown - truth) / (double) truth;
        }
    }

    private final String territory;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    public FigureMeasures(String territory) {
        this.territory = territory;
    }

    /** Each row's and the total's figures of {@code columns}: {@code shown} as read, {@code raw} the plain counts. */
    public void compare(String table, JsonNode shown, JsonNode raw, List<String> columns) {
        compare(table, shown, raw, columns, null, null);
    }

    /**
     * As {@link #compare(String, JsonNode, JsonNode, List)}, with what the old rule would have hidden: a
     * figure from 1 to 10, or one that adds up a finest group from 1 to 10 in its column, however
     * large the figure. {@code groups} are every finest group of the territory, each in the row
     * {@code rowOf} its commune; they must add up to the plain counts ({@link #mismatches}).
     */
    public void compare(String table, JsonNode shown, JsonNode raw, List<String> columns, List<Group> groups,
                        Function<String, String> rowOf) {
        Map<String, JsonNode> shownRows = new HashMap<>();
        shown.path("rows").forEach(row -> shownRows.put(row.path("key").asText(), row));
        Set<String> stillProtected = new HashSet<>();
        raw.path("disclosure").path("protectedColumns").forEach(column -> stillProtected.add(column.asText()));
        for (String column : columns) {
            OldRule old = groups == null ? null : new OldRule(column, groups, rowOf);
            // a figure the plain counts protect too (a restricted criterion's): its truth is the households written
            boolean plain = !stillProtected.contains(column);
            if (!plain && old == null) {
                throw new IllegalArgumentException(column + " is protected in the plain counts too: give the households");
            }
            Set<String> rawKeys = new HashSet<>();
            for (JsonNode row : raw.path("rows")) {
                String key = row.path("key").asText();
                rawKeys.add(key);
                long truth = plain ? row.path(column).asLong() : old.rows.getOrDefault(key, 0L);
                JsonNode figure = shownRows.getOrDefault(key, row.path("no such row")).path(column);
                figures.add(new Figure(table, key, column, truth, figure.isNumber() ? figure.asLong() : null,
                        old == null ? null : old.hides(key, truth)));
                if (old != null && plain && old.rows.getOrDefault(key, 0L) != truth) {
                    mismatches.add(table + ", " + key + ", " + column + ": " + truth + " counted, "
                            + old.rows.getOrDefault(key, 0L) + " in the households written");
                } else if (!plain && !row.path(column).equals(figure)) {
                    mismatches.add(table + ", " + key + ", " + column + ": " + row.path(column) + " in the plain counts, "
                            + figure + " shown");
                }
            }
            if (old != null) {
                old.rows.keySet().stream().filter(key -> !rawKeys.contains(key)).forEach(key ->
                        mismatches.add(table + ", " + key + ": households written, no row"));
            }
            JsonNode total = raw.path("totals").path(column);
            if (total.isNumber()) {
                long truth = plain ? total.asLong() : old.rows.values().stream().mapToLong(Long::longValue).sum();
                JsonNode figure = shown.path("totals").path(column);
                figures.add(new Figure(table, null, column, truth, figure.isNumber() ? figure.asLong() : null,
                        old == null ? null : old.hidesTotal(truth)));
            }
        }
    }

    /** The figures measured so far. */
    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Where the households written and the plain counts disagree: the measures would then rest on nothing. */
    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /** How many of {@code figures} hold {@code what}. */
    public static long count(List<Figure> figures, Predicate<Figure> what) {
        return figures.stream().filter(what).count();
    }

    /** Prints each table's measures and each total, as {@code [measure]} lines. */
    public void print() {
        Map<String, List<Figure>> tables = new LinkedHashMap<>();
        figures.forEach(figure -> tables.computeIfAbsent(figure.table(), k -> new ArrayList<>()).add(figure));
        tables.forEach((table, all) -> {
            List<Figure> rows = all.stream().filter(figure -> !figure.isTotal()).toList();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[measure] %s, %s: %d figures in %d rows",
                    territory, table, rows.size(), rows.stream().map(Figure::row).distinct().count()));
            for (String range : List.of("11+", "1-10", "0")) {
                Predicate<Figure> in = figure -> switch (range) {
                    case "11+" -> figure.truth() >= OLD_THRESHOLD;
                    case "1-10" -> figure.truth() > 0 && figure.truth() < OLD_THRESHOLD;
                    default -> figure.truth() == 0;
                };
                List<Figure> some = rows.stream().filter(in).toList();
                line.append(String.format(Locale.ROOT, "; true %s: %d, shown %d, within ±%d %d", range, some.size(),
                        count(some, Figure::isShown), NOISE_BOUND, count(some, Figure::withinBound)));
                if (some.stream().anyMatch(figure -> figure.oldRuleHides() != null)) {
                    line.append(String.format(Locale.ROOT, ", old rule hides %d", count(some, Figure::oldRuleHides)));
                }
            }
            System.out.println(line);
            all.stream().filter(Figure::isTotal).forEach(total -> System.out.printf(Locale.ROOT,
                    "[measure] %s, %s, total %s: true %d, shown %s (%s)%s%n", territory, table, total.column(), total.truth(),
                    total.shown(), total.isShown() ? String.format(Locale.ROOT, "%+d, %.2f %%", total.shown() - total.truth(),
                            100 * total.relativeError()) : "hidden",
                    total.oldRuleHides() == null ? "" : total.oldRuleHides() ? ", old rule hides it" : ", old rule shows it"));
        });
    }

    /** What the old rule made of one column: the rows' true counts, and the rows and totals a small group hid. */
    private static final class OldRule {
        final Map<String, Long> rows = new HashMap<>();
        final Set<String> rowsWithASmallGroup = new HashSet<>();
        boolean aSmallGroup;

        OldRule(String column, List<Group> groups, Function<String, String> rowOf) {
            Map<String, Map<String, Long>> finest = new HashMap<>();
            for (Group group : groups) {
                long count = group.counts().getOrDefault(column, 0L);
                String row = rowOf.apply(group.commune());
                rows.merge(row, count, Long::sum);
                String key = BY_COMMUNE.contains(column) ? group.commune() : group.commune() + " " + group.schools();
                finest.computeIfAbsent(row, k -> new HashMap<>()).merge(key, count, Long::sum);
            }
            finest.forEach((row, counts) -> {
                if (counts.values().stream().anyMatch(FigureMeasures::small)) {
                    rowsWithASmallGroup.add(row);
                    aSmallGroup = true;
                }
            });
        }

        boolean hides(String row, long truth) {
            return small(truth) || rowsWithASmallGroup.contains(row);
        }

        boolean hidesTotal(long truth) {
            return small(truth) || aSmallGroup;
        }
    }

    private static boolean small(long count) {
        return count > 0 && count < OLD_THRESHOLD;
    }
}
