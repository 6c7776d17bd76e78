package fr.ecole.lending.reports;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.EstablishmentType;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.QueryParams;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Collator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The collectivities' reports: figures of a territory, grouped, for a period, each perturbed by the
 * cell key method ({@link CellKey}) but the devices a funder paid for, which are its inventory.
 * Nothing personal ever reaches a row: keys and labels name establishments, communes, catchments and
 * funders only.
 */
public class ReportService {
    private static final List<String> LOAN_COLUMNS = List.of("devicesInPool", "devicesOnLoan", "laptopsOnLoan",
            "tabletsOnLoan", "donglesOnLoan", "headsetsOnLoan", "agreementsActive", "lent", "returned", "overdue", "lost",
            "inRepair");
    private static final List<String> FRAGILITY_COLUMNS = List.of("diagnosed", "eligible", "equipped", "needsLaptop",
            "needsDongle", "needsHeadset", "alternativeAccess");
    private static final List<String> CONNECTIVITY_COLUMNS = List.of("diagnosed", "noConnection", "mobileCapped",
            "whiteZone", "lowFixedSpeed");
    /**
     * The devices a funder paid for are its inventory, not personal data: their counts by state are
     * exact for that funder and for an administrator.
     */
    private static final Set<String> INVENTORY = Set.of("devicesInPool", "devicesOnLoan", "laptopsOnLoan",
            "tabletsOnLoan", "donglesOnLoan", "headsetsOnLoan", "inRepair", "lost");
    /** The version of the perturbation table the reports are made with (disclosure/perturbation-v1.csv). */
    static final int TABLE_VERSION = 1;
    /** An agreement lends devices of several funders: these columns do not add up across funders. */
    private static final Set<String> PER_AGREEMENT = Set.of("agreementsActive", "overdue");
    private static final String NO_FUNDER = "none";
    private static final String NO_CATCHMENT = "none";
    private static final String SPLIT = "split:";

    private final Database database;
    private final Audit audit;
    private final CellKey cellKey;
    private final Clock clock;

