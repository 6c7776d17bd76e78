package fr.ecole.lending.reports;

import fr.ecole.lending.SchoolCalendar;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.CommuneDao;
import fr.ecole.lending.establishments.EstablishmentType;
import fr.ecole.lending.establishments.Territory;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.QueryParams;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The collectivities' reports: figures of a territory, grouped, for a period, with small counts
 * hidden. Nothing personal ever reaches a row: keys and labels name establishments, communes,
 * catchments and funders only.
 */
public class ReportService {
    static final List<String> LOAN_COLUMNS = List.of("devicesInPool", "devicesOnLoan", "laptopsOnLoan", "tabletsOnLoan",
            "donglesOnLoan", "headsetsOnLoan", "agreementsActive", "lent", "returned", "overdue", "lost", "inRepair");
    static final List<String> FRAGILITY_COLUMNS = List.of("diagnosed", "eligible", "equipped", "needsLaptop",
            "needsDongle", "needsHeadset", "alternativeAccess");
    static final List<String> CONNECTIVITY_COLUMNS = List.of("diagnosed", "noConnection", "mobileCapped", "whiteZone",
            "lowFixedSpeed");
    /** Within a row, devices on loan are the sum of the four kinds: hiding one kind hides the sum. */
    private static final Map<String, List<String>> LOAN_SUMS = Map.of("devicesOnLoan",
            List.of("laptopsOnLoan", "tabletsOnLoan", "donglesOnLoan", "headsetsOnLoan"));
    /** An agreement lends devices of several funders: these columns do not add up across funders. */
    private static final Set<String> PER_AGREEMENT = Set.of("agreementsActive", "overdue");
    private static final String NO_FUNDER = "none";
    private static final String NO_CATCHMENT = "none";

    private final Database database;
    private final Suppression suppression;
    private final Clock clock;

    public ReportService(Database database, int suppressionThreshold, Clock clock) {
        this.database = database;
        this.suppression = new Suppression(suppressionThreshold);
        this.clock = clock;
    }

    /** A report asked for, checked: its territory, grouping, period and, for loans, establishment types. */
    record Request(Report report, Territory territory, Grouping grouping, LocalDate from, LocalDate to,
                   List<String> types) {

        Instant start() {
            return from.atStartOfDay(SchoolCalendar.ZONE).toInstant();
        }

        /** Stocks are taken at the end of {@code to}. */
        Instant until() {
            return to.plusDays(1).atStartOfDay(SchoolCalendar.ZONE).toInstant();
        }

        /** The school year {@code to} falls in, named by the year it starts (pupil counts are per school year). */
        int schoolYear() {
            return to.getMonthValue() >= 9 ? to.getYear() : to.getYear() - 1;
        }
    }

    public ReportTable report(User caller, String name, String territoryText, String groupBy, String fromText,
                              String toText, String typesText) {
        Report report = Report.named(name);
        Scope scope = Scope.of(caller);
        Territory territory = territoryText == null || territoryText.isBlank() ? scope.collectivityTerritory()
                : Territory.parse(territoryText, "territory");
        if (territory == null) {
            throw ApiException.invalid("missing_value", "territory", "Indiquez le territoire du rapport : "
                    + "territory=commune:<code INSEE>, departement:<code, ex. 035> ou region:<code, ex. 53>.");
        }
        Grouping grouping = report.grouping(groupBy);
        LocalDate askedTo = QueryParams.date(toText, "to");
        LocalDate to = askedTo == null ? SchoolCalendar.today(clock) : askedTo;
        LocalDate askedFrom = QueryParams.date(fromText, "from");
        // by default, the school year so far: what a collectivity's yearly figures cover
        LocalDate from = askedFrom != null ? askedFrom
                : LocalDate.of(to.getMonthValue() >= 9 ? to.getYear() : to.getYear() - 1, 9, 1);
        if (from.isAfter(to)) {
            throw ApiException.invalid("invalid_period", "from", "La période commence (" + from + ") après sa fin ("
                    + to + ").");
        }
        List<String> types = types(report, scope, territory, typesText);
        return database.read(handle -> {
            CommuneDao communes = handle.attach(CommuneDao.class);
            scope.requireReportTerritory(territory, communes);
            if (!communes.exists(territory.kind(), territory.code())) {
                throw ApiException.notFound("unknown_territory", "territory", "Le territoire « " + territory
                        + " » n'est pas connu : importez l'annuaire des établissements, ou vérifiez le code.");
            }
            Request request = new Request(report, territory, grouping, from, to, types);
            return switch (report) {
                case LOANS -> loans(handle, request);
                case FRAGILITY -> households(handle, request, FRAGILITY_COLUMNS);
                case CONNECTIVITY -> households(handle, request, CONNECTIVITY_COLUMNS);
                case SUMMARY -> summary(handle, request);
            };
        });
    }

