package fr.ecole.lending.reports;

import fr.ecole.lending.db.Engine;
import fr.ecole.lending.geography.Territory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fragility and connectivity: the cells are the households of one commune whose pupils attend the
 * same schools; rows add them up per commune, catchment or school.
 */
final class HouseholdReports {
    static final List<String> FRAGILITY_COLUMNS = List.of("diagnosed", "eligible", "equipped", "needsLaptop",
            "needsDongle", "needsHeadset", "alternativeAccess", "smartphoneOnly", "sharedDevice", "parentsWithoutAutonomy",
            "otherLanguage", "adaptedEquipment");

    static final List<String> CONNECTIVITY_COLUMNS = List.of("diagnosed", "noConnection", "mobileCapped",
            "whiteZone", "lowFixedSpeed");

    /** Households referred to help beyond devices: by kind, then by status on the period's last day. */
    static final List<String> REFERRAL_COLUMNS = List.of("referred", "socialTariff", "mediation", "publicAccess",
            "printedWork", "educationalProgramme", "association", "other", "proposed", "accepted", "done", "declined");

    private static final String NO_CATCHMENT = "none";

    private static final String SPLIT = "split:";

    private final ReportTables tables;
    /** The engine the queries run on: PostgreSQL gets the set-based form of the household query. */
    private final Engine engine;

    HouseholdReports(ReportTables tables, Engine engine) {
        this.tables = tables;
        this.engine = engine;
    }

    /**
     * Fragility and connectivity: the cells are the households of one commune whose pupils attend the
     * same schools; rows add them up per commune, catchment or school (a household with pupils in two
     * schools stands in both rows, which then have no totals).
     */
    ReportTable make(ReportDao reports, ReportRequest request, List<String> columns) {
        return table(reports, request, columns, groups(reports, request));
    }

    /** The household report of {@code groups}, read once: the summary makes two reports of them. */
    ReportTable table(ReportDao reports, ReportRequest request, List<String> columns,
                      List<ReportDao.Counts> groups) {
        Set<String> places = new TreeSet<>();
        groups.forEach(group -> places.add(group.place()));
        Map<String, String> catchments = request.grouping() == Grouping.CATCHMENT ? catchmentKeys(reports, places) : Map.of();
        Set<String> rows = new LinkedHashSet<>();
        List<CellKey.Cell> cells = new ArrayList<>();
        for (ReportDao.Counts group : groups) {
            List<String> groupRows = switch (request.grouping()) {
                case ESTABLISHMENT -> group.part() == null ? List.of() : List.of(group.part().split(" "));
                case CATCHMENT -> List.of(catchments.get(group.place()));
                default -> List.of(group.place());
            };
            for (String row : groupRows) {
                rows.add(row);
                // every household of the group decides the noise of its figures (see CellKey)
                cells.add(new CellKey.Cell(row, group.counts(), group.keys(), group.population()));
            }
        }
        Map<String, String> labels = switch (request.grouping()) {
            case ESTABLISHMENT -> ReportTables.establishmentLabels(reports, rows);
            case CATCHMENT -> catchmentLabels(reports, rows);
            default -> ReportTables.communeLabels(reports, rows);
        };
        List<String> ordered = ReportTables.ordered(rows, labels);
        CellKey.Shown shown = tables.shown(columns, ordered, cells, request.raw());
        // a household with pupils in two schools stands in both rows: those rows do not add up
        return tables.output(request, columns, ReportTables.rows(ordered, labels, shown.rows()),
                request.grouping() == Grouping.ESTABLISHMENT ? null : new LinkedHashMap<>(shown.totals()));
    }

    List<ReportDao.Counts> groups(ReportDao reports, ReportRequest request) {
        Territory territory = request.territory();
        String low = low(territory);
        String high = high(low);
        return engine == Engine.POSTGRESQL
                ? reports.householdsSetBased(ReportDao.familiesIn(territory), territory.code(), low, high, request.until())
                : reports.households(ReportDao.familiesIn(territory), territory.code(), low, high, request.until());
    }

    /** The referred households' groups, made as {@link #groups} makes the diagnosed ones'. */
    static List<ReportDao.Counts> referralGroups(ReferralReportDao referrals, ReportRequest request) {
        Territory territory = request.territory();
        String low = low(territory);
        return referrals.households(ReportDao.familiesIn(territory), territory.code(), low, high(low), request.until());
    }

    /** The first INSEE code of a département's communes ({@link ReportDao#familiesIn}'s {@code :low}), or empty. */
    private static String low(Territory territory) {
        return "departement".equals(territory.kind()) ? inseePrefix(territory.code()) : "";
    }

    /** The first code past them ({@code :high}), or empty. */
    private static String high(String low) {
        return low.isEmpty() ? "" : next(low);
    }

    /** Each commune's catchment: its collège, {@code split:<INSEE>} when several share it, {@code none} outside the carte. */
    static Map<String, String> catchmentKeys(ReportDao reports, Set<String> communes) {
        Map<String, Set<String>> colleges = new HashMap<>();
        if (!communes.isEmpty()) {
            for (ReportDao.Served served : reports.catchments(communes)) {
                colleges.computeIfAbsent(served.communeInsee(), k -> new TreeSet<>()).add(served.uai());
            }
        }
        Map<String, String> keys = new HashMap<>();
        for (String commune : communes) {
            Set<String> serving = colleges.get(commune);
            keys.put(commune, serving == null ? NO_CATCHMENT
                    : serving.size() == 1 ? serving.iterator().next() : SPLIT + commune);
        }
        return keys;
    }

    static Map<String, String> catchmentLabels(ReportDao reports, Set<String> keys) {
        Map<String, String> colleges = ReportTables.establishmentLabels(reports, keys.stream()
                .filter(key -> !key.startsWith(SPLIT) && !key.equals(NO_CATCHMENT)).toList());
        Map<String, String> communes = ReportTables.communeLabels(reports, keys.stream().filter(key -> key.startsWith(SPLIT))
                .map(key -> key.substring(SPLIT.length())).toList());
        Map<String, String> labels = new HashMap<>();
        for (String key : keys) {
            labels.put(key, key.equals(NO_CATCHMENT) ? "Communes hors carte scolaire importée"
                    : key.startsWith(SPLIT) ? "Secteur partagé : " + communes.get(key.substring(SPLIT.length()))
                    : "Secteur du " + colleges.get(key));
        }
        return labels;
    }

    /** The start of the INSEE codes of a département's communes: 035 → 35, 02A → 2A, 974 → 974. */
    private static String inseePrefix(String departement) {
        return departement.startsWith("0") ? departement.substring(1) : departement;
    }

    /** The first code past those starting with {@code prefix}. */
    private static String next(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }
}
