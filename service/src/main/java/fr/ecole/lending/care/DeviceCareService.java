package fr.ecole.lending.care;

import fr.ecole.lending.agreements.AgreementDao;
import fr.ecole.lending.agreements.Loans;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceEventType;
import fr.ecole.lending.devices.DeviceNote;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.devices.DeviceStatusChange;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Devices between loans: sent to repair, back, lost, retired; wiped of the last family's data;
 * back in their own pool after a return at another school.
 */
public class DeviceCareService {
    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public DeviceCareService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Staff move a device in or out of service: repair, lost, retired, available again. A device
     * declared lost while out ends its loan, and the agreement closes when nothing else is out.
     */
    public Device changeStatus(User actor, AssetTag assetTag, DeviceStatusChange change) {
        Check.body(change);
        DeviceStatus target = Check.present(change.status(), "status");
        String note = Check.optional(change.note(), "note", 500);
        if (target == DeviceStatus.LOST && note == null) {
            throw ApiException.invalid("missing_value", "note",
                    "Indiquez comment l'appareil a été perdu (« note ») : c'est ce que retiendra son historique.");
        }
        return database.write(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = DeviceService.find(devices, Scope.of(actor), assetTag, "assetTag");
            Optional<DeviceEventType> event = device.status().changeTo(target);
            if (event.isEmpty()) {
                return device;
            }
            Instant now = clock.instant();
            Long agreementId = null;
            if (device.status() == DeviceStatus.ON_LOAN) {
                AgreementDao agreements = Daos.on(handle, AgreementDao.class);
                AgreementDao.OpenLoanRow loan = agreements.openLoanOf(device.id()).orElseThrow();
                // out under another school's agreement (it followed its pupil): that school answers for the loan
                if (!Scope.of(actor).coversEstablishment(loan.uai())) {
                    throw ApiException.conflict("held_elsewhere", "status", "L'appareil " + device.assetTag()
                            + " est prêté sous la convention " + loan.agreementNumber() + " de l'établissement "
                            + loan.uai() + ", où l'élève est maintenant : c'est à cet établissement de déclarer sa "
                            + "perte ou son retour.");
                }
                if (agreements.pendingHandInOf(loan.loanId()).isPresent()) {
                    throw ApiException.conflict("hand_in_pending", "status", "L'appareil " + device.assetTag()
                            + " a été remis à un autre établissement : confirmez ou refusez d'abord ce "
                            + "retour, qui attend votre décision.");
                }
                agreements.markLost(loan.loanId(), now);
                agreementId = loan.agreementId();
                Loans.closeWhenNothingIsOut(handle, audit, actor, loan, now);
            }
            if (devices.changeStatus(device.id(), device.status(), target) != 1) {
                throw new IllegalStateException("device " + assetTag + " changed under the write lock");
            }
            // a device in repair carries a ticket: opened when it goes, closed with the outcome when it leaves
            if (device.status() == DeviceStatus.IN_REPAIR) {
                devices.closeRepair(device.id(), now, target + (note == null ? "" : " : " + note));
            }
            if (target == DeviceStatus.IN_REPAIR) {
                devices.openRepair(device.id(), note == null ? "Motif non précisé" : note, now);
            }
            devices.recordEvent(device.id(), now, event.get(), actor.id(), agreementId, note);
            audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.DEVICE, device.assetTag(),
                    Map.of("status", Map.of("before", device.status(), "after", target)));
            return devices.findByTag(AssetTag.of(device.assetTag())).orElseThrow();
        });
    }

    /** The device is back in its own pool, from the school that received it. */
    public Device backHome(User actor, AssetTag assetTag) {
        return database.write(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = DeviceService.find(devices, Scope.of(actor), assetTag, "assetTag");
            if (device.heldAt() == null) {
                return device;
            }
            DeviceService.comeHome(handle, audit, actor, device, clock.instant());
            return devices.findByTag(AssetTag.of(device.assetTag())).orElseThrow();
        });
    }


    /** Staff confirm a device came back wiped of the last family's data: it may be lent again. */
    public Device confirmWiped(User actor, AssetTag assetTag, DeviceNote confirmation) {
        String note = confirmation == null ? null : Check.optional(confirmation.note(), "note", 500);
        return database.write(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = DeviceService.find(devices, Scope.of(actor), assetTag, "assetTag");
            if (device.status() == DeviceStatus.ON_LOAN) {
                throw ApiException.conflict("device_on_loan", "assetTag", "L'appareil " + device.assetTag()
                        + " est prêté : il s'efface à son retour.");
            }
            devices.setNeedsWipe(device.id(), false);
            devices.recordEvent(device.id(), clock.instant(), DeviceEventType.WIPED, actor.id(), null, note);
            audit.record(handle, actor, "WIPE", Audit.Entity.DEVICE, device.assetTag(), null);
            return devices.findByTag(AssetTag.of(device.assetTag())).orElseThrow();
        });
    }
}
