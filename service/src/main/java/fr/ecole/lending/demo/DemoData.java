package fr.ecole.lending.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.agreements.Agreement;
import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.agreements.NewAgreement;
import fr.ecole.lending.agreements.NewReturn;
import fr.ecole.lending.agreements.ReturnCondition;
import fr.ecole.lending.agreements.ReturnService;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceRegistration;
import fr.ecole.lending.devices.NewDevice;
import fr.ecole.lending.devices.Sim;
import fr.ecole.lending.diagnostics.Criteria;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.NewDiagnostic;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.families.Guardian;
import fr.ecole.lending.families.NewFamily;
import fr.ecole.lending.families.PreferredContact;
import fr.ecole.lending.families.Pupil;
import fr.ecole.lending.funders.FunderService;
import fr.ecole.lending.funders.NewFunder;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.surveys.SurveyAnswers;
import fr.ecole.lending.surveys.SurveyService;
import fr.ecole.lending.territory.CatchmentService;
import fr.ecole.lending.territory.EnrolmentService;
import fr.ecole.lending.territory.OutlineService;
import fr.ecole.lending.users.NewUser;
import fr.ecole.lending.users.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty database with the demo data of fixtures/ (packed into the jar), through the same
 * services as the API, so that the demo obeys every rule a desk does.
 */
