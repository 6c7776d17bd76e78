package fr.ecole.lending.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The survey of every family: per establishment, commune (the establishment's) or catchment (its
 * commune's), the codes handed out and pupils enrolled (public figures, exact), and the answers and
 * households with each difficulty, protected as every household figure. The cells are the answers of
 * one establishment's campaigns of the school year: each answer stands in one row, so totals are given.
 * The response rate divides the protected answers of the schools with a pupil count by their pupils.
 */
final class SurveyReport {
    static final List<String> COUNTS = List.of("answers", "noDevice", "smartphoneOnly", "sharedDevice",
            "noConnection", "mobileCapped", "whiteZone");

    private final ReportTables tables;

    SurveyReport(ReportTables tables) {
        this.tables = tables;
    }

    ReportTable make(SurveyReportDao surveys, ReportDao reports, ReportRequest request, int schoolYear) {
        String establishmentsIn = ReportDao.establishmentsIn(request.territory());
        String code = request.territory().code();
        List<SurveyReportDao.Campaigns> campaigns = surveys.campaigns(establishmentsIn, code, schoolYear);
        Set<String> communes = new TreeSet<>();
        campaigns.forEach(campaign -> communes.add(campaign.communeInsee()));
        Map<String, String> catchments = request.grouping() == Grouping.CATCHMENT
                ? HouseholdReports.catchmentKeys(reports, communes) : Map.of();
        Map<String, SurveyReportDao.Campaigns> byUai = new HashMap<>();
        campaigns.forEach(campaign -> byUai.put(campaign.uai(), campaign));
        Function<String, String> rowOf = uai -> switch (request.grouping()) {
            case COMMUNE -> byUai.get(uai).communeInsee();
            case CATCHMENT -> catchments.get(byUai.get(uai).communeInsee());
            default -> uai;
        };

        Set<String> rows = new LinkedHashSet<>();
        Map<String, Long> codes = new HashMap<>();
        Map<String, Long> pupils = new HashMap<>();
        for (SurveyReportDao.Campaigns campaign : campaigns) {
            String row = rowOf.apply(campaign.uai());
            rows.add(row);
            codes.merge(row, campaign.codes(), Long::sum);
            if (campaign.pupils() != null) {
                pupils.merge(row, campaign.pupils(), Long::sum);
            }
        }
        List<CellKey.Cell> cells = new ArrayList<>();
        // the answers of the schools whose pupils are counted: what the response rate divides
        List<CellKey.Cell> counted = new ArrayList<>();
        for (ReportDao.Counts answers : surveys.answers(establishmentsIn, code, schoolYear)) {
            CellKey.Cell cell = new CellKey.Cell(rowOf.apply(answers.place()), answers.counts(), answers.keys(),
                    answers.population());
            cells.add(cell);
            if (byUai.get(answers.place()).pupils() != null) {
                counted.add(cell);
            }
        }
        Map<String, String> labels = switch (request.grouping()) {
            case COMMUNE -> ReportTables.communeLabels(reports, rows);
            case CATCHMENT -> HouseholdReports.catchmentLabels(reports, rows);
            default -> ReportTables.establishmentLabels(reports, rows);
        };
        List<String> ordered = ReportTables.ordered(rows, labels);
        CellKey.Shown shown = tables.shown(COUNTS, ordered, cells, request.raw());
        CellKey.Shown rated = tables.shown(List.of("answers"), ordered, counted, request.raw());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : ordered) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("label", labels.get(key));
            out.add(figures(row, codes.get(key), pupils.get(key), shown.rows().get(key), rated.rows().get(key)));
        }
        Long allPupils = pupils.isEmpty() ? null : pupils.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> totals = figures(new LinkedHashMap<>(),
                codes.values().stream().mapToLong(Long::longValue).sum(), allPupils, shown.totals(), rated.totals());
        List<String> columns = new ArrayList<>(List.of("key", "label", "codes", "pupils", "answers", "responseRate"));
        COUNTS.stream().skip(1).forEach(columns::add);
        return tables.output(request, columns, out, totals);
    }

    /** A row's figures in the report's order; the rate per cent of the pupils, from the protected answers. */
    private static Map<String, Object> figures(Map<String, Object> row, Long codes, Long pupils, Map<String, Long> shown,
                                               Map<String, Long> rated) {
        row.put("codes", codes);
        row.put("pupils", pupils);
        row.put("answers", shown.get("answers"));
        BigDecimal rate = ReportTables.per100(rated.get("answers"), pupils);
        row.put("responseRate", rate);
        COUNTS.stream().skip(1).forEach(column -> row.put(column, shown.get(column)));
        return row;
    }
}
