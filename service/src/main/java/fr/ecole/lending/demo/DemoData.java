package fr.ecole.lending.demo;

import fr.ecole.lending.SchoolCalendar;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.agreements.Agreement;
import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.agreements.NewAgreement;
import fr.ecole.lending.agreements.NewReturn;
import fr.ecole.lending.agreements.ReturnCondition;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.NewDevice;
import fr.ecole.lending.devices.Sim;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.NewDiagnostic;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.establishments.Uai;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.families.NewFamily;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.users.NewUser;
import fr.ecole.lending.users.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
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
    private final DeviceService devices;
    private final FamilyService families;
    private final LendingService lending;
    private final DiagnosticService diagnostics;
    private final UserService users;
    private final ObjectMapper json;
    private final Clock clock;

    public DemoData(EstablishmentService establishments, DeviceService devices, FamilyService families,
                    LendingService lending, DiagnosticService diagnostics, UserService users, ObjectMapper json,
                    Clock clock) {
        this.establishments = establishments;
        this.devices = devices;
        this.families = families;
        this.lending = lending;
        this.diagnostics = diagnostics;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    /** A demo user: its role and scope, and the token (and password) the demo gives it. */
    public record DemoUser(String name, Role role, List<String> establishments, String territory, String password,
                           String token) {
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
                    user.password()), user.token());
        }
        return demoUsers;
    }

    record DemoReturn(String assetTag, ReturnCondition condition, String note) {
    }

    record DemoDiagnostic(int family, JsonNode answers) {
    }

    record DemoAgreement(int family, String uai, List<String> assetTags, int dueInDays, String override,
                         List<DemoReturn> returns) {
    }

    /** Loads the demo when the database holds no establishment yet; returns whether it did. */
    public boolean loadIfEmpty(User admin) {
        if (establishments.count() > 0) {
            LOG.info("Demo data not loaded: the database already holds establishments");
            return false;
        }
        EstablishmentService.ImportResult directory;
        try (InputStream csv = open("establishments/fr-en-annuaire-education.csv")) {
            directory = establishments.importDirectory(admin, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        int agreements = 0;
        for (DemoAgreement demo : read("demo/agreements.json", new TypeReference<List<DemoAgreement>>() { })) {
            Agreement agreement = lending.lend(admin, new NewAgreement(familyIds.get(demo.family() - 1), demo.uai(),
                    demo.assetTags(), today.plusDays(demo.dueInDays()), "demo-" + (++agreements),
                    new NewAgreement.OverrideReason(demo.override())));
            for (DemoReturn back : demo.returns()) {
                lending.receive(admin, new NewReturn(back.assetTag(), back.condition(), List.of(), back.note()));
            }
            LOG.info("Demo agreement {} lent", agreement.number());
        }
        LOG.info("Demo data loaded: {} establishments, {} devices, {} families, {} diagnostics, {} agreements",
                directory.created(), pool.size(), familyIds.size(), demoDiagnostics.size(), agreements);
        return true;
    }

    record DemoDevice(Uai uai, NewDevice device) {
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

    private static InputStream open(String path) {
        InputStream in = DemoData.class.getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalStateException("demo file missing from the jar: fixtures/" + path);
        }
        return in;
    }
}
