package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceEventType;
import fr.ecole.lending.devices.DeviceStatus;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What lending a device does, and what ending a loan does to its agreement, whether the device came
 * back (a return) or not (lost).
 */
public final class Loans {
    private Loans() {
    }

    /**
     * Lends {@code device}, checked lendable, under agreement {@code agreementId}: its loan, its status, its
     * history ({@code note} there, may be null) and the audit, inside the caller's write transaction.
     */
    static void lend(Handle handle, Audit audit, User actor, long agreementId, String agreementNumber, Device device,
                     Instant now, String note) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        Daos.on(handle, AgreementDao.class).insertLoan(agreementId, device.id(), now);
        if (devices.changeStatus(device.id(), DeviceStatus.AVAILABLE, DeviceStatus.ON_LOAN) != 1) {
            throw new IllegalStateException("device " + device.assetTag() + " changed under the write lock");
        }
        devices.recordEvent(device.id(), now, DeviceEventType.LENT, actor.id(), agreementId, note);
        audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.DEVICE, device.assetTag(), Map.of(
                "status", Map.of("before", DeviceStatus.AVAILABLE, "after", DeviceStatus.ON_LOAN),
                "agreement", agreementNumber));
    }

    /** Closes the loan's agreement once none of its devices is out any more; returns its status. */
    public static AgreementStatus closeWhenNothingIsOut(Handle handle, Audit audit, User actor,
                                                        AgreementDao.OpenLoanRow loan, Instant now) {
        return closeWhenNothingIsOut(handle, audit, actor, loan.agreementId(), loan.agreementNumber(), now);
    }

    /** Closes the agreement once none of its devices is out any more (the last returned, lost or handed over). */
    static AgreementStatus closeWhenNothingIsOut(Handle handle, Audit audit, User actor, long agreementId,
                                                 String agreementNumber, Instant now) {
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        if (agreements.countOpenLoans(agreementId) > 0) {
            return AgreementStatus.ACTIVE;
        }
        agreements.close(agreementId, now);
        audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.AGREEMENT, agreementNumber,
                Map.of("status", Map.of("before", AgreementStatus.ACTIVE, "after", AgreementStatus.CLOSED)));
        return AgreementStatus.CLOSED;
    }
}
