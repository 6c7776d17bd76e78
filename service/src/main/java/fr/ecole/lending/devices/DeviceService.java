package fr.ecole.lending.devices;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.establishments.EstablishmentType;
import fr.ecole.lending.establishments.Territory;
import fr.ecole.lending.establishments.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PhoneNumbers;
import fr.ecole.lending.http.QueryParams;
import fr.ecole.lending.imports.CsvTable;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Locale;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The pool of each establishment: devices entering it, their status, their history. */
public class DeviceService {
    private static final Pattern ICCID = Pattern.compile("[0-9]{18,22}");
    private final Database database;
    private final Audit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DeviceService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** A device request whose values have been checked, ready to be registered. */
    private record CheckedDevice(DeviceKind kind, String serial, String model, String assetTag, List<String> accessories,
                                 String fundedBy, Sim sim) {
    }

    public Device create(User actor, Uai uai, NewDevice request) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        CheckedDevice device = check(Check.body(request));
        try {
            return database.write(handle -> {
                EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
                String assetTag = register(handle, actor, uai, device, clock.instant());
                return Daos.on(handle, DeviceDao.class).findByTag(assetTag).orElseThrow();
            });
        } catch (UnableToExecuteStatementException e) {
            throw concurrentDuplicate(e);
        }
    }

    /** What a delivery import did: the tags of the devices created, and the lines set aside. */
    public record DeliveryImport(List<String> created, List<CsvTable.Rejection> rejected, String labels) {
    }

    /**
     * A delivery: a CSV of devices (kind, serial, model, and SIM fields for dongles) registered
     * together, each with its tag; lines that cannot be registered are set aside with the reason,
     * and the answer names the sheet that prints the labels of exactly the devices created.
     */
    public DeliveryImport importDelivery(User actor, Uai uai, InputStream csv) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        List<Long> lines = new ArrayList<>();
        List<CheckedDevice> rows = new ArrayList<>();
        List<CsvTable.Rejection> rejected = new ArrayList<>();
        CsvTable.read(csv, List.of("kind", "serial", "model"), (row, width) -> {
            try {
                String kind = row.get("kind").toUpperCase(Locale.ROOT);
                String planEnds = row.get("simPlanEnds");
                String dataPlan = row.get("simDataPlanGb");
                Sim sim = row.get("simIccid").isEmpty() ? null : new Sim(row.get("simIccid"), row.get("simPhone"),
                        dataPlan.isEmpty() ? null : Integer.valueOf(dataPlan),
                        planEnds.isEmpty() ? null : LocalDate.parse(planEnds));
                String accessories = row.get("accessories");
                rows.add(check(new NewDevice(QueryParams.enumValue(DeviceKind.class, kind, "kind"), row.get("serial"),
                        row.get("model"), row.get("assetTag"),
                        accessories.isEmpty() ? List.of() : List.of(accessories.split("\\|")),
                        row.get("fundedBy").isEmpty() ? null : row.get("fundedBy"), sim)));
                lines.add(row.line());
            } catch (ApiException e) {
                rejected.add(new CsvTable.Rejection(row.line(), e.code(), e.getMessage()));
            } catch (NumberFormatException | DateTimeParseException e) {
                rejected.add(new CsvTable.Rejection(row.line(), "invalid_value",
                        "Forfait SIM illisible : volume en Go (nombre entier) et date de fin AAAA-MM-JJ."));
            }
        });
        try {
            return database.write(handle -> {
                EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
                DeviceDao devices = Daos.on(handle, DeviceDao.class);
                Instant now = clock.instant();
                List<String> created = new ArrayList<>();
                List<CsvTable.Rejection> refused = new ArrayList<>(rejected);
                for (int i = 0; i < rows.size(); i++) {
                    CheckedDevice row = rows.get(i);
                    // a line that repeats a tag or a serial (this file's or the pool's) is set aside
                    if ((row.assetTag() != null && devices.tagExists(row.assetTag()))
                            || (row.serial() != null && devices.tagOfSerial(row.kind(), row.serial()).isPresent())) {
                        refused.add(new CsvTable.Rejection(lines.get(i), "duplicate_device",
                                "Cet appareil (numéro d'inventaire ou de série) est déjà enregistré."));
                        continue;
                    }
                    created.add(register(handle, actor, uai, row, now));
                }
                refused.sort(java.util.Comparator.comparingLong(CsvTable.Rejection::line));
                audit.record(handle, actor, "IMPORT", Audit.Entity.DEVICE, uai.value(),
                        Map.of("created", created.size(), "rejected", refused.size()));
                String labels = "/api/establishments/" + uai.value() + "/labels.pdf?assetTags=" + String.join(",", created);
                return new DeliveryImport(created, refused, created.isEmpty() ? null : labels);
            });
        } catch (UnableToExecuteStatementException e) {
            throw concurrentDuplicate(e);
        }
    }

    /** Registers a checked device in the pool, in the caller's transaction; returns its tag. */
    private String register(Handle handle, User actor, Uai uai, CheckedDevice device, Instant now) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        String assetTag = device.assetTag();
        if (assetTag == null) {
            do {
                assetTag = AssetTags.generate(random);
            } while (devices.tagExists(assetTag));
        } else if (devices.tagExists(assetTag)) {
            throw duplicateTag(assetTag);
        }
        if (device.serial() != null) {
            Optional<String> holder = devices.tagOfSerial(device.kind(), device.serial());
            if (holder.isPresent()) {
                throw ApiException.conflict("duplicate_serial", "serial", "Un " + device.kind().label()
                        + " de numéro de série « " + device.serial() + " » est déjà enregistré, sous le numéro "
                        + "d'inventaire " + holder.get() + ".");
            }
        }
        Sim sim = device.sim();
        long id = devices.insert(assetTag, uai.value(), device.kind(), device.serial(), device.model(),
                DeviceDao.joinAccessories(device.accessories()), device.fundedBy(),
                sim == null ? null : sim.iccid(), sim == null ? null : sim.phone(),
                sim == null ? null : sim.dataPlanGb(), sim == null ? null : sim.planEnds(), now);
        devices.recordEvent(id, now, DeviceEventType.CREATED, actor.id(), null, null);
        audit.record(handle, actor, "CREATE", Audit.Entity.DEVICE, assetTag,
                Map.of("uai", uai.value(), "kind", device.kind(), "status", DeviceStatus.AVAILABLE));
        return assetTag;
    }

    private CheckedDevice check(NewDevice request) {
        DeviceKind kind = Check.present(request.kind(), "kind");
        String serial = kind == DeviceKind.HEADSET
                ? Check.optional(request.serial(), "serial", 100)
                : Check.required(request.serial(), "serial", 100);
        String model = Check.required(request.model(), "model", 100);
        String suppliedTag = Check.optional(request.assetTag(), "assetTag", 40);
        String tag = suppliedTag == null ? null : AssetTags.supplied(suppliedTag, "assetTag");
        List<String> accessories = Check.list(request.accessories(), "accessories", 20, 60);
        String fundedBy = request.fundedBy() == null ? null : territory(request.fundedBy());
        return new CheckedDevice(kind, serial, model, tag, accessories, fundedBy, sim(kind, request.sim()));
    }

    private static ApiException concurrentDuplicate(UnableToExecuteStatementException e) {
        if (Database.isUniqueViolation(e)) {
            // another instance registered the same tag or serial a moment ago
            return ApiException.conflict("duplicate_device", null, "Cet appareil (numéro d'inventaire ou "
                    + "numéro de série) vient d'être enregistré par un autre poste : vérifiez le parc.");
        }
        throw e;
    }

    public Device get(User actor, String assetTag) {
        return database.read(handle -> find(Daos.on(handle, DeviceDao.class), Scope.of(actor), assetTag, "assetTag"));
    }

    public Page<Device> list(User actor, Uai uai, DeviceStatus status, DeviceKind kind, PageRequest page) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        return database.read(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            List<Device> rows = Daos.on(handle, DeviceDao.class)
                    .list(uai.value(), status, kind, page.after(), page.fetch());
            return Page.of(rows, page, Device::id);
        });
    }

    /** {@code POST /api/devices/{assetTag}/transfer}: to the pool of another establishment. */
    public record Transfer(String uai, String note) {
    }

    /**
     * Moves a device to another establishment's pool: one of the caller's own establishments, or one
     * the collectivity that paid for it is competent for (a département's collèges, a commune's
     * écoles, a région's lycées) in its territory. A desk cannot push its devices into schools it does
     * not serve and the funder does not pay for.
     */
    public Device transfer(User actor, String assetTag, Transfer request) {
        Check.body(request);
        Uai target = Uai.parse(Check.required(request.uai(), "uai", 8), "uai");
        String note = Check.optional(request.note(), "note", 500);
        Scope scope = Scope.of(actor);
        return database.write(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = find(devices, scope, assetTag, "assetTag");
            Establishment to = EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), target, "uai");
            if (device.uai().equals(to.uai())) {
                return device;
            }
            if (device.status() == DeviceStatus.ON_LOAN) {
                throw ApiException.conflict("device_on_loan", "assetTag", "L'appareil " + device.assetTag()
                        + " est prêté : il change de parc après son retour.");
            }
            // an administrator serves no establishment of its own: the funder's rule applies to it
            if (!scope.establishments().contains(to.uai())) {
                requireFundersCompetence(device, to);
            }
            if (devices.moveTo(device.id(), to.uai()) != 1) {
                throw new IllegalStateException("device " + assetTag + " changed under the write lock");
            }
            devices.recordEvent(device.id(), clock.instant(), DeviceEventType.TRANSFERRED, actor.id(), null,
                    device.uai() + " → " + to.uai() + (note == null ? "" : " ; " + note));
            audit.record(handle, actor, "TRANSFER", Audit.Entity.DEVICE, device.assetTag(),
                    Map.of("uai", Map.of("before", device.uai(), "after", to.uai())));
            return devices.findByTag(device.assetTag()).orElseThrow();
        });
    }

    /** 409 unless {@code to} is an establishment the device's funder pays for, in its territory. */
    private static void requireFundersCompetence(Device device, Establishment to) {
        if (device.fundedBy() == null) {
            throw ApiException.conflict("no_funder", "assetTag", "L'appareil " + device.assetTag()
                    + " n'a pas de financeur enregistré : il ne passe que d'un parc à un autre des établissements "
                    + "pour lesquels vous travaillez, et " + to.uai() + " n'en fait pas partie.");
        }
        Territory funder = Territory.parse(device.fundedBy());
        if (to.type() != funder.competence() || !inTerritory(to, funder)) {
            throw ApiException.conflict("other_funder", "uai", "L'établissement " + to.uai() + " n'est ni un de "
                    + "ceux pour lesquels vous travaillez, ni un des " + plural(funder.competence())
                    + " du territoire du financeur de l'appareil (" + funder + ") : l'appareil reste dans son parc.");
        }
    }

    private static String plural(EstablishmentType type) {
        return switch (type) {
            case ECOLE -> "écoles";
            case COLLEGE -> "collèges";
            default -> "lycées";
        };
    }

    private static boolean inTerritory(Establishment school, Territory territory) {
        return switch (territory.kind()) {
            case "commune" -> territory.code().equals(school.communeInsee());
            case "departement" -> territory.code().equals(school.departement());
            default -> territory.code().equals(school.region());
        };
    }

    /** The device's repair tickets, oldest first. */
    public List<DeviceDao.RepairRow> repairs(User actor, String assetTag) {
        return database.read(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            return devices.repairsOf(find(devices, Scope.of(actor), assetTag, "assetTag").id());
        });
    }

    /** The establishment's dongles, those whose plan ends before {@code before} when given, soonest first. */
    public List<Device> dongles(User actor, Uai uai, LocalDate before) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        return database.read(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            return Daos.on(handle, DeviceDao.class).dongles(uai.value(), before, 5_000);
        });
    }

    public Page<DeviceEvent> history(User actor, String assetTag, PageRequest page) {
        return database.read(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = find(devices, Scope.of(actor), assetTag, "assetTag");
            return Page.of(devices.history(device.id(), page.after(), page.fetch()), page, DeviceEvent::id);
        });
    }

    /**
     * The device, or 404 naming {@code field} when it does not exist or lies outside the caller's
     * scope (its existence is not revealed); for use inside another transaction.
     */
    public static Device find(DeviceDao devices, Scope scope, String assetTag, String field) {
        return devices.findByTag(assetTag == null ? "" : assetTag.strip())
                .filter(device -> scope.coversEstablishment(device.uai()))
                .orElseThrow(() -> ApiException.notFound("unknown_device", field, "Aucun appareil ne porte le "
                        + "numéro d'inventaire « " + assetTag + " » : vérifiez l'étiquette ou scannez-la."));
    }

    private static ApiException duplicateTag(String tag) {
        return ApiException.conflict("duplicate_asset_tag", "assetTag", "Le numéro d'inventaire « " + tag
                + " » est déjà porté par un autre appareil : choisissez-en un autre ou laissez-le vide pour "
                + "qu'il soit généré.");
    }

    private static String territory(String text) {
        try {
            return Territory.parse(text).value();
        } catch (ApiException e) {
            throw e.at("fundedBy");
        }
    }

    private Sim sim(DeviceKind kind, Sim sim) {
        if (kind != DeviceKind.DONGLE_4G) {
            if (sim != null) {
                throw ApiException.invalid("invalid_value", "sim",
                        "Seule une clé 4G (DONGLE_4G) porte une carte SIM.");
            }
            return null;
        }
        Check.present(sim, "sim");
        String iccid = Check.required(sim.iccid(), "sim.iccid", 40).replace(" ", "");
        if (!ICCID.matcher(iccid).matches()) {
            throw ApiException.invalid("invalid_iccid", "sim.iccid",
                    "Le numéro ICCID de la carte SIM doit compter 18 à 22 chiffres (il est imprimé sur la carte).");
        }
        String phone = Check.optional(sim.phone(), "sim.phone", 30);
        Integer dataPlanGb = Check.present(sim.dataPlanGb(), "sim.dataPlanGb");
        if (dataPlanGb < 1 || dataPlanGb > 10_000) {
            throw ApiException.invalid("invalid_value", "sim.dataPlanGb",
                    "Le volume du forfait (en Go) doit être compris entre 1 et 10 000.");
        }
        return new Sim(iccid, phone == null ? null : PhoneNumbers.normalize(phone, "sim.phone"), dataPlanGb,
                Check.present(sim.planEnds(), "sim.planEnds"));
    }
}
