package fr.ecole.lending.reports;

import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.geography.Territory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Loans: the cells are an establishment's loans and devices of one funder, and its agreements (per
 * funder when rows are); rows add them up per establishment, commune or funder.
 */
final class LoansReport {
    static final List<String> LOAN_COLUMNS = List.of("devicesInPool", "devicesOnLoan", "laptopsOnLoan",
            "tabletsOnLoan", "donglesOnLoan", "headsetsOnLoan", "agreementsActive", "lent", "returned", "overdue", "lost",
            "inRepair");

    /**
     * The devices a funder paid for are its inventory, not personal data: their counts by state are
     * exact for that funder and for an administrator.
     */
    private static final Set<String> INVENTORY = Set.of("devicesInPool", "devicesOnLoan", "laptopsOnLoan",
            "tabletsOnLoan", "donglesOnLoan", "headsetsOnLoan", "inRepair", "lost");

    /** An agreement lends devices of several funders: these columns do not add up across funders. */
    private static final Set<String> PER_AGREEMENT = Set.of("agreementsActive", "overdue");

    private static final String NO_FUNDER = "none";
    private static final String FUNDER_RECORD = "funder:";

    private final ReportTables tables;

    LoansReport(ReportTables tables) {
        this.tables = tables;
    }

    /** A loans report, shown, and what the summary takes from it. */
    record Loans(ReportTable table, Long onLoan, Long pupils, BigDecimal per100Pupils) {
    }

    /**
     * Loans: the cells are an establishment's loans and devices of one funder, and its agreements (per
     * funder when rows are); rows add them up per establishment, commune or funder. Each figure's key
     * comes from its own records alone: a stock must not draw new noise when only the period's start
     * moves.
     */
    Loans make(ReportDao reports, FunderReportDao funders, ReportRequest request) {
        Territory territory = request.territory();
        String in = ReportDao.establishmentsIn(territory);
        String code = territory == null ? "" : territory.code();
        boolean byFunder = request.grouping() == Grouping.FUNDER;
        // a funder's own report: its devices' agreements only, counted per funder as the loans give them
        boolean oneFunder = !request.onlyFunder().isEmpty();
        List<ReportDao.School> schools = reports.schools(in, code, request.types(), request.onlyFunder(),
                SchoolCalendar.schoolYear(request.to()));
        Map<String, ReportDao.School> schoolByUai = new HashMap<>();
        schools.forEach(school -> schoolByUai.put(school.uai(), school));
        Function<String, String> rowOfSchool = uai -> request.grouping() == Grouping.COMMUNE
                ? schoolByUai.get(uai).communeInsee() : uai;

        Set<String> rows = new LinkedHashSet<>();
        if (!byFunder && !oneFunder) {
            // every establishment covered has its row, those that lend nothing too
            schools.forEach(school -> rows.add(rowOfSchool.apply(school.uai())));
        }
        List<CellKey.Cell> cells = new ArrayList<>();
        // the devices on loan of the schools with a pupil count, for the rate per 100 pupils
        List<CellKey.Cell> counted = new ArrayList<>();
        for (ReportDao.Counts loans : reports.loans(in, code, request.types(), request.ownFunder(), request.onlyFunder(),
                request.start(), request.until(), request.to())) {
            String row = byFunder ? funderKey(loans.part()) : rowOfSchool.apply(loans.place());
            rows.add(row);
            Map<String, Long> counts = new HashMap<>(loans.counts());
            if (!byFunder && !oneFunder) {
                // an establishment's agreements come whole from the agreements table
                PER_AGREEMENT.forEach(counts::remove);
            }
            CellKey.Cell cell = new CellKey.Cell(row, counts, loans.keys(), 0, exact(request, loans.part()));
            cells.add(cell);
            ReportDao.School school = schoolByUai.get(loans.place());
            if (school != null && school.pupils() != null) {
                counted.add(cell);
            }
        }
        if (!byFunder && !oneFunder) {
            for (ReportDao.Counts agreements : reports.agreements(in, code, request.types(), request.until(), request.to())) {
                String row = rowOfSchool.apply(agreements.place());
                rows.add(row);
                cells.add(new CellKey.Cell(row, agreements.counts(), agreements.keys(), 0));
            }
        }
        for (ReportDao.Counts pool : reports.pool(in, code, request.types(), request.ownFunder(), request.onlyFunder(),
                request.start(), request.until())) {
            String row = byFunder ? funderKey(pool.part()) : rowOfSchool.apply(pool.place());
            rows.add(row);
            cells.add(new CellKey.Cell(row, pool.counts(), pool.keys(), 0, exact(request, pool.part())));
        }
        Map<String, String> kinds = new HashMap<>();
        Map<String, String> labels = switch (request.grouping()) {
            case ESTABLISHMENT -> ReportTables.establishmentLabels(reports, rows);
            case COMMUNE -> ReportTables.communeLabels(reports, rows);
            default -> funderLabels(reports, funders, rows, kinds);
        };
        List<String> ordered = ReportTables.ordered(rows, labels);
        CellKey.Shown shown = tables.shown(LOAN_COLUMNS, ordered, cells, request.raw());
        List<Map<String, Object>> out = ReportTables.rows(ordered, labels, shown.rows());
        Map<String, Object> totals = new LinkedHashMap<>(shown.totals());
        List<String> columns = new ArrayList<>(LOAN_COLUMNS);
        if (byFunder) {
            // who the funder is: a collectivity, the State, a foundation... (none for the devices without one)
            columns.addAll(0, List.of("key", "label", "funderKind"));
            out.forEach(row -> row.put("funderKind", kinds.get((String) row.get("key"))));
        }
        Long allPupils = null;
        BigDecimal allRate = null;
        if (!byFunder) {
            // pupil counts are public figures, shown as they are; the rate divides the devices on loan of
            // the schools that have a count (a figure of its own) by their pupils
            columns.addAll(List.of("pupils", "devicesOnLoanPer100Pupils"));
            Map<String, Long> pupils = new HashMap<>();
            for (ReportDao.School school : schools) {
                if (school.pupils() != null) {
                    pupils.merge(rowOfSchool.apply(school.uai()), school.pupils(), Long::sum);
                }
            }
            CellKey.Shown rated = tables.shown(List.of("devicesOnLoan"), ordered, counted, request.raw());
            for (Map<String, Object> row : out) {
                String key = (String) row.get("key");
                row.put("pupils", pupils.get(key));
                row.put("devicesOnLoanPer100Pupils", ReportTables.per100(rated.rows().get(key).get("devicesOnLoan"), pupils.get(key)));
            }
            allPupils = pupils.isEmpty() ? null : pupils.values().stream().mapToLong(Long::longValue).sum();
            allRate = ReportTables.per100(rated.totals().get("devicesOnLoan"), allPupils);
            totals.put("pupils", allPupils);
            totals.put("devicesOnLoanPer100Pupils", allRate);
        } else {
            // an agreement lends devices of several funders: its count does not add up across them
            PER_AGREEMENT.forEach(totals::remove);
        }
        return new Loans(tables.output(request, columns, out, totals), shown.totals().get("devicesOnLoan"), allPupils, allRate);
    }