    public ReportService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.cellKey = new CellKey(PerturbationTable.version(TABLE_VERSION));
        this.clock = clock;
    }

    /**
     * A report asked for, checked: its territory, grouping, period, establishment types, the caller's
     * funds ({@code ownFunder}, to add its devices elsewhere in the territory when grouped by funder;
     * {@code inventoryOf}, whose devices are counted exactly: the caller's collectivity, {@code *} for
     * an administrator) and whether plain counts were asked for.
     */
    private record Request(Report report, Territory territory, Grouping grouping, LocalDate from, LocalDate to,
                           List<String> types, String ownFunder, String inventoryOf, boolean raw) {

        Instant start() {
            return from.atStartOfDay(SchoolCalendar.ZONE).toInstant();
        }

        /** Stocks are taken at the end of {@code to}. */
        Instant until() {
            return to.plusDays(1).atStartOfDay(SchoolCalendar.ZONE).toInstant();
        }

        /** The same territory and period, as another report (the summary's parts; no funder's own devices). */
        Request as(Report other, Grouping by) {
            return new Request(other, territory, by, from, to, types, "", inventoryOf, raw);
        }

        /** Whether the devices of {@code funder} are counted exactly for the caller. */
        boolean exact(String funder) {
            return "*".equals(inventoryOf) || inventoryOf != null && inventoryOf.equals(funder);
        }
    }

    /**
     * The report {@code name}; {@code raw} asks for plain counts, which only an administrator gets
     * (403 for anyone else), and which the audit log records.
     */
    public ReportTable report(User caller, String name, String territoryText, String groupBy, String fromText,
                              String toText, String typesText, boolean raw) {
        Report report = Report.named(name);
        Scope scope = Scope.of(caller);
        if (raw && !scope.isAdmin()) {
            throw new ApiException(403, "raw_refused", "Les chiffres bruts sont réservés à l'administrateur : les "
                    + "rapports des collectivités sont protégés par la méthode des clés de cellule.", "raw");
        }
        Territory territory = territoryText == null || territoryText.isBlank() ? scope.collectivityTerritory()
                : Territory.parse(territoryText, "territory");
        if (territory == null) {
            throw ApiException.invalid("missing_value", "territory", "Indiquez le territoire du rapport : "
                    + "territory=commune:<code INSEE>, departement:<code, ex. 035> ou region:<code, ex. 53>.");
        }
        Grouping grouping = report.grouping(groupBy);
        LocalDate today = SchoolCalendar.today(clock);
        LocalDate askedTo = QueryParams.date(toText, "to");
        if (askedTo != null && askedTo.isAfter(today)) {
            throw ApiException.invalid("invalid_period", "to", "Un rapport s'arrête au plus tard aujourd'hui (" + today
                    + ") : les stocks d'un jour à venir ne sont pas connus.");
        }
        LocalDate to = askedTo == null ? today : askedTo;
        LocalDate askedFrom = QueryParams.date(fromText, "from");
        // by default, the school year so far: what a collectivity's yearly figures cover
        LocalDate from = askedFrom != null ? askedFrom : SchoolCalendar.schoolYearStart(to);
        if (from.isAfter(to)) {
            throw ApiException.invalid("invalid_period", "from", "La période commence (" + from + ") après sa fin ("
                    + to + ").");
        }
        List<String> types = types(report, scope, territory, typesText);
        // what a collectivity paid for shows by funder wherever it is in its territory
        Territory own = scope.collectivityTerritory();
        String ownFunder = grouping == Grouping.FUNDER && own != null ? own.value() : "";
        String inventoryOf = scope.isAdmin() ? "*" : own == null ? null : own.value();
        ReportTable table = database.read(handle -> {
            CommuneDao communes = Daos.on(handle, CommuneDao.class);
            scope.requireReportTerritory(territory, communes);
            if (!communes.exists(territory.kind(), territory.code(), Territory.departementOf(territory.code()))) {
                throw ApiException.notFound("unknown_territory", "territory", "Le territoire « " + territory
                        + " » n'est pas connu : importez l'annuaire des établissements, ou vérifiez le code.");
            }
            Request request = new Request(report, territory, grouping, from, to, types, ownFunder, inventoryOf, raw);
            ReportDao reports = Daos.on(handle, ReportDao.class);
            return switch (report) {
                case LOANS -> loansReport(reports, request).table();
                case FRAGILITY -> households(reports, request, FRAGILITY_COLUMNS);
                case CONNECTIVITY -> households(reports, request, CONNECTIVITY_COLUMNS);
                case SUMMARY -> summary(reports, request);
            };
        });
        if (raw) {
            database.write(handle -> {
                audit.record(handle, caller, "READ_RAW", Audit.Entity.REPORT, report.parameter(), Map.of(
                        "territory", territory.value(), "groupBy", grouping == null ? "" : grouping.parameter(),
                        "from", from.toString(), "to", to.toString()));
                return null;
            });
        }
        return table;
    }

    /**
     * The establishments a loans report covers: those of the territory's own competence (a commune its
     * écoles, a département its collèges, a région its lycées); an administrator may name others.
     */
    private static List<String> types(Report report, Scope scope, Territory territory, String text) {
        Territory own = scope.collectivityTerritory();
        EstablishmentType competence = own == null ? territory.competence() : own.competence();
        if (text == null || text.isBlank()) {
            return List.of(competence.name());
        }
        if (report != Report.LOANS && report != Report.SUMMARY) {
            throw ApiException.invalid("invalid_value", "types", "« types » ne s'applique qu'aux rapports loans et "
                    + "summary : les foyers comptent par leur commune.");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : text.split(",")) {
            EstablishmentType parsed = QueryParams.enumValue(EstablishmentType.class, type, "types");
            if (parsed != null) {
                types.add(parsed.name());
            }
        }
        if (types.isEmpty()) {
            return List.of(competence.name());
        }
        if (!scope.isAdmin() && !types.equals(Set.of(competence.name()))) {
            throw new ApiException(403, "outside_competence", "Vos rapports couvrent les établissements de type "
                    + competence + ", ceux dont votre collectivité a la charge.", "types");
        }
        return List.copyOf(types);
    }

    /** A loans report, shown, and what the summary takes from it. */
    private record Loans(ReportTable table, Long onLoan, Long pupils, BigDecimal per100Pupils) {
    }

    /**
     * Loans: the cells are an establishment's loans and devices of one funder, and its agreements (per
     * funder when rows are); rows add them up per establishment, commune or funder. Each figure's key
     * comes from its own records alone: a stock must not draw new noise when only the period's start
     * moves.
     */
    private Loans loansReport(ReportDao reports, Request request) {
        Territory territory = request.territory();
        boolean byFunder = request.grouping() == Grouping.FUNDER;
        List<ReportDao.School> schools = reports.schools(establishmentsIn(territory), territory.code(), request.types(),
                SchoolCalendar.schoolYear(request.to()));
        Map<String, ReportDao.School> schoolByUai = new HashMap<>();
        schools.forEach(school -> schoolByUai.put(school.uai(), school));
        Function<String, String> rowOfSchool = uai -> request.grouping() == Grouping.COMMUNE
                ? schoolByUai.get(uai).communeInsee() : uai;

        Set<String> rows = new LinkedHashSet<>();
        if (!byFunder) {
            // every establishment covered has its row, those that lend nothing too
            schools.forEach(school -> rows.add(rowOfSchool.apply(school.uai())));
        }
        List<CellKey.Cell> cells = new ArrayList<>();
        // the devices on loan of the schools with a pupil count, for the rate per 100 pupils
        List<CellKey.Cell> counted = new ArrayList<>();
        for (ReportDao.Counts loans : reports.loans(establishmentsIn(territory), territory.code(), request.types(),
                request.ownFunder(), request.start(), request.until(), request.to())) {
            String row = byFunder ? funderKey(loans.part()) : rowOfSchool.apply(loans.place());
            rows.add(row);
            Map<String, Long> counts = new HashMap<>(loans.counts());
            if (!byFunder) {
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
        if (!byFunder) {
            for (ReportDao.Counts agreements : reports.agreements(establishmentsIn(territory), territory.code(),
                    request.types(), request.until(), request.to())) {
                String row = rowOfSchool.apply(agreements.place());
                rows.add(row);
                cells.add(new CellKey.Cell(row, agreements.counts(), agreements.keys(), 0));
            }
        }
        for (ReportDao.Counts pool : reports.pool(establishmentsIn(territory), territory.code(), request.types(),
                request.ownFunder(), request.start(), request.until())) {
            String row = byFunder ? funderKey(pool.part()) : rowOfSchool.apply(pool.place());
            rows.add(row);
            cells.add(new CellKey.Cell(row, pool.counts(), pool.keys(), 0, exact(request, pool.part())));
        }
        Map<String, String> labels = switch (request.grouping()) {
            case ESTABLISHMENT -> establishmentLabels(reports, rows);
            case COMMUNE -> communeLabels(reports, rows);
            default -> funderLabels(reports, rows);
        };
        List<String> ordered = ordered(rows, labels);
        CellKey.Shown shown = cellKey.apply(LOAN_COLUMNS, ordered, cells, request.raw());
        List<Map<String, Object>> out = rows(ordered, labels, shown.rows());
        Map<String, Object> totals = new LinkedHashMap<>(shown.totals());
        List<String> columns = new ArrayList<>(LOAN_COLUMNS);
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
            CellKey.Shown rated = cellKey.apply(List.of("devicesOnLoan"), ordered, counted, request.raw());
            for (Map<String, Object> row : out) {
                String key = (String) row.get("key");
                row.put("pupils", pupils.get(key));
                row.put("devicesOnLoanPer100Pupils", per100(rated.rows().get(key).get("devicesOnLoan"), pupils.get(key)));
            }
            allPupils = pupils.isEmpty() ? null : pupils.values().stream().mapToLong(Long::longValue).sum();
            allRate = per100(rated.totals().get("devicesOnLoan"), allPupils);
            totals.put("pupils", allPupils);
            totals.put("devicesOnLoanPer100Pupils", allRate);
        } else {
            // an agreement lends devices of several funders: its count does not add up across them
            PER_AGREEMENT.forEach(totals::remove);
        }
        return new Loans(output(request, columns, out, totals), shown.totals().get("devicesOnLoan"), allPupils, allRate);
    }

    /** The inventory figures of a group of devices of {@code funder}, when the caller reads them exactly. */
    private static Set<String> exact(Request request, String funder) {
        return request.exact(funder) ? INVENTORY : Set.of();
    }

    /**
     * Fragility and connectivity: the cells are the households of one commune whose pupils attend the
     * same schools; rows add them up per commune, catchment or school (a household with pupils in two
     * schools stands in both rows, which then have no totals).
     */
    private ReportTable households(ReportDao reports, Request request, List<String> columns) {
        return households(reports, request, columns, households(reports, request));
    }

    /** The household report of {@code groups}, read once: the summary makes two reports of them. */
    private ReportTable households(ReportDao reports, Request request, List<String> columns,
                                   List<ReportDao.Counts> groups) {
        Map<String, String> catchments = request.grouping() == Grouping.CATCHMENT ? catchmentKeys(reports, groups) : Map.of();
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
            case ESTABLISHMENT -> establishmentLabels(reports, rows);
            case CATCHMENT -> catchmentLabels(reports, rows);
            default -> communeLabels(reports, rows);
        };
        List<String> ordered = ordered(rows, labels);
        CellKey.Shown shown = cellKey.apply(columns, ordered, cells, request.raw());
        // a household with pupils in two schools stands in both rows: those rows do not add up
        return output(request, columns, rows(ordered, labels, shown.rows()),
                request.grouping() == Grouping.ESTABLISHMENT ? null : new LinkedHashMap<>(shown.totals()));
    }

    /**
     * Headline figures of the territory, each the total of the report it comes from (hidden when that
     * total is), then its white-zone households per catchment as the connectivity report shows them.
     */
    private ReportTable summary(ReportDao reports, Request request) {
        List<ReportDao.Counts> groups = households(reports, request);
        Map<String, Object> fragility = households(reports, request.as(Report.FRAGILITY, Grouping.COMMUNE),
                FRAGILITY_COLUMNS, groups).totals();
        Loans loans = loansReport(reports, request.as(Report.LOANS, Grouping.ESTABLISHMENT));
        ReportTable whiteZones = households(reports, request.as(Report.CONNECTIVITY, Grouping.CATCHMENT),
                CONNECTIVITY_COLUMNS, groups);

        Long diagnosed = (Long) fragility.get("diagnosed");
        Long eligible = (Long) fragility.get("eligible");
        Long equipped = (Long) fragility.get("equipped");
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(indicator("householdsDiagnosed", "Foyers diagnostiqués", diagnosed));
        rows.add(indicator("householdsEligible", "Foyers éligibles", eligible));
        rows.add(indicator("eligibleShare", "Part des foyers diagnostiqués éligibles (%)", per100(eligible, diagnosed)));
        rows.add(indicator("householdsEquipped", "Foyers éligibles équipés (convention en cours)", equipped));
        rows.add(indicator("equippedShare", "Part des foyers éligibles équipés (%)", per100(equipped, eligible)));
        rows.add(indicator("devicesOnLoan", "Appareils prêtés", loans.onLoan()));
        rows.add(indicator("pupils", "Élèves des établissements couverts (ayant un effectif connu)", loans.pupils()));
        rows.add(indicator("devicesOnLoanPer100Pupils", "Appareils prêtés pour 100 élèves", loans.per100Pupils()));
        for (Map<String, Object> catchment : whiteZones.rows()) {
            rows.add(indicator("whiteZoneHouseholds:" + catchment.get("key"), "Foyers en zone blanche, "
                    + catchment.get("label"), catchment.get("whiteZone")));
        }
        return output(request, List.of("key", "label", "value"), rows, null);
    }

    private static Map<String, Object> indicator(String key, String label, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("label", label);
        row.put("value", value);
        return row;
    }

    private static List<ReportDao.Counts> households(ReportDao reports, Request request) {
        Territory territory = request.territory();
        String departement = "departement".equals(territory.kind()) ? inseePrefix(territory.code()) : "";
        return reports.households(familiesIn(territory), territory.code(), departement,
                departement.isEmpty() ? "" : next(departement), request.until());
    }

    /** Rows in the order of their labels, as a French reader sorts them (É with E), then by key. */
    private static List<String> ordered(Set<String> rows, Map<String, String> labels) {
        Collator french = Collator.getInstance(Locale.FRENCH);
        return rows.stream().sorted(Comparator.comparing((String key) -> labels.get(key), french)
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    private static List<Map<String, Object>> rows(List<String> ordered, Map<String, String> labels,
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

    private ReportTable output(Request request, List<String> columns, List<Map<String, Object>> rows,
                               Map<String, Object> totals) {
        List<String> all = new ArrayList<>(columns);
        if (!all.contains("key")) {
            all.addAll(0, List.of("key", "label"));
        }
        return new ReportTable(request.report().parameter(), request.territory().value(),
                request.grouping() == null ? null : request.grouping().parameter(), request.from(), request.to(),
                clock.instant(), request.raw() ? Disclosure.raw() : Disclosure.cellKey(cellKey.table()), List.copyOf(all),
                rows, totals);
    }

    /** Each commune's catchment: its collège, {@code split:<INSEE>} when several share it, {@code none} outside the carte. */
    private static Map<String, String> catchmentKeys(ReportDao reports, List<ReportDao.Counts> groups) {
        Set<String> communes = new TreeSet<>();
        groups.forEach(group -> communes.add(group.place()));
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

    private static Map<String, String> catchmentLabels(ReportDao reports, Set<String> keys) {
        Map<String, String> colleges = establishmentLabels(reports, keys.stream()
                .filter(key -> !key.startsWith(SPLIT) && !key.equals(NO_CATCHMENT)).toList());
        Map<String, String> communes = communeLabels(reports, keys.stream().filter(key -> key.startsWith(SPLIT))
                .map(key -> key.substring(SPLIT.length())).toList());
        Map<String, String> labels = new HashMap<>();
        for (String key : keys) {
            labels.put(key, key.equals(NO_CATCHMENT) ? "Communes hors carte scolaire importée"
                    : key.startsWith(SPLIT) ? "Secteur partagé : " + communes.get(key.substring(SPLIT.length()))
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

    private static Map<String, String> funderLabels(ReportDao reports, Set<String> keys) {
        List<String> communes = keys.stream().filter(key -> key.startsWith("commune:"))
                .map(key -> key.substring("commune:".length())).toList();
        Map<String, String> communeNames = communeLabels(reports, communes);
        Map<String, String> labels = new HashMap<>();
        for (String key : keys) {
            if (key.equals(NO_FUNDER)) {
                labels.put(key, "Financeur non renseigné");
            } else {
                Territory funder = new Territory(key);
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

    /** Establishments of the territory, in SQL: a fixed fragment per kind of territory, bound to {@code :code}. */
    private static String establishmentsIn(Territory territory) {
        return switch (territory.kind()) {
            case "commune" -> "e.commune_insee = :code";
            case "departement" -> "e.departement = :code";
            default -> "e.region = :code";
        };
    }

    /**
     * Families living in the territory, by their commune: the département follows from the INSEE code
     * (as {@link Territory#departementOf}: the codes from {@code :low} up to {@code :high}), so that a
     * commune without a school still counts; a région holds the départements the directory places in it
     * (their codes start the INSEE codes: 035 → 35, 02A → 2A, 974 → 974).
     */
    private static String familiesIn(Territory territory) {
        return switch (territory.kind()) {
            case "commune" -> "f.commune_insee = :code";
            case "departement" -> "f.commune_insee >= :low AND f.commune_insee < :high";
            default -> "(SUBSTR(f.commune_insee, 1, 2) IN (SELECT SUBSTR(c.departement, 2) FROM communes c"
                    + " WHERE c.region = :code AND c.departement LIKE '0%')"
                    + " OR SUBSTR(f.commune_insee, 1, 3) IN (SELECT c.departement FROM communes c"
                    + " WHERE c.region = :code AND c.departement NOT LIKE '0%'))";
        };
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

    /** Per 100, to two decimals; unknown when the count is hidden or there is nothing to divide by. */
    private static BigDecimal per100(Long count, Long whole) {
        return count == null || whole == null || whole == 0 ? null
                : BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
