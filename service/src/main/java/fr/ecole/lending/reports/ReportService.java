package fr.ecole.lending.reports;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.EstablishmentType;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.QueryParams;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The collectivities' reports: figures of a territory, grouped, for a period, each perturbed by the
 * cell key method ({@link CellKey}) but the devices a funder paid for, which are its inventory.
 * Nothing personal ever reaches a row: keys and labels name establishments, communes, catchments and
 * funders only.
 */
public class ReportService {
    /** The version of the perturbation table the reports are made with (disclosure/perturbation-v1.csv). */
    static final int TABLE_VERSION = 1;

    private final Database database;
    private final Audit audit;
    private final Clock clock;
    private final LoansReport loans;
    private final HouseholdReports households;
    private final SummaryReport summary;
    private final SurveyReport survey;

    public ReportService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        ReportTables tables = new ReportTables(new CellKey(PerturbationTable.version(TABLE_VERSION)), clock);
        this.loans = new LoansReport(tables);
        this.households = new HouseholdReports(tables, database.engine());
        this.summary = new SummaryReport(tables, households, loans);
        this.survey = new SurveyReport(tables);
    }

    /**
     * Each commune's key in the catchment grouping of the household reports: its collège's UAI,
     * {@code split:<INSEE>} when several collèges share it, {@code none} outside the carte scolaire.
     * The carte scolaire is public: no household is read.
     */
    public Map<String, String> catchmentOf(Collection<String> communes) {
        return database.read(handle -> HouseholdReports.catchmentKeys(Daos.on(handle, ReportDao.class),
                new TreeSet<>(communes)));
    }

    /** The name of the académie {@code territory} is, as the directory gives it (Rennes); null for any other territory. */
    public String academieName(String territory) {
        Territory read = Territory.parse(territory);
        return !read.isAcademie() ? null : database.read(handle -> Daos.on(handle, CommuneDao.class)
                .academieName(read.code()).orElse(null));
    }

    /**
     * The report {@code name}; {@code raw} asks for plain counts, which only an administrator gets
     * (403 for anyone else), and which the audit log records.
     */
    public ReportTable report(User caller, String name, String territoryText, String groupBy, String fromText,
                              String toText, String typesText, boolean raw) {
        return report(caller, name, territoryText, groupBy, fromText, toText, typesText, null, raw);
    }

    /** The same, with {@code schoolYearText}: the survey's school year (its starting year), the current one by default. */
    public ReportTable report(User caller, String name, String territoryText, String groupBy, String fromText,
                              String toText, String typesText, String schoolYearText, boolean raw) {
        Report report = Report.named(name);
        Scope scope = Scope.of(caller);
        String onlyFunder = scope.funderReference();
        if (onlyFunder != null && report != Report.LOANS) {
            throw new ApiException(403, "forbidden", "Un financeur lit le rapport loans des appareils qu'il a payés : "
                    + "les autres rapports parlent des foyers et des territoires.", "name");
        }
        if (raw && !scope.isAdmin()) {
            throw new ApiException(403, "raw_refused", "Les chiffres bruts sont réservés à l'administrateur : les "
                    + "rapports des collectivités sont protégés par la méthode des clés de cellule.", "raw");
        }
        Territory territory = territoryText == null || territoryText.isBlank() ? scope.reportTerritory()
                : Territory.parse(territoryText, "territory");
        // a funder's devices, wherever they are, unless it names a territory
        if (territory == null && onlyFunder == null) {
            throw ApiException.invalid("missing_value", "territory", "Indiquez le territoire du rapport : "
                    + "territory=commune:<code INSEE>, departement:<code, ex. 035>, region:<code, ex. 53> ou academie:<code, ex. 14>.");
        }
        Grouping grouping = report.grouping(groupBy);
        LocalDate today = SchoolCalendar.today(clock);
        LocalDate askedTo = QueryParams.date(toText, "to");
        if (askedTo != null && askedTo.isAfter(today)) {
            throw ApiException.invalid("invalid_period", "to", "Un rapport s'arrête au plus tard aujourd'hui (" + today
                    + ") : les stocks d'un jour à venir ne sont pas connus.");
        }
        LocalDate askedFrom = QueryParams.date(fromText, "from");
        int schoolYear = SurveyPeriod.schoolYear(report, schoolYearText, askedFrom, askedTo, today);
        LocalDate to = report == Report.SURVEY ? SurveyPeriod.end(schoolYear, today) : askedTo == null ? today : askedTo;
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
        String inventoryOf = scope.isAdmin() ? "*" : onlyFunder != null ? onlyFunder : own == null ? null : own.value();
        ReportTable table = database.read(handle -> {
            if (database.engine() == Engine.POSTGRESQL) {
                // a report's queries run once, over a territory: compiling them (JIT, on by default past a
                // plan's cost of 100,000) took a third of their time in the benchmark and saved none of it
                handle.execute("SET LOCAL jit = off");
                // the région's loans and households, grouped in memory rather than on disk (4 MB by default)
                handle.execute("SET LOCAL work_mem = '32MB'");
            }
            CommuneDao communes = Daos.on(handle, CommuneDao.class);
            if (territory != null) {
                requireKnown(scope, territory, communes);
            }
            ReportRequest request = new ReportRequest(report, territory, grouping, from, to, types, ownFunder,
                    onlyFunder == null ? "" : onlyFunder, inventoryOf, raw);
            ReportDao reports = Daos.on(handle, ReportDao.class);
            return switch (report) {
                case LOANS -> loans.make(reports, Daos.on(handle, FunderReportDao.class), request).table();
                case FRAGILITY -> households.make(reports, request, HouseholdReports.FRAGILITY_COLUMNS);
                case CONNECTIVITY -> households.make(reports, request, HouseholdReports.CONNECTIVITY_COLUMNS);
                case REFERRALS -> households.table(reports, request, HouseholdReports.REFERRAL_COLUMNS,
                        HouseholdReports.referralGroups(Daos.on(handle, ReferralReportDao.class), request));
                case SUMMARY -> summary.make(reports, request);
                case SURVEY -> survey.make(Daos.on(handle, SurveyReportDao.class), reports, request, schoolYear);
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

    /** The caller may read the territory (403 otherwise), and the directory knows it (404 otherwise). */
    private static void requireKnown(Scope scope, Territory territory, CommuneDao communes) {
        scope.requireReportTerritory(territory, communes);
        if (!communes.exists(territory.kind(), territory.code(), Territory.departementOf(territory.code()))) {
            throw ApiException.notFound("unknown_territory", "territory", "Le territoire « " + territory
                    + " » n'est pas connu : importez l'annuaire des établissements, ou vérifiez le code.");
        }
    }

    /**
     * The establishments a loans report covers: those of the caller's own competence (a commune its
     * écoles, a département its collèges, a région its lycées, an académie every school), or for an
     * administrator the territory's; an administrator may name others. A funder's devices count in every
     * school, unless it names some types.
     */
    private static List<String> types(Report report, Scope scope, Territory territory, String text) {
        boolean funder = scope.funderReference() != null;
        Territory own = scope.reportTerritory();
        List<String> competence = funder ? Arrays.stream(EstablishmentType.values()).map(Enum::name).toList()
                : (own == null ? territory : own).schools().stream().map(Enum::name).toList();
        if (text == null || text.isBlank()) {
            return competence;
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
            return competence;
        }
        if (!scope.isAdmin() && !funder && !types.equals(new LinkedHashSet<>(competence))) {
            throw new ApiException(403, "outside_competence", "Vos rapports couvrent les établissements de type "
                    + String.join(", ", competence) + (own.isAcademie() ? ", tous ceux de votre académie."
                    : ", ceux dont votre collectivité a la charge."), "types");
        }
        return List.copyOf(types);
    }
}