    /** The inventory figures of a group of devices of {@code funder}, when the caller reads them exactly. */
    private static Set<String> exact(ReportRequest request, String funder) {
        return request.exact(funder) ? INVENTORY : Set.of();
    }

    /**
     * A funder's record is labelled by its name; a collectivity named by its territory as such, the
     * kind of each in {@code kinds}.
     */
    private static Map<String, String> funderLabels(ReportDao reports, FunderReportDao funders, Set<String> keys,
                                                    Map<String, String> kinds) {
        List<String> communes = keys.stream().filter(key -> key.startsWith("commune:"))
                .map(key -> key.substring("commune:".length())).toList();
        Map<String, String> communeNames = ReportTables.communeLabels(reports, communes);
        Map<String, String> labels = new HashMap<>();
        // funder:<id>, as the registration of devices wrote it
        List<Long> records = keys.stream().filter(key -> key.startsWith(FUNDER_RECORD))
                .map(key -> Long.valueOf(key.substring(FUNDER_RECORD.length()))).toList();
        if (!records.isEmpty()) {
            funders.names(records).forEach(funder -> {
                labels.put(funder.key(), funder.name());
                kinds.put(funder.key(), funder.kind());
            });
        }
        for (String key : keys) {
            if (key.equals(NO_FUNDER)) {
                labels.put(key, "Financeur non renseigné");
            } else if (!labels.containsKey(key)) {
                Territory funder = new Territory(key);
                kinds.put(key, funder.kind().toUpperCase(Locale.ROOT));
                labels.put(key, switch (funder.kind()) {
                    case "commune" -> "Commune de " + communeNames.get(funder.code());
                    case "departement" -> "Département " + funder.code();
                    default -> "Région " + funder.code();
                });
            }
        }
        return labels;
    }

    private static String funderKey(String funder) {
        return funder == null ? NO_FUNDER : funder;
    }
}