    /**
     * The establishments a loans report covers: those of the territory's own competence (a commune its
     * écoles, a département its collèges, a région its lycées); an administrator may name others.
     */
    private static List<String> types(Report report, Scope scope, Territory territory, String text) {
        EstablishmentType competence = scope.isAdmin() ? territory.competence()
                : scope.collectivityTerritory() == null ? territory.competence() : scope.collectivityTerritory().competence();
        if (text == null || text.isBlank()) {
            return List.of(competence.name());
        }
        if (report != Report.LOANS && report != Report.SUMMARY) {
            throw ApiException.invalid("invalid_value", "types", "« types » ne s'applique qu'aux rapports loans et "
                    + "summary : les foyers comptent par leur commune.");
        }
        List<String> types = new ArrayList<>();
        for (String type : text.split(",")) {
            EstablishmentType parsed = QueryParams.enumValue(EstablishmentType.class, type, "types");
            if (parsed != null && !types.contains(parsed.name())) {
                types.add(parsed.name());
            }
        }
        if (types.isEmpty()) {
            return List.of(competence.name());
        }
        if (!scope.isAdmin() && !types.equals(List.of(competence.name()))) {
            throw new ApiException(403, "outside_competence", "Vos rapports couvrent les établissements de type "
                    + competence + ", ceux dont votre collectivité a la charge.", "types");
        }
        return types;
    }

    private ReportTable loans(Handle handle, Request request) {
        ReportDao reports = handle.attach(ReportDao.class);
        Territory territory = request.territory();
        boolean byFunder = request.grouping() == Grouping.FUNDER;
        String funder = byFunder ? "d.funded_by" : "NULL";
        String groupByFunder = byFunder ? ", d.funded_by" : "";
        List<ReportDao.School> schools = reports.schools(establishmentsIn(territory), territory.code(), request.types(),
                request.schoolYear());
        Map<String, ReportDao.School> schoolByUai = schools.stream()
                .collect(Collectors.toMap(ReportDao.School::uai, Function.identity()));
        Function<String, String> keyOfSchool = uai -> request.grouping() == Grouping.COMMUNE
                ? schoolByUai.get(uai).communeInsee() : uai;

        Map<String, Map<String, Long>> counts = new HashMap<>();
        Map<String, Long> pupils = new HashMap<>();
        if (!byFunder) {
            // every establishment covered has its row, those that lend nothing too
            for (ReportDao.School school : schools) {
                String key = keyOfSchool.apply(school.uai());
                counts.computeIfAbsent(key, k -> zeros(LOAN_COLUMNS));
                if (school.pupils() != null) {
                    pupils.merge(key, school.pupils(), Long::sum);
                }
            }
        }
        for (ReportDao.LoanCounts loans : reports.loans(establishmentsIn(territory), territory.code(), request.types(),
                funder, groupByFunder, request.start(), request.until(), request.to())) {
            Map<String, Long> row = counts.computeIfAbsent(byFunder ? funderKey(loans.funder())
                    : keyOfSchool.apply(loans.uai()), k -> zeros(LOAN_COLUMNS));
            add(row, "devicesOnLoan", loans.onLoan());
            add(row, "laptopsOnLoan", loans.laptopsOnLoan());
            add(row, "tabletsOnLoan", loans.tabletsOnLoan());
            add(row, "donglesOnLoan", loans.donglesOnLoan());
            add(row, "headsetsOnLoan", loans.headsetsOnLoan());
            add(row, "agreementsActive", loans.agreementsActive());
            add(row, "lent", loans.lent());
            add(row, "returned", loans.returned());
            add(row, "overdue", loans.overdue());
        }
        for (ReportDao.PoolCounts pool : reports.pool(establishmentsIn(territory), territory.code(), request.types(),
                funder, groupByFunder, request.start(), request.until())) {
            Map<String, Long> row = counts.computeIfAbsent(byFunder ? funderKey(pool.funder())
                    : keyOfSchool.apply(pool.uai()), k -> zeros(LOAN_COLUMNS));
            add(row, "devicesInPool", pool.inPool());
            add(row, "inRepair", pool.inRepair());
            add(row, "lost", pool.lost());
        }
        Map<String, String> labels = switch (request.grouping()) {
            case ESTABLISHMENT -> establishmentLabels(reports, counts.keySet());
            case COMMUNE -> communeLabels(reports, counts.keySet());
            default -> funderLabels(counts.keySet());
        };
        Table table = table(request, LOAN_COLUMNS, counts, labels, LOAN_SUMS, true);
        List<String> columns = new ArrayList<>(table.columns());
        if (!byFunder) {
            // pupil counts are public figures: shown as they are; the rate hides with the count it rests on
            columns.addAll(List.of("pupils", "devicesOnLoanPer100Pupils"));
            for (Map<String, Object> row : table.rows()) {
                Long enrolled = pupils.get((String) row.get("key"));
                row.put("pupils", enrolled);
                row.put("devicesOnLoanPer100Pupils", per100((Long) row.get("devicesOnLoan"), enrolled));
            }
            long allPupils = pupils.values().stream().mapToLong(Long::longValue).sum();
            table.totals().put("pupils", pupils.isEmpty() ? null : allPupils);
            table.totals().put("devicesOnLoanPer100Pupils", per100((Long) table.totals().get("devicesOnLoan"),
                    pupils.isEmpty() ? null : allPupils));
        } else {
            PER_AGREEMENT.forEach(table.totals()::remove);
        }
        return output(request, columns, table.rows(), table.totals());
    }

