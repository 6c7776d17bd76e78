package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.establishments.PriorityEducation;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.geography.CommuneCode;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.imports.CsvTable.Rejection;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.imports.Rejections;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Diagnostics of households' equipment and connection, and the eligibility decisions made from them
 * under the common criteria; the reference 4G coverage of communes; the waiting list of each school.
 */
public class DiagnosticService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESTRICTED = "Critère restreint.";

    private final Database database;
    private final FamilyService families;
    private final Criteria criteria;
    /** Every version the service knows, so that old diagnostics are read under their own. */
    private final Map<String, Criteria> versions = new LinkedHashMap<>();
    private final Audit audit;
    private final Clock clock;

    public DiagnosticService(Database database, FamilyService families, Criteria criteria, Audit audit, Clock clock) {
        this.database = database;
        this.families = families;
        this.criteria = criteria;
        Criteria builtIn = Criteria.builtIn();
        versions.put(builtIn.version(), builtIn);
        versions.put(criteria.version(), criteria);
        this.audit = audit;
        this.clock = clock;
    }

    public Criteria criteria() {
        return criteria;
    }

    /** A diagnostic of the family, decided under the current criteria and kept as decided. */
    public DiagnosticView record(User actor, long familyId, NewDiagnostic request) {
        Answers answers = Answers.check(criteria, Check.body(request).answers());
        Instant now = clock.instant();
        LocalDate today = SchoolCalendar.today(clock);
        long id = database.write(handle -> {
            FamilyDao families = Daos.on(handle, FamilyDao.class);
            FamilyDao.FamilyRow family = FamilyService.findToChange(handle, Scope.of(actor), familyId, "id");
            PriorityEducation school = highestPriority(handle, FamilyService.schoolsOf(families, familyId));
            DiagnosticDao diagnostics = Daos.on(handle, DiagnosticDao.class);
            String coverage = diagnostics.coverageOf(family.communeInsee()).orElse(null);
            Decision decision = EligibilityDecider.decide(criteria, answers, school, coverage);
            Decision.Household household = decision.household();
            long diagnosticId = diagnostics.insert(new DiagnosticDao.NewRow(familyId, criteria.version(),
                    answers.toJson(criteria, false).toString(), decision.needs(Decision.Need.LAPTOP),
                    decision.needs(Decision.Need.DONGLE_4G), decision.needs(Decision.Need.HEADSET),
                    decision.needs(Decision.Need.ALTERNATIVE_ACCESS), decision.whiteZone(),
                    decision.connectivity().noConnection(), decision.connectivity().mobileCapped(),
                    decision.connectivity().lowFixedSpeed(), decision.eligible(),
                    (int) Math.round(decision.priority() * 100), json(decision.reasons()), actor.id(), now,
                    criteria.expiryOf(today), household.smartphoneOnly(), household.sharedDevice(),
                    household.parentsWithoutAutonomy(), household.otherLanguage(), household.adaptedEquipment()));
            audit.record(handle, actor, "CREATE", Audit.Entity.DIAGNOSTIC, diagnosticId, Map.of("familyId", familyId,
                    "criteriaVersion", criteria.version(), "eligible", decision.eligible()));
            return diagnosticId;
        });
        return read(actor, familyId, id);
    }

    /** The family's diagnostics, oldest first. */
    public Page<DiagnosticView> history(User actor, long familyId, PageRequest page) {
        Page<DiagnosticView> history = database.read(handle -> {
            FamilyService.find(handle, Scope.of(actor), familyId, "id");
            List<DiagnosticView> views = Daos.on(handle, DiagnosticDao.class)
                    .ofFamily(familyId, page.after(), page.fetch()).stream().map(row -> view(actor, row)).toList();
            return Page.of(views, page, DiagnosticView::key);
        });
        // on record once shown: a family unknown or out of reach has answered 404 above
        families.auditReading(actor, List.of(familyId), "diagnostics");
        return history;
    }

    /** Every diagnostic of the family, oldest first, as {@code viewer} may read them; inside another transaction. */
    public List<DiagnosticView> allOf(Handle handle, User viewer, long familyId) {
        return Daos.on(handle, DiagnosticDao.class).ofFamily(familyId, 0, Integer.MAX_VALUE).stream()
                .map(row -> view(viewer, row)).toList();
    }

    public DiagnosticView get(User actor, long familyId, long diagnosticId) {
        DiagnosticView diagnostic = read(actor, familyId, diagnosticId);
        families.auditReading(actor, List.of(familyId), "diagnostic " + diagnosticId);
        return diagnostic;
    }

    private DiagnosticView read(User actor, long familyId, long diagnosticId) {
        return database.read(handle -> {
            FamilyService.find(handle, Scope.of(actor), familyId, "id");
            return Daos.on(handle, DiagnosticDao.class).find(diagnosticId)
                    .filter(row -> row.familyId() == familyId)
                    .map(row -> view(actor, row))
                    .orElseThrow(() -> ApiException.notFound("unknown_diagnostic", "diagnosticId",
                            "Aucun diagnostic n'a le numéro " + diagnosticId + " pour cette famille."));
        });
    }

    /** The decision for answers given without recording them: nothing is stored. */
    public DiagnosticView check(EligibilityCheck request) {
        Check.body(request);
        Answers answers = Answers.check(criteria, request.answers());
        Uai uai = Uai.parse(Check.required(request.uai(), "uai", 8), "uai");
        String commune = null;
        if (request.communeInsee() != null) {
            try {
                commune = CommuneCode.parse(request.communeInsee()).value();
            } catch (ApiException e) {
                throw e.at("communeInsee");
            }
        }
        String communeInsee = commune;
        LocalDate today = SchoolCalendar.today(clock);
        return database.read(handle -> {
            Establishment school = EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            String coverage = communeInsee == null ? null
                    : Daos.on(handle, DiagnosticDao.class).coverageOf(communeInsee).orElse(null);
            Decision decision = EligibilityDecider.decide(criteria, answers, school.priorityEducation(), coverage);
            return new DiagnosticView(null, null, criteria.version(), answers.toJson(criteria, false), decision.needs(),
                    decision.whiteZone(), decision.connectivity(), decision.eligible(), decision.priority(), decision.reasons(),
                    criteria.expiryOf(today), null, null, null);
        });
    }

    /** Eligible households of the establishment without an active agreement, first to be served first. */
    public Page<WaitingFamily> waitingList(User actor, Uai uai, PageRequest page) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        LocalDate today = SchoolCalendar.today(clock);
        return database.read(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            return ranked(Daos.on(handle, DiagnosticDao.class).waitingList(uai, today, page.fetch(), page.after()), page);
        });
    }

    /**
     * Eligible households of the social worker's territory without an active agreement (all of them for
     * an administrator), first to be served first: the waiting list of {@link #waitingList} across schools.
     */
    public Page<WaitingFamily> territoryWaitingList(User actor, PageRequest page) {
        Scope scope = Scope.of(actor);
        Territory territory = scope.socialWorkerTerritory();
        if (territory == null && !scope.isAdmin()) {
            throw new ApiException(403, "outside_scope", "La liste d'attente d'un territoire est celle des travailleurs "
                    + "sociaux qui y travaillent.", null);
        }
        LocalDate today = SchoolCalendar.today(clock);
        Page<WaitingFamily> waiting = database.read(handle -> ranked(Daos.on(handle, DiagnosticDao.class)
                .territoryWaitingList(territory == null ? null : territory.kind(), territory == null ? null : territory.code(),
                        today, page.fetch(), page.after()), page));
        // the list names households: a social worker's reading of it is audited, as a search is
        families.auditReading(actor, waiting.items().stream().map(WaitingFamily::familyId).toList(), "waiting-list");
        return waiting;
    }

    private static Page<WaitingFamily> ranked(List<DiagnosticDao.WaitingRow> rows, PageRequest page) {
        List<WaitingFamily> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            DiagnosticDao.WaitingRow row = rows.get(i);
            out.add(new WaitingFamily((int) page.after() + i + 1, row.familyId(), row.guardianName(),
                    row.diagnosticId(), row.priorityHundredths() / 100.0,
                    needs(row.needLaptop(), row.needDongle(), row.needHeadset(), false), row.requestedAt(),
                    row.expires()));
        }
        return Page.of(out, page, WaitingFamily::position);
    }

    /** What an import of communes' 4G coverage did. */
    /** What a coverage import did; the refused lines are counted, and the first ones listed. */
    public record CoverageImport(int saved, int rejectedCount, List<Rejection> rejected) {
    }

    /**
     * Imports the reference 4G coverage of communes: a {@code ;}-separated CSV with columns
     * {@code code_insee} and {@code niveau_4g} (NONE, LIMITED, GOOD, VERY_GOOD, or the regulator's
     * French words); a commune imported again takes its new level.
     */
    public CoverageImport importCoverage(User actor, InputStream csv) {
        return importCoverage(actor, csv, false);
    }

    /** As {@link #importCoverage(User, InputStream)}; {@code whole}: a refused line refuses the file, and nothing is written. */
    public CoverageImport importCoverage(User actor, InputStream csv, boolean whole) {
        Map<String, DiagnosticDao.CommuneCoverage> rows = new LinkedHashMap<>();
        Rejections rejected = new Rejections(Rejections.NATIONAL_FILE_LISTED);
        CsvTable.read(csv, List.of("code_insee", "niveau_4g"), (row, width) -> {
            String insee = row.get("code_insee");
            String level = coverageLevel(row.get("niveau_4g"));
            if (!CommuneCode.isValid(insee)) {
                rejected.add(row.line(), "invalid_commune", "Le code commune « " + insee
                        + " » n'est pas un code INSEE valide.");
            } else if (level == null) {
                rejected.add(row.line(), "invalid_value", "Le niveau « " + row.get("niveau_4g")
                        + " » est inconnu (NONE, LIMITED, GOOD, VERY_GOOD).");
            } else {
                rows.put(insee, new DiagnosticDao.CommuneCoverage(insee, level));
            }
        });
        if (whole && rejected.count() > 0) {
            return new CoverageImport(0, rejected.count(), rejected.first());
        }
        return database.write(handle -> {
            Daos.on(handle, DiagnosticDao.class).saveCoverage(rows.values(), clock.instant());
            audit.record(handle, actor, "IMPORT", Audit.Entity.COVERAGE, "communes",
                    Map.of("saved", rows.size(), "rejected", rejected.count()));
            return new CoverageImport(rows.size(), rejected.count(), rejected.first());
        });
    }

    private static String coverageLevel(String text) {
        String folded = text.strip().toLowerCase(Locale.ROOT);
        return switch (folded) {
            case "none", "pas de couverture", "aucune couverture" -> "NONE";
            case "limited", "couverture limitée", "couverture limitee" -> "LIMITED";
            case "good", "bonne couverture" -> "GOOD";
            case "very_good", "très bonne couverture", "tres bonne couverture" -> "VERY_GOOD";
            default -> null;
        };
    }

    /** The school status that counts: the most prioritised of the pupils' schools. */
    static PriorityEducation highestPriority(Handle handle, List<String> schools) {
        EstablishmentDao establishments = Daos.on(handle, EstablishmentDao.class);
        return schools.stream()
                .map(uai -> establishments.find(uai).map(Establishment::priorityEducation).orElse(PriorityEducation.NONE))
                .max(Comparator.naturalOrder()).orElse(PriorityEducation.NONE);
    }

    /**
     * The diagnostic as {@code viewer} may read it: the restricted answers and their reasons are
     * shown to an administrator, the family's own desk and the person who recorded it only.
     */
    private DiagnosticView view(User viewer, DiagnosticDao.DiagnosticRow row) {
        boolean mayReadRestricted = Scope.of(viewer).mayReadRestricted(row.madeBy());
        // masked as the version the diagnostic was made under says
        Criteria madeUnder = versions.getOrDefault(row.criteriaVersion(), criteria);
        ObjectNode answers = (ObjectNode) read(row.answers());
        List<Decision.Reason> reasons = new ArrayList<>();
        for (Decision.Reason reason : reasonsOf(row.reasons())) {
            Criteria.Criterion criterion = madeUnder.criterion(reason.criterion());
            if (mayReadRestricted || criterion == null || !criterion.isRestricted()) {
                reasons.add(reason);
            }
        }
        if (!mayReadRestricted) {
            // one entry per restricted criterion whatever its value, so that its presence tells nothing
            madeUnder.criteria().values().stream().filter(Criteria.Criterion::isRestricted).forEach(criterion -> {
                answers.remove(criterion.id());
                reasons.add(reasons.isEmpty() ? 0 : reasons.size() - 1, new Decision.Reason(criterion.id(), RESTRICTED));
            });
        }
        List<Decision.Need> needs = needs(row.needLaptop(), row.needDongle(), row.needHeadset(), row.alternativeAccess());
        return new DiagnosticView(row.id(), row.familyId(), row.criteriaVersion(), answers, needs, row.whiteZone(),
                new Decision.Connectivity(row.noConnection(), row.mobileCapped(), row.lowFixedSpeed()), row.eligible(), row.priorityHundredths() / 100.0, reasons, row.expires(), row.madeAt(),
                row.madeByName(), row.anonymisedAt());
    }

    /** The needs as stored, one flag a need, in the order decisions give them. */
    private static List<Decision.Need> needs(boolean laptop, boolean dongle, boolean headset, boolean alternative) {
        List<Decision.Need> needs = new ArrayList<>();
        if (laptop) {
            needs.add(Decision.Need.LAPTOP);
        }
        if (dongle) {
            needs.add(Decision.Need.DONGLE_4G);
        }
        if (headset) {
            needs.add(Decision.Need.HEADSET);
        }
        if (alternative) {
            needs.add(Decision.Need.ALTERNATIVE_ACCESS);
        }
        return needs;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored diagnostic does not parse", e);
        }
    }

    private static List<Decision.Reason> reasonsOf(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Decision.Reason>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons do not parse", e);
        }
    }
}