public final class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final String ROOT = "/fixtures/";

    private final EstablishmentService establishments;
    private final DeviceRegistration devices;
    private final FamilyService families;
    private final LendingService lending;
    private final ReturnService returns;
    private final DiagnosticService diagnostics;
    private final CatchmentService catchments;
    private final EnrolmentService enrolments;
    private final OutlineService outlines;
    private final UserService users;
    private final SurveyService surveys;
    private final SurveyAnswers surveyAnswers;
    private final FunderService funders;
    private final ObjectMapper json;
    private final Clock clock;

    public DemoData(EstablishmentService establishments, DeviceRegistration devices, FamilyService families,
                    LendingService lending, ReturnService returns, DiagnosticService diagnostics, CatchmentService catchments,
                    EnrolmentService enrolments, OutlineService outlines, UserService users, SurveyService surveys,
                    SurveyAnswers surveyAnswers, FunderService funders, ObjectMapper json, Clock clock) {
        this.establishments = establishments;
        this.devices = devices;
        this.families = families;
        this.lending = lending;
        this.returns = returns;
        this.diagnostics = diagnostics;
        this.catchments = catchments;
        this.enrolments = enrolments;
        this.outlines = outlines;
        this.users = users;
        this.surveys = surveys;
        this.surveyAnswers = surveyAnswers;
        this.funders = funders;
        this.json = json;
        this.clock = clock;
    }

    /** A demo user: its role and scope (a funder's user, its funder), and the token (and password) the demo gives it. */
    public record DemoUser(String name, Role role, List<String> establishments, String territory, Long funder,
                           String password, String token) {
    }

    /** The demo's users, as fixtures/demo/users.json lists them. */
    public List<DemoUser> users() {
        return read("demo/users.json", new TypeReference<List<DemoUser>>() { });
    }

    /**
     * Creates the demo users with their known tokens, when the demo is loaded; returns them, for
     * the start-up message.
     */
    public List<DemoUser> provisionUsers(User admin) {
        List<DemoUser> demoUsers = users();
        for (DemoUser user : demoUsers) {
            users.provision(admin, new NewUser(user.name(), user.role(), user.establishments(), user.territory(),
                    user.password(), user.funder()), user.token());
        }
        return demoUsers;
    }

    record DemoReturn(String assetTag, ReturnCondition condition, String note) {
    }

    record DemoDiagnostic(int family, JsonNode answers) {
    }

    /** An agreement of the demo; {@code lentDaysAgo} (none: today) lends it in the past, to be overdue now. */
    record DemoAgreement(int family, String uai, List<String> assetTags, int dueInDays, Integer lentDaysAgo,
                         String override, List<DemoReturn> returns) {
    }

    /** Loads the demo when the database holds no establishment yet; returns whether it did. */
    public boolean loadIfEmpty(User admin) {
        if (establishments.count() > 0) {
            LOG.info("Demo data not loaded: the database already holds establishments");
            return false;
        }
        EstablishmentService.ImportResult directory;
        CatchmentService.CatchmentImport carte;
        int pupilCounts = 0;
        try (InputStream csv = open("establishments/fr-en-annuaire-education.csv")) {
            directory = establishments.importDirectory(admin, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the territory's files, so that the reports by catchment and per 100 pupils have data
        try (InputStream csv = open("territory/fr-en-carte-scolaire-colleges-publics.csv")) {
            carte = catchments.importCarte(admin, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String file : List.of("fr-en-ecoles-effectifs-nb_classes.csv", "fr-en-effectifs-second-degre.csv")) {
            try (InputStream csv = open("territory/" + file)) {
                pupilCounts += enrolments.importCounts(admin, csv).created();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // the communes' outlines, for the collectivities' maps
        try (InputStream geoJson = open("territory/communes-035.geojson")) {
            outlines.importOutlines(admin, geoJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // before the devices, which name them funder:1 and funder:2, in the order of funders.json
        List<NewFunder> demoFunders = read("demo/funders.json", new TypeReference<List<NewFunder>>() { });
        for (int i = 0; i < demoFunders.size(); i++) {
            if (funders.create(admin, demoFunders.get(i)).id() != i + 1) {
                throw new IllegalStateException("the demo's funders must be the first of the database");
            }
        }
        LocalDate today = SchoolCalendar.today(clock);
        List<DemoDevice> pool = devices(today);
        for (DemoDevice demo : pool) {
            devices.create(admin, demo.uai(), demo.device());
        }
        List<Long> familyIds = new ArrayList<>();
        for (NewFamily family : read("demo/families.json", new TypeReference<List<NewFamily>>() { })) {
            familyIds.add(families.create(admin, family).id());
        }
        List<DemoDiagnostic> demoDiagnostics = read("demo/diagnostics.json", new TypeReference<List<DemoDiagnostic>>() { });
        for (DemoDiagnostic diagnostic : demoDiagnostics) {
            diagnostics.record(admin, familyIds.get(diagnostic.family() - 1), new NewDiagnostic(diagnostic.answers()));
        }
        // after the families of families.json, whose positions agreements.json refers to
        int households = households(admin);
        int agreements = 0;
        for (DemoAgreement demo : read("demo/agreements.json", new TypeReference<List<DemoAgreement>>() { })) {
            LendingService lender = demo.lentDaysAgo() == null ? lending
                    : lending.at(Clock.offset(clock, Duration.ofDays(-demo.lentDaysAgo())));
            Agreement agreement = lender.lend(admin, new NewAgreement(familyIds.get(demo.family() - 1), demo.uai(),
                    demo.assetTags(), today.plusDays(demo.dueInDays()), "demo-" + (++agreements),
                    new NewAgreement.OverrideReason(demo.override())));
            for (DemoReturn back : demo.returns()) {
                returns.receive(admin, new NewReturn(back.assetTag(), back.condition(), List.of(), back.note()));
            }
            LOG.info("Demo agreement {} lent", agreement.number());
        }
        int surveyed = DemoSurveys.load(admin, surveys, surveyAnswers);
        LOG.info("Demo data loaded: {} establishments, {} carte scolaire lines over {} communes, {} pupil counts, "
                + "{} devices, {} families, {} diagnostics, {} agreements, {} survey answers", directory.created(),
                carte.created(), carte.communes(), pupilCounts, pool.size(), familyIds.size() + households,
                demoDiagnostics.size() + households, agreements, surveyed);
        return true;
    }

    record DemoDevice(Uai uai, NewDevice device) {
    }

    private static final String HOUSEHOLDS = "demo/households.csv";

    /** A row of households.csv: the family, its answers, and the line, to name it when refused. */
    private record Household(long line, NewFamily family, ObjectNode answers) {
    }

    /**
     * The invented households of households.csv, each a family with one pupil and its diagnostic, so
     * that the collectivity's reports show counts above the small-count threshold; returns how many.
     */
    private int households(User admin) {
        List<Household> rows = new ArrayList<>();
        Criteria criteria = diagnostics.criteria();
        List<String> required = new ArrayList<>(List.of("guardianName", "guardianPhone", "guardianEmail",
                "preferredContact", "communeInsee", "pupilFirstName", "pupilUai", "pupilLevel"));
        criteria.criteria().values().stream().filter(c -> "ANSWER".equals(c.kind()) && c.required())
                .forEach(c -> required.add(c.id()));
        try (InputStream csv = open(HOUSEHOLDS)) {
            CsvTable.read(csv, required, (row, width) -> {
                ObjectNode answers = JsonNodeFactory.instance.objectNode();
                for (Criteria.Criterion criterion : criteria.criteria().values()) {
                    String cell = row.get(criterion.id());
                    if ("ANSWER".equals(criterion.kind()) && !cell.isEmpty()) {
                        answers.set(criterion.id(), answer(criterion, cell));
                    }
                }
                String contact = row.get("preferredContact");
                PreferredContact preferred;
                try {
                    preferred = contact.isEmpty() ? null : PreferredContact.valueOf(contact);
                } catch (IllegalArgumentException e) {
                    throw refused(row.line(), "preferredContact is one of " + Arrays.toString(PreferredContact.values()), e);
                }
                rows.add(new Household(row.line(), new NewFamily(
                        new Guardian(row.get("guardianName"), empty(row.get("guardianPhone")),
                                empty(row.get("guardianEmail")), preferred),
                        row.get("communeInsee"),
                        List.of(new Pupil(row.get("pupilFirstName"), row.get("pupilUai"), row.get("pupilLevel")))),
                        answers));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Household household : rows) {
            try {
                long familyId = families.create(admin, household.family()).id();
                diagnostics.record(admin, familyId, new NewDiagnostic(household.answers()));
            } catch (ApiException e) {
                throw refused(household.line(), (e.field() == null ? "" : e.field() + ": ") + e.getMessage(), e);
            }
        }
        return rows.size();
    }

    /** A broken demo file stops the start-up, naming the line to mend. */
    private static IllegalStateException refused(long line, String why, Exception cause) {
        return new IllegalStateException("demo file fixtures/" + HOUSEHOLDS + ", line " + line + ": " + why, cause);
    }

    /**
     * A cell as the JSON its criterion's type takes ("COLLEGE:2" for a scholarship); a cell that does
     * not read as that type stays text, for the diagnostic's own checks to refuse with their message.
     */
    private static JsonNode answer(Criteria.Criterion criterion, String cell) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (criterion.type()) {
            case "INTEGER" -> {
                if (cell.matches("-?\\d{1,18}")) {
                    return nodes.numberNode(Long.parseLong(cell));
                }
            }
            case "BOOLEAN" -> {
                if (cell.equals("true") || cell.equals("false")) {
                    return nodes.booleanNode(Boolean.parseBoolean(cell));
                }
            }
            case "SCHOLARSHIP" -> {
                String[] parts = cell.split(":", 2);
                if (parts.length == 2 && parts[1].matches("\\d{1,9}")) {
                    return nodes.objectNode().put("level", parts[0]).put("echelon", Integer.parseInt(parts[1]));
                }
            }
            default -> {
            }
        }
        return nodes.textNode(cell);
    }

    private static String empty(String cell) {
        return cell.isEmpty() ? null : cell;
    }

    /** The demo's pool; data plans end some days after {@code today}, so that the demo never ages. */
    private static List<DemoDevice> devices(LocalDate today) {
        List<DemoDevice> out = new ArrayList<>();
        try (InputStream csv = open("demo/devices.csv")) {
            CsvTable.read(csv, List.of("uai", "kind", "assetTag", "serial", "model"), (row, width) -> {
                DeviceKind kind = DeviceKind.valueOf(row.get("kind"));
                Sim sim = kind != DeviceKind.DONGLE_4G ? null : new Sim(row.get("simIccid"), row.get("simPhone"),
                        Integer.valueOf(row.get("simDataPlanGb")), today.plusDays(Long.parseLong(row.get("simPlanEndsInDays"))));
                String accessories = row.get("accessories");
                out.add(new DemoDevice(Uai.parse(row.get("uai")), new NewDevice(kind, row.get("serial"),
                        row.get("model"), row.get("assetTag"),
                        accessories.isEmpty() ? List.of() : Arrays.asList(accessories.split("\\|")),
                        row.get("fundedBy"), sim)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private <T> T read(String path, TypeReference<T> type) {
        try (InputStream in = open(path)) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo file " + path, e);
        }
    }

    static InputStream open(String path) {
        InputStream in = DemoData.class.getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalStateException("demo file missing from the jar: fixtures/" + path);
        }
        return in;
    }
}