    /** The fragility and connectivity reports: diagnosed households, by the family's commune or a grouping of it. */
    private ReportTable households(Handle handle, Request request, List<String> columns) {
        ReportDao reports = handle.attach(ReportDao.class);
        boolean bySchool = request.grouping() == Grouping.ESTABLISHMENT;
        List<ReportDao.HouseholdCounts> areas = households(reports, request, bySchool);
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Map<String, String> labels;
        if (request.grouping() == Grouping.CATCHMENT) {
            Map<String, String> catchments = catchmentKeys(reports, areas);
            for (ReportDao.HouseholdCounts area : areas) {
                Map<String, Long> row = counts.computeIfAbsent(catchments.get(area.area()), k -> zeros(columns));
                figures(area).forEach((column, count) -> {
                    if (row.containsKey(column)) {
                        add(row, column, count);
                    }
                });
            }
            labels = catchmentLabels(reports, counts.keySet());
        } else {
            for (ReportDao.HouseholdCounts area : areas) {
                Map<String, Long> figures = figures(area);
                Map<String, Long> row = zeros(columns);
                row.replaceAll((column, zero) -> figures.get(column));
                counts.put(area.area(), row);
            }
            labels = bySchool ? establishmentLabels(reports, counts.keySet()) : communeLabels(reports, counts.keySet());
        }
        // a household with pupils in two schools stands in both rows: those rows do not add up
        Table table = table(request, columns, counts, labels, Map.of(), !bySchool);
        return output(request, table.columns(), table.rows(), table.totals());
    }

