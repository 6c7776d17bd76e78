package fr.ecole.lending.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Collator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What every report does with its rows: order them, label them, and lay out the table sent. */
final class ReportTables {
    /**
     * The figures of a restricted criterion (needsAdaptedEquipment, visible to few: docs/criteria.md):
     * protected for every caller, an administrator's plain counts included.
     */
    static final Set<String> ALWAYS_PROTECTED = Set.of("adaptedEquipment");

    private final CellKey cellKey;
    private final Clock clock;

    ReportTables(CellKey cellKey, Clock clock) {
        this.cellKey = cellKey;
        this.clock = clock;
    }

    /**
     * The figures of {@code columns} for each row of {@code ordered}, each perturbed but the exact ones;
     * {@code raw}: the plain counts, but those {@link #ALWAYS_PROTECTED}.
     */
    CellKey.Shown shown(List<String> columns, List<String> ordered, List<CellKey.Cell> cells, boolean raw) {
        return cellKey.apply(columns, ordered, cells, raw ? Set.copyOf(columns.stream()
                .filter(column -> !ALWAYS_PROTECTED.contains(column)).toList()) : Set.of());
    }

    ReportTable output(ReportRequest request, List<String> columns, List<Map<String, Object>> rows,
                               Map<String, Object> totals) {
        List<String> all = new ArrayList<>(columns);
        if (!all.contains("key")) {
            all.addAll(0, List.of("key", "label"));
        }
        return new ReportTable(request.report().parameter(), request.territory() == null ? null : request.territory().value(),
                request.grouping() == null ? null : request.grouping().parameter(), request.from(), request.to(),
                clock.instant(), request.raw() ? Disclosure.raw(cellKey.table(), all.stream()
                        .filter(ALWAYS_PROTECTED::contains).toList()) : Disclosure.cellKey(cellKey.table()), List.copyOf(all),
                rows, totals);
    }

    /** Rows in the order of their labels, as a French reader sorts them (É with E), then by key. */
    static List<String> ordered(Set<String> rows, Map<String, String> labels) {
        Collator french = Collator.getInstance(Locale.FRENCH);
        return rows.stream().sorted(Comparator.comparing((String key) -> labels.get(key), french)
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    static List<Map<String, Object>> rows(List<String> ordered, Map<String, String> labels,
                                                  Map<String, Map<String, Long>> shown) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : ordered) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("label", labels.get(key));
            row.putAll(shown.get(key));
            rows.add(row);
        }
        return rows;
    }

    static Map<String, String> establishmentLabels(ReportDao reports, Collection<String> keys) {
        return labels(keys, reports::establishmentNames);
    }

    static Map<String, String> communeLabels(ReportDao reports, Collection<String> keys) {
        return labels(keys, reports::communeNames);
    }

    /** Each key's name as {@code names} finds it; a key without one is its own label. */
    static Map<String, String> labels(Collection<String> keys,
                                              Function<Collection<String>, List<ReportDao.Name>> names) {
        Map<String, String> labels = new HashMap<>();
        if (!keys.isEmpty()) {
            names.apply(keys).forEach(name -> labels.put(name.key(), name.name()));
        }
        keys.forEach(key -> labels.putIfAbsent(key, key));
        return labels;
    }

    /** Per 100, to two decimals; unknown when the count is hidden or there is nothing to divide by. */
    static BigDecimal per100(Long count, Long whole) {
        return count == null || whole == null || whole == 0 ? null
                : BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
