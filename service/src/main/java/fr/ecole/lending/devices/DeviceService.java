package fr.ecole.lending.devices;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.establishments.Territory;
import fr.ecole.lending.establishments.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PhoneNumbers;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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

    public Device create(User actor, Uai uai, NewDevice request) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        Check.body(request);
        DeviceKind kind = Check.present(request.kind(), "kind");
        String serial = kind == DeviceKind.HEADSET
                ? Check.optional(request.serial(), "serial", 100)
                : Check.required(request.serial(), "serial", 100);
        String model = Check.required(request.model(), "model", 100);
        String suppliedTag = Check.optional(request.assetTag(), "assetTag", 40);
        String tag = suppliedTag == null ? null : AssetTags.supplied(suppliedTag, "assetTag");
        List<String> accessories = Check.list(request.accessories(), "accessories", 20, 60);
        String fundedBy = request.fundedBy() == null ? null : territory(request.fundedBy());
        Sim sim = sim(kind, request.sim());
        Instant now = clock.instant();
        try {
            return database.write(handle -> {
                EstablishmentService.require(handle.attach(EstablishmentDao.class), uai, "uai");
                DeviceDao devices = handle.attach(DeviceDao.class);
                String assetTag = tag;
                if (assetTag == null) {
                    do {
                        assetTag = AssetTags.generate(random);
                    } while (devices.tagExists(assetTag));
                } else if (devices.tagExists(assetTag)) {
                    throw duplicateTag(assetTag);
                }
                if (serial != null) {
                    Optional<String> holder = devices.tagOfSerial(kind, serial);
                    if (holder.isPresent()) {
                        throw ApiException.conflict("duplicate_serial", "serial", "Un " + kind.label()
                                + " de numéro de série « " + serial + " » est déjà enregistré, sous le numéro "
                                + "d'inventaire " + holder.get() + ".");
                    }
                }
                long id = devices.insert(assetTag, uai.value(), kind, serial, model,
                        DeviceDao.joinAccessories(accessories), fundedBy,
                        sim == null ? null : sim.iccid(), sim == null ? null : sim.phone(),
                        sim == null ? null : sim.dataPlanGb(), sim == null ? null : sim.planEnds(), now);
                devices.recordEvent(id, now, DeviceEventType.CREATED, actor.id(), null, null);
                audit.record(handle, actor, "CREATE", Audit.Entity.DEVICE, assetTag,
                        Map.of("uai", uai.value(), "kind", kind, "status", DeviceStatus.AVAILABLE));
                return devices.findByTag(assetTag).orElseThrow();
            });
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                // another instance registered the same tag or serial a moment ago
                throw ApiException.conflict("duplicate_device", null, "Cet appareil (numéro d'inventaire ou "
                        + "numéro de série) vient d'être enregistré par un autre poste : vérifiez le parc.");
            }
            throw e;
        }
    }

    public Device get(User actor, String assetTag) {
        return database.read(handle -> find(handle.attach(DeviceDao.class), Scope.of(actor), assetTag, "assetTag"));
    }

    public Page<Device> list(User actor, Uai uai, DeviceStatus status, DeviceKind kind, PageRequest page) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        return database.read(handle -> {
            EstablishmentService.require(handle.attach(EstablishmentDao.class), uai, "uai");
            List<Device> rows = handle.attach(DeviceDao.class)
                    .list(uai.value(), status, kind, page.after(), page.fetch());
            return Page.of(rows, page, Device::id);
        });
    }

    public Page<DeviceEvent> history(User actor, String assetTag, PageRequest page) {
        return database.read(handle -> {
            DeviceDao devices = handle.attach(DeviceDao.class);
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