    /** Headline indicators of the territory, one per row, then its white-zone households per catchment. */
    private ReportTable summary(Handle handle, Request request) {
        ReportDao reports = handle.attach(ReportDao.class);
        Territory territory = request.territory();
        List<ReportDao.HouseholdCounts> areas = households(reports, request, false);
        long diagnosed = 0;
        long eligible = 0;
        long equipped = 0;
        for (ReportDao.HouseholdCounts area : areas) {
            diagnosed += area.diagnosed();
            eligible += area.eligible();
            equipped += area.equipped();
        }
        long onLoan = reports.loans(establishmentsIn(territory), territory.code(), request.types(), "NULL", "",
                request.start(), request.until(), request.to()).stream().mapToLong(ReportDao.LoanCounts::onLoan).sum();
        List<ReportDao.School> schools = reports.schools(establishmentsIn(territory), territory.code(), request.types(),
                request.schoolYear());
        Long pupils = schools.stream().anyMatch(school -> school.pupils() != null)
                ? schools.stream().filter(school -> school.pupils() != null).mapToLong(ReportDao.School::pupils).sum()
                : null;

        List<Map<String, Object>> rows = new ArrayList<>();
        Long shownDiagnosed = suppression.primary(diagnosed);
        Long shownEligible = suppression.primary(eligible);
        Long shownEquipped = suppression.primary(equipped);
        Long shownOnLoan = suppression.primary(onLoan);
        rows.add(indicator("householdsDiagnosed", "Foyers diagnostiqués", shownDiagnosed));
        rows.add(indicator("householdsEligible", "Foyers éligibles", shownEligible));
        rows.add(indicator("eligibleShare", "Part des foyers diagnostiqués éligibles (%)", share(shownEligible, shownDiagnosed)));
        rows.add(indicator("householdsEquipped", "Foyers éligibles équipés (convention en cours)", shownEquipped));
        rows.add(indicator("equippedShare", "Part des foyers éligibles équipés (%)", share(shownEquipped, shownEligible)));
        rows.add(indicator("devicesOnLoan", "Appareils prêtés", shownOnLoan));
        rows.add(indicator("pupils", "Élèves des établissements couverts", pupils));
        rows.add(indicator("devicesOnLoanPer100Pupils", "Appareils prêtés pour 100 élèves", per100(shownOnLoan, pupils)));

        Map<String, String> catchments = catchmentKeys(reports, areas);
        Map<String, Long> whiteZone = new TreeMap<>();
        for (ReportDao.HouseholdCounts area : areas) {
            whiteZone.merge(catchments.get(area.area()), area.whiteZone(), Long::sum);
        }
        Map<String, String> labels = catchmentLabels(reports, whiteZone.keySet());
        whiteZone.forEach((catchment, count) -> rows.add(indicator("whiteZoneHouseholds:" + catchment,
                "Foyers en zone blanche, " + labels.get(catchment), suppression.primary(count))));
        return output(request, List.of("key", "label", "value"), rows, null);
    }

    private static Map<String, Object> indicator(String key, String label, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("label", label);
        row.put("value", value);
        return row;
    }

    private List<ReportDao.HouseholdCounts> households(ReportDao reports, Request request, boolean bySchool) {
        return reports.households(bySchool ? "p.uai" : "f.commune_insee",
                bySchool ? "JOIN pupils p ON p.family_id = f.id" : "", familiesIn(request.territory()),
                request.territory().code(), request.until());
    }

    private static Map<String, Long> figures(ReportDao.HouseholdCounts area) {
        Map<String, Long> figures = new HashMap<>();
        figures.put("diagnosed", area.diagnosed());
        figures.put("eligible", area.eligible());
        figures.put("equipped", area.equipped());
        figures.put("needsLaptop", area.needsLaptop());
        figures.put("needsDongle", area.needsDongle());
        figures.put("needsHeadset", area.needsHeadset());
        figures.put("alternativeAccess", area.alternativeAccess());
        figures.put("noConnection", area.noConnection());
        figures.put("mobileCapped", area.mobileCapped());
        figures.put("whiteZone", area.whiteZone());
        figures.put("lowFixedSpeed", area.lowFixedSpeed());
        return figures;
    }

    /** Rows with their counts hidden as they must be, in label order, and the totals when rows add up. */
    private record Table(List<String> columns, List<Map<String, Object>> rows, Map<String, Object> totals) {
    }

