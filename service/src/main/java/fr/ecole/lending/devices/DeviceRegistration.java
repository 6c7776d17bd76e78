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
import fr.ecole.lending.http.QueryParams;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.imports.Rejections;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

    /** A delivery has at most this many devices: beyond, it is refused whole (413) before anything is written. */
    private static final int DELIVERY_ROWS = 5_000;

    /** Reading a delivery stops after this many refused lines: the file is not the one expected. */
    private static final int DELIVERY_REJECTIONS = 100;

    /** The refusals an answer lists (the first ones, by line); it counts them all. */
    private static final int REJECTIONS_LISTED = 20;

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
    private record CheckedDevice(DeviceKind kind, String serial, String model, String assetTag, List<String> accessories,
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

    /** A line of a delivery whose values have been checked. */
    private record DeliveryLine(long line, CheckedDevice device) {
    }

    /** A delivery as read: the lines to register, those refused, and where reading stopped if it did. */
    private record DeliveryFile(List<DeliveryLine> lines, Rejections rejected, CsvTable.Rejection stopped) {
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
        Scope scope = Scope.of(actor);
        scope.requireEstablishment(uai.value(), "uai");
        database.read(handle -> EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai"));
        DeliveryFile file = readDelivery(csv);
        Rejections rejected = file.rejected();
        if (file.stopped() != null) {
            return new DeliveryImport(List.of(), 0, rejected.count(), rejected.first(), file.stopped(), null);
        }
        List<String> created = new ArrayList<>();
        int alreadyRegistered = 0;
        CsvTable.Rejection stopped = null;
        List<DeliveryLine> lines = file.lines();
        for (int from = 0; from < lines.size(); from += DELIVERY_BATCH) {
            List<DeliveryLine> batch = lines.subList(from, Math.min(from + DELIVERY_BATCH, lines.size()));
            try {
                Batch written = database.write(handle -> writeBatch(handle, actor, scope, uai, batch));
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

    /** Reads and checks a delivery, stopping at the first line over the limit (413) or after too many refusals. */
    private DeliveryFile readDelivery(InputStream csv) {
        List<DeliveryLine> lines = new ArrayList<>();
        Rejections rejected = new Rejections(REJECTIONS_LISTED);
        // the line where each tag and each kind's serial first appears, to refuse a line that repeats it
        Map<String, Long> seen = new HashMap<>();
        CsvTable.Rejection[] stopped = new CsvTable.Rejection[1];
        int[] rows = new int[1];
        CsvTable.readUntil(csv, List.of("kind", "serial", "model"), (row, width) -> {
            if (++rows[0] > DELIVERY_ROWS) {
                throw new ApiException(413, "too_many_rows", "Une livraison compte au plus 5 000 appareils ; ce "
                        + "fichier en a davantage (la ligne " + row.line() + " est la 5 001e) : découpez-le en "
                        + "fichiers de 5 000 lignes au plus et envoyez-les l'un après l'autre. Rien n'a été enregistré.", null);
            }
            try {
                CheckedDevice device = check(deliveryRow(row));
                Long earlier = null;
                for (String key : keys(device)) {
                    Long first = seen.putIfAbsent(key, row.line());
                    earlier = earlier == null ? first : earlier;
                }
                if (earlier != null) {
                    rejected.add(row.line(), "duplicate_device", "Cet appareil (numéro d'inventaire ou de série) figure "
                            + "déjà à la ligne " + earlier + " du fichier.");
                } else {
                    lines.add(new DeliveryLine(row.line(), device));
                }
            } catch (ApiException e) {
                rejected.add(row.line(), e.code(), e.getMessage());
            } catch (NumberFormatException | DateTimeParseException e) {
                rejected.add(row.line(), "invalid_value",
                        "Forfait SIM illisible : volume en Go (nombre entier) et date de fin AAAA-MM-JJ.");
            }
            if (rejected.count() >= DELIVERY_REJECTIONS) {
                stopped[0] = new CsvTable.Rejection(row.line(), "too_many_rejections", "Lecture arrêtée à la ligne "
                        + row.line() + " après " + DELIVERY_REJECTIONS + " lignes refusées : le fichier n'a sans doute "
                        + "pas la forme attendue (colonnes kind;serial;model, séparées par des points-virgules). Rien n'a "
                        + "été enregistré : corrigez les erreurs listées puis renvoyez le fichier.");
                return false;
            }
            return true;
        });
        return new DeliveryFile(lines, rejected, stopped[0]);
    }

    /** A delivery line as the JSON body of a single device would give it. */
    private static NewDevice deliveryRow(CsvTable.Row row) {
        String kind = row.get("kind").toUpperCase(Locale.ROOT);
        String planEnds = row.get("simPlanEnds");
        String dataPlan = row.get("simDataPlanGb");
        Sim sim = row.get("simIccid").isEmpty() ? null : new Sim(row.get("simIccid"), row.get("simPhone"),
                dataPlan.isEmpty() ? null : Integer.valueOf(dataPlan),
                planEnds.isEmpty() ? null : LocalDate.parse(planEnds));
        String accessories = row.get("accessories");
        return new NewDevice(QueryParams.enumValue(DeviceKind.class, kind, "kind"), row.get("serial"),
                row.get("model"), row.get("assetTag"),
                accessories.isEmpty() ? List.of() : List.of(accessories.split("\\|")),
                row.get("fundedBy").isEmpty() ? null : row.get("fundedBy"), sim);
    }

    /** What identifies a device within a file: its tag (in any case) and its kind's serial. */
    private static List<String> keys(CheckedDevice device) {
        List<String> keys = new ArrayList<>(2);
        if (device.assetTag() != null) {
            keys.add("tag:" + device.assetTag().toUpperCase(Locale.ROOT));
        }
        if (device.serial() != null) {
            keys.add("serial:" + device.kind() + ":" + device.serial());
        }
        return keys;
    }

    /** What one batch of a delivery did: the new tags, the lines already in the pool, the lines refused. */
    private record Batch(List<String> created, int alreadyRegistered, List<CsvTable.Rejection> refused) {
    }

    /**
     * Writes one batch of a delivery in the caller's transaction: a line already in this pool (same
     * tag, or no tag and the same serial) is counted, a line whose tag or serial another device has
     * is refused, the others are registered.
     */
    private Batch writeBatch(Handle handle, User actor, Scope scope, Uai uai, List<DeliveryLine> batch) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        Instant now = clock.instant();
        List<String> created = new ArrayList<>();
        int already = 0;
        List<CsvTable.Rejection> refused = new ArrayList<>();
        for (DeliveryLine line : batch) {
            CheckedDevice device = line.device();
            Optional<Device> byTag = device.assetTag() == null ? Optional.empty() : devices.findByTag(AssetTag.of(device.assetTag()));
            Optional<Device> bySerial = device.serial() == null || byTag.isPresent() ? Optional.empty()
                    : devices.findBySerial(device.kind(), device.serial());
            if (byTag.isPresent()) {
                if (inPool(byTag.get(), device, uai)) {
                    already++;
                } else {
                    refused.add(new CsvTable.Rejection(line.line(), "duplicate_asset_tag", "Le numéro d'inventaire « "
                            + device.assetTag() + " » est déjà porté par un autre appareil."));
                }
            } else if (bySerial.isPresent()) {
                if (device.assetTag() == null && inPool(bySerial.get(), device, uai)) {
                    already++;
                } else {
                    refused.add(new CsvTable.Rejection(line.line(), "duplicate_serial",
                            serialTaken(device, bySerial.get(), scope)));
                }
            } else {
                created.add(register(handle, actor, uai, device, now));
            }
        }
        audit.record(handle, actor, "IMPORT", Audit.Entity.DEVICE, uai.value(), Map.of("lines",
                batch.get(0).line() + "-" + batch.get(batch.size() - 1).line(), "created", created.size(),
                "alreadyRegistered", already, "rejected", refused.size()));
        return new Batch(created, already, refused);
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
