package fr.ecole.lending.devices;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.PhoneNumbers;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.imports.Rejections;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Devices entering a school's pool: one at a time, or a supplier's delivery file of thousands of
 * lines, each checked (kind, serial, asset tag, SIM, funder) before any is written.
 */
public class DeviceRegistration {
    private static final Pattern ICCID = Pattern.compile("[0-9]{18,22}");

    /** Devices written per write transaction, so that other desks' writes take their turns in between. */
    private static final int DELIVERY_BATCH = 500;

    private final SecureRandom random = new SecureRandom();

    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public DeviceRegistration(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** A device request whose values have been checked, ready to be registered. */
    record CheckedDevice(DeviceKind kind, String serial, String model, String assetTag, List<String> accessories,
                         String fundedBy, Sim sim) {
    }

    public Device create(User actor, Uai uai, NewDevice request) {
        Scope scope = Scope.of(actor);
        scope.requireEstablishment(uai.value(), "uai");
        CheckedDevice device = check(Check.body(request));
        try {
            return database.write(handle -> {
                EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
                DeviceDao devices = Daos.on(handle, DeviceDao.class);
                ApiException unknownFunder = unknownFunder(device, devices);
                if (unknownFunder != null) {
                    throw unknownFunder;
                }
                if (device.assetTag() != null && devices.tagExists(device.assetTag())) {
                    throw duplicateTag(device.assetTag());
                }
                if (device.serial() != null) {
                    devices.findBySerial(device.kind(), device.serial()).ifPresent(holder -> {
                        throw ApiException.conflict("duplicate_serial", "serial", serialTaken(device, holder, scope));
                    });
                }
                String assetTag = register(handle, actor, uai, device, clock.instant());
                return devices.findByTag(AssetTag.of(assetTag)).orElseThrow();
            });
        } catch (UnableToExecuteStatementException e) {
            throw concurrentDuplicate(e);
        }
    }

    /**
     * What a delivery import did: the tags of the devices created, how many lines were already in
     * the pool (a file sent again), the refused lines (counted, and the first ones listed), where and
     * why it stopped before the end (null when it did not), and the sheet of the new devices' labels.
     */
    public record DeliveryImport(List<String> created, int alreadyRegistered, int rejectedCount,
                                 List<CsvTable.Rejection> rejected, CsvTable.Rejection stopped, String labels) {
    }

    /**
     * A delivery: a CSV of devices (kind, serial, model, and SIM fields for dongles) registered
     * together, each with its tag; lines that cannot be registered are set aside with the reason,
     * and the answer names the sheet that prints the labels of exactly the devices created.
     *
     * <p>The file is read and checked whole before anything is written, so that a file too long
     * (413) or full of bad lines (stopped) writes nothing. Its devices are then written by batches,
     * one transaction each: an import that stops between two batches (the service stopping, the
     * writer busy) keeps the batches written, and says at which line it stopped. Sending the same
     * file again is safe: a device already in this pool (same tag, or same kind and serial) is
     * counted in {@code alreadyRegistered}, not created twice.
     */
    public DeliveryImport importDelivery(User actor, Uai uai, InputStream csv) {
        return importDelivery(actor, uai, csv, false);
    }

    /**
     * The same, where {@code whole} asks that a file with any line refused write nothing (the desk's
     * page: the file is corrected and sent again, and the sheet of its labels then has every device).
     */
    public DeliveryImport importDelivery(User actor, Uai uai, InputStream csv, boolean whole) {
        Scope scope = Scope.of(actor);
        scope.requireEstablishment(uai.value(), "uai");
        database.read(handle -> EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai"));
        DeliveryFile file = DeliveryFile.read(csv, this::check);
        Rejections rejected = file.rejected();
        if (whole && file.stopped() == null && rejected.count() == 0) {
            // the lines another device's tag or serial refuses, found before anything is written
            database.read(handle -> {
                DeviceDao devices = Daos.on(handle, DeviceDao.class);
                file.lines().stream().map(line -> verdict(devices, scope, uai, line)).filter(v -> v.refused() != null)
                        .forEach(v -> rejected.add(v.refused()));
                return null;
            });
        }
        if (file.stopped() != null || whole && rejected.count() > 0) {
            return new DeliveryImport(List.of(), 0, rejected.count(), rejected.first(), file.stopped(), null);
        }
        List<String> created = new ArrayList<>();
        int alreadyRegistered = 0;
        CsvTable.Rejection stopped = null;
        List<DeliveryFile.Line> lines = file.lines();
        for (int from = 0; from < lines.size(); from += DELIVERY_BATCH) {
            List<DeliveryFile.Line> batch = lines.subList(from, Math.min(from + DELIVERY_BATCH, lines.size()));
            try {
                Batch written = database.write(handle -> writeBatch(handle, actor, scope, uai, batch, whole));
                created.addAll(written.created());
                alreadyRegistered += written.alreadyRegistered();
                written.refused().forEach(rejected::add);
            } catch (ApiException | UnableToExecuteStatementException e) {
                // a statement that failed otherwise than on a duplicate is rethrown: a fault, not a refusal
                ApiException refusal = e instanceof UnableToExecuteStatementException failed
                        ? concurrentDuplicate(failed) : (ApiException) e;
                if (from == 0) {
                    // nothing is written yet: the refusal stands as it is
                    throw refusal;
                }
                long line = batch.get(0).line();
                stopped = new CsvTable.Rejection(line, refusal.code(),
                        "L'enregistrement s'est interrompu à la ligne " + line + " : les appareils des lignes précédentes "
                                + "sont enregistrés. Renvoyez le même fichier : ceux qui le sont déjà ne seront pas créés "
                                + "une seconde fois.");
                break;
            }
        }
        String labels = "/api/establishments/" + uai.value() + "/labels.pdf?assetTags=" + String.join(",", created);
        return new DeliveryImport(created, alreadyRegistered, rejected.count(), rejected.first(), stopped,
                created.isEmpty() ? null : labels);
    }

    /** What one batch of a delivery did: the new tags, the lines already in the pool, the lines refused. */
    private record Batch(List<String> created, int alreadyRegistered, List<CsvTable.Rejection> refused) {
    }

    /**
     * Writes one batch of a delivery in the caller's transaction, each line as {@link #verdict} finds
     * it; with {@code whole}, a line refused rolls the batch back.
     */
    private Batch writeBatch(Handle handle, User actor, Scope scope, Uai uai, List<DeliveryFile.Line> batch,
                             boolean whole) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        Instant now = clock.instant();
        List<String> created = new ArrayList<>();
        int already = 0;
        List<CsvTable.Rejection> refused = new ArrayList<>();
        for (DeliveryFile.Line line : batch) {
            Verdict verdict = verdict(devices, scope, uai, line);
            if (verdict.refused() != null && whole) {
                // another desk registered it since the file was checked
                throw ApiException.conflict(verdict.refused().error(), null, "Ligne " + line.line() + " : "
                        + verdict.refused().message());
            } else if (verdict.refused() != null) {
                refused.add(verdict.refused());
            } else if (verdict.alreadyRegistered()) {
                already++;
            } else {
                created.add(register(handle, actor, uai, line.device(), now));
            }
        }
        audit.record(handle, actor, "IMPORT", Audit.Entity.DEVICE, uai.value(), Map.of("lines",
                batch.get(0).line() + "-" + batch.get(batch.size() - 1).line(), "created", created.size(),
                "alreadyRegistered", already, "rejected", refused.size()));
        return new Batch(created, already, refused);
    }

    /** What a delivery's line is to the pools: a new device (neither), one already in this pool, or refused. */
    private record Verdict(boolean alreadyRegistered, CsvTable.Rejection refused) {
    }

    /**
     * A line already in this pool (same tag, or no tag and the same serial) is counted; a line whose
     * tag or serial another device has is refused; the others are new.
     */
    private static Verdict verdict(DeviceDao devices, Scope scope, Uai uai, DeliveryFile.Line line) {
        CheckedDevice device = line.device();
        ApiException unknownFunder = unknownFunder(device, devices);
        if (unknownFunder != null) {
            return new Verdict(false, new CsvTable.Rejection(line.line(), unknownFunder.code(), unknownFunder.getMessage()));
        }
        Optional<Device> byTag = device.assetTag() == null ? Optional.empty() : devices.findByTag(AssetTag.of(device.assetTag()));
        if (byTag.isPresent()) {
            return inPool(byTag.get(), device, uai) ? new Verdict(true, null) : new Verdict(false, new CsvTable.Rejection(
                    line.line(), "duplicate_asset_tag", "Le numéro d'inventaire « " + device.assetTag()
                    + " » est déjà porté par un autre appareil."));
        }
        Optional<Device> bySerial = device.serial() == null ? Optional.empty() : devices.findBySerial(device.kind(), device.serial());
        if (bySerial.isPresent()) {
            return device.assetTag() == null && inPool(bySerial.get(), device, uai) ? new Verdict(true, null)
                    : new Verdict(false, new CsvTable.Rejection(line.line(), "duplicate_serial",
                    serialTaken(device, bySerial.get(), scope)));
        }
        return new Verdict(false, null);
    }

    /** True when {@code known} is the line's device, already in this pool (a delivery sent again). */
    private static boolean inPool(Device known, CheckedDevice line, Uai uai) {
        return known.uai().equals(uai.value()) && known.kind() == line.kind() && Objects.equals(known.serial(), line.serial());
    }

    /**
     * Why a serial cannot be registered: the device that has it is named only when it is in the
     * caller's own pools, so that another school's tags cannot be read by trying serials.
     */
    private static String serialTaken(CheckedDevice device, Device holder, Scope scope) {
        String taken = "Un " + device.kind().label() + " de numéro de série « " + device.serial() + " » est déjà enregistré";
        return scope.coversEstablishment(holder.uai())
                ? taken + ", sous le numéro d'inventaire " + holder.assetTag() + "."
                : taken + " dans le parc d'un établissement que vous ne gérez pas : vérifiez le numéro de série.";
    }

    /** Registers a checked, new device in the pool, in the caller's transaction; returns its tag. */
    private String register(Handle handle, User actor, Uai uai, CheckedDevice device, Instant now) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        String assetTag = device.assetTag();
        if (assetTag == null) {
            do {
                assetTag = AssetTags.generate(random);
            } while (devices.tagExists(assetTag));
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

    CheckedDevice check(NewDevice request) {
        DeviceKind kind = Check.present(request.kind(), "kind");
        String serial = kind == DeviceKind.HEADSET
                ? Check.optional(request.serial(), "serial", 100)
                : Check.required(request.serial(), "serial", 100);
        String model = Check.required(request.model(), "model", 100);
        String suppliedTag = Check.optional(request.assetTag(), "assetTag", 40);
        String tag = suppliedTag == null ? null : AssetTags.supplied(suppliedTag, "assetTag");
        List<String> accessories = Check.list(request.accessories(), "accessories", 20, 60);
        String fundedBy = request.fundedBy() == null ? null : fundedBy(request.fundedBy());
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

    private static ApiException duplicateTag(String tag) {
        return ApiException.conflict("duplicate_asset_tag", "assetTag", "Le numéro d'inventaire « " + tag
                + " » est déjà porté par un autre appareil : choisissez-en un autre ou laissez-le vide pour "
                + "qu'il soit généré.");
    }

    /** A collectivity's territory, or a funder's record as {@code funder:<id>}. */
    private static String fundedBy(String text) {
        String given = text.strip();
        if (given.startsWith(Funding.FUNDER_PREFIX)) {
            return Funding.funderId(given).map(id -> Funding.FUNDER_PREFIX + id).orElseThrow(() -> ApiException.invalid(
                    "invalid_value", "fundedBy", "« fundedBy » vaut un territoire (departement:035) ou un financeur "
                            + "enregistré, sous la forme funder:<numéro> (GET /api/funders les liste)."));
        }
        try {
            return Territory.parseCollectivity(given, "fundedBy").value();
        } catch (ApiException e) {
            throw e.at("fundedBy");
        }
    }

    /** 404 {@code unknown_funder} when the device names a funder's record that does not exist. */
    private static ApiException unknownFunder(CheckedDevice device, DeviceDao devices) {
        return Funding.funderId(device.fundedBy()).filter(id -> devices.funding(id).isEmpty())
                .map(id -> Funding.unknown(id, "fundedBy")).orElse(null);
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