    private Table table(Request request, List<String> columns, Map<String, Map<String, Long>> counts,
                        Map<String, String> labels, Map<String, List<String>> sums, boolean additive) {
        List<String> keys = counts.keySet().stream()
                .sorted(Comparator.comparing((String key) -> labels.getOrDefault(key, key)).thenComparing(key -> key))
                .toList();
        Suppression.Table hidden = suppression.apply(columns, keys.stream().map(counts::get).toList(), sums);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", keys.get(i));
            row.put("label", labels.getOrDefault(keys.get(i), keys.get(i)));
            row.putAll(hidden.rows().get(i));
            rows.add(row);
        }
        List<String> all = new ArrayList<>(List.of("key", "label"));
        all.addAll(columns);
        return new Table(all, rows, additive ? new LinkedHashMap<>(hidden.totals()) : null);
    }

    private ReportTable output(Request request, List<String> columns, List<Map<String, Object>> rows,
                               Map<String, Object> totals) {
        return new ReportTable(request.report().parameter(), request.territory().value(),
                request.grouping() == null ? null : request.grouping().parameter(), request.from(), request.to(),
                clock.instant(), suppression.threshold(), List.copyOf(columns), rows, totals);
    }

    /** Each commune's catchment: its collège, {@code split:<INSEE>} when several share it, {@code none} outside the carte. */
    private static Map<String, String> catchmentKeys(ReportDao reports, List<ReportDao.HouseholdCounts> areas) {
        List<String> communes = areas.stream().map(ReportDao.HouseholdCounts::area).toList();
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
                    : serving.size() == 1 ? serving.iterator().next() : "split:" + commune);
        }
        return keys;
    }

    private static Map<String, String> catchmentLabels(ReportDao reports, Set<String> keys) {
        Map<String, String> colleges = establishmentLabels(reports, keys.stream()
                .filter(key -> !key.startsWith("split:") && !key.equals(NO_CATCHMENT)).toList());
        Map<String, String> communes = communeLabels(reports, keys.stream().filter(key -> key.startsWith("split:"))
                .map(key -> key.substring("split:".length())).toList());
        Map<String, String> labels = new HashMap<>();
        for (String key : keys) {
            labels.put(key, key.equals(NO_CATCHMENT) ? "Communes hors carte scolaire importée"
                    : key.startsWith("split:") ? "Secteur partagé : " + communes.get(key.substring("split:".length()))
                    : "Secteur du " + colleges.get(key));
        }
        return labels;
    }

    private static Map<String, String> establishmentLabels(ReportDao reports, Collection<String> keys) {
        return labels(keys, reports::establishmentNames);
    }

    private static Map<String, String> communeLabels(ReportDao reports, Collection<String> keys) {
        return labels(keys, reports::communeNames);
    }

    /** Each key's name as {@code names} finds it; a key without one is its own label. */
    private static Map<String, String> labels(Collection<String> keys,
                                              Function<Collection<String>, List<ReportDao.Name>> names) {
        Map<String, String> labels = new HashMap<>();
        if (!keys.isEmpty()) {
            names.apply(keys).forEach(name -> labels.put(name.key(), name.name()));
        }
        keys.forEach(key -> labels.putIfAbsent(key, key));
        return labels;
    }

    private static Map<String, String> funderLabels(Set<String> keys) {
        Map<String, String> labels = new HashMap<>();
        for (String key : keys) {
            if (key.equals(NO_FUNDER)) {
                labels.put(key, "Financeur non renseigné");
            } else {
                Territory funder = new Territory(key);
                labels.put(key, switch (funder.kind()) {
                    case "commune" -> "Commune " + funder.code();
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

    /** Establishments of the territory, in SQL: a fixed fragment per kind of territory, bound to {@code :code}. */
    static String establishmentsIn(Territory territory) {
        return switch (territory.kind()) {
            case "commune" -> "e.commune_insee = :code";
            case "departement" -> "e.departement = :code";
            default -> "e.region = :code";
        };
    }

    /**
     * Families living in the territory, by their commune: the département follows from the INSEE code
     * (as {@link Territory#departementOf}), so that a commune without a school still counts; a région
     * holds the départements the directory places in it.
     */
    static String familiesIn(Territory territory) {
        String departement = "CASE WHEN SUBSTR(f.commune_insee, 1, 2) = '97' THEN SUBSTR(f.commune_insee, 1, 3)"
                + " ELSE '0' || SUBSTR(f.commune_insee, 1, 2) END";
        return switch (territory.kind()) {
            case "commune" -> "f.commune_insee = :code";
            case "departement" -> departement + " = :code";
            default -> "(" + departement + " IN (SELECT c.departement FROM communes c WHERE c.region = :code)"
                    + " OR f.commune_insee IN (SELECT c.insee FROM communes c WHERE c.region = :code))";
        };
    }

    private static Map<String, Long> zeros(List<String> columns) {
        Map<String, Long> row = new LinkedHashMap<>();
        columns.forEach(column -> row.put(column, 0L));
        return row;
    }

    private static void add(Map<String, Long> row, String column, long count) {
        row.merge(column, count, Long::sum);
    }

    /** Per 100 pupils, to one decimal; unknown when the count is hidden or there are no pupils to divide by. */
    private static BigDecimal per100(Long count, Long pupils) {
        return count == null || pupils == null || pupils == 0 ? null
                : BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(pupils), 1, RoundingMode.HALF_UP);
    }

    /** A percentage to one decimal; unknown when either count is hidden or nothing to divide by. */
    private static BigDecimal share(Long part, Long whole) {
        return per100(part, whole);
    }
}
