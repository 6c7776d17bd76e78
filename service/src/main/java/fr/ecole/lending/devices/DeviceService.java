package fr.ecole.lending.devices;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.EstablishmentType;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The pool of each establishment as it is: its devices, where they are, their transfers to another
 * school, their repairs and their history. Devices enter it through {@link DeviceRegistration}.
 */
public class DeviceService {
    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public DeviceService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public Device get(User actor, AssetTag assetTag) {
        return database.read(handle -> find(Daos.on(handle, DeviceDao.class), Scope.of(actor), assetTag, "assetTag"));
    }

    public Page<Device> list(User actor, Uai uai, DeviceStatus status, DeviceKind kind, PageRequest page) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        return database.read(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            List<Device> rows = Daos.on(handle, DeviceDao.class)
                    .list(uai, status, kind, page.after(), page.fetch());
            return Page.of(rows, page, Device::id);
        });
    }

    /** What the school holds of other pools: see {@link DeviceDao#listHeld}. */
    public Page<Device> held(User actor, Uai uai, PageRequest page) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        return database.read(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            return Page.of(Daos.on(handle, DeviceDao.class).listHeld(uai, page.after(), page.fetch()), page, Device::id);
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
    public Device transfer(User actor, AssetTag assetTag, Transfer request) {
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
                requireFundersCompetence(devices, device, to);
            }
            if (devices.moveTo(device.id(), to.uai()) != 1) {
                throw new IllegalStateException("device " + assetTag + " changed under the write lock");
            }
            devices.recordEvent(device.id(), clock.instant(), DeviceEventType.TRANSFERRED, actor.id(), null,
                    device.uai() + " → " + to.uai() + (note == null ? "" : " ; " + note));
            audit.record(handle, actor, "TRANSFER", Audit.Entity.DEVICE, device.assetTag(),
                    Map.of("uai", Map.of("before", device.uai(), "after", to.uai())));
            return devices.findByTag(AssetTag.of(device.assetTag())).orElseThrow();
        });
    }

    /**
     * 409 unless {@code to} is an establishment the device's funder pays for: a collectivity's
     * competence in its territory, any school of another funder's territory (or of the country), or
     * any school at all when the funder lets its devices leave its territory.
     */
    private static void requireFundersCompetence(DeviceDao devices, Device device, Establishment to) {
        Funding funding = Funding.read(devices, device.fundedBy());
        if (funding == null) {
            throw ApiException.conflict("no_funder", "assetTag", "L'appareil " + device.assetTag()
                    + " n'a pas de financeur enregistré : il ne passe que d'un parc à un autre des établissements "
                    + "pour lesquels vous travaillez, et " + to.uai() + " n'en fait pas partie.");
        }
        if (funding.paysFor(to)) {
            return;
        }
        if (Funding.funderId(device.fundedBy()).isPresent()) {
            throw ApiException.conflict("other_funder", "uai", "L'établissement " + to.uai() + " n'est ni un de "
                    + "ceux pour lesquels vous travaillez, ni un de ceux pour lesquels paie " + funding.name()
                    + ", qui a financé l'appareil : l'appareil reste dans son parc.");
        }
        Territory funder = Territory.parse(device.fundedBy());
        throw ApiException.conflict("other_funder", "uai", "L'établissement " + to.uai() + " n'est ni un de "
                + "ceux pour lesquels vous travaillez, ni un des " + plural(funder.competence())
                + " du territoire du financeur de l'appareil (" + funder + ") : l'appareil reste dans son parc.");
    }

    private static String plural(EstablishmentType type) {
        return switch (type) {
            case ECOLE -> "écoles";
            case COLLEGE -> "collèges";
            default -> "lycées";
        };
    }


    /** The device held at another school is back in its own pool's hands: a step of a return or of its journey home. */
    public static void comeHome(Handle handle, Audit audit, User actor, Device device, Instant now) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        devices.setHeldAt(device.id(), null);
        devices.recordEvent(device.id(), now, DeviceEventType.TRANSFERRED, actor.id(), null,
                device.heldAt() + " → " + device.uai() + " (retour au parc d'origine)");
        audit.record(handle, actor, "TRANSFER", Audit.Entity.DEVICE, device.assetTag(),
                Map.of("heldAt", Map.of("before", device.heldAt(), "after", "")));
    }

    /** The device's repair tickets, oldest first. */
    public List<DeviceDao.RepairRow> repairs(User actor, AssetTag assetTag) {
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
            return Daos.on(handle, DeviceDao.class).dongles(uai, before, 5_000);
        });
    }

    public Page<DeviceEvent> history(User actor, AssetTag assetTag, PageRequest page) {
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
    /**
     * The device is out under an agreement of one of the caller's schools, which holds it for another
     * school's pool (its agreement followed the pupil there).
     */
    public static boolean holds(Scope scope, Device device) {
        return device.openLoan() != null && scope.coversEstablishment(device.openLoan().uai());
    }

    public static Device find(DeviceDao devices, Scope scope, AssetTag assetTag, String field) {
        return devices.findByTag(assetTag)
                .filter(device -> scope.coversEstablishment(device.uai()) || holds(scope, device))
                .orElseThrow(() -> ApiException.notFound("unknown_device", field, "Aucun appareil ne porte le "
                        + "numéro d'inventaire « " + assetTag + " » : vérifiez l'étiquette ou scannez-la."));
    }
}
