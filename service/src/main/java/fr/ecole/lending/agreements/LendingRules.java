package fr.ecole.lending.agreements;

import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.http.ApiException;
import java.time.LocalDate;

/** The rules a desk lends by, on values already read: no database here. */
public final class LendingRules {
    static final int MAX_YEARS_AHEAD = 3;

    private LendingRules() {
    }

    /**
     * Refuses a device that this establishment cannot lend today: another school's, one already out,
     * in repair, lost or retired, or a dongle whose data plan has lapsed.
     */
    public static void checkLendable(Device device, String uai, LocalDate today, String field) {
        String tag = device.assetTag();
        if (!device.uai().equals(uai)) {
            throw unavailable(field, "L'appareil " + tag + " appartient au parc d'un autre établissement ("
                    + device.uai() + ") : seul celui-ci peut le prêter.");
        }
        switch (device.status()) {
            case AVAILABLE -> {
            }
            case ON_LOAN -> throw unavailable(field, "L'appareil " + tag + " est déjà prêté"
                    + (device.openLoan() == null ? "" : " (convention " + device.openLoan().agreementNumber() + ")")
                    + " : choisissez-en un autre ou enregistrez d'abord son retour.");
            case IN_REPAIR -> throw unavailable(field, "L'appareil " + tag
                    + " est en réparation : choisissez-en un autre.");
            case LOST -> throw unavailable(field, "L'appareil " + tag
                    + " est déclaré perdu : choisissez-en un autre.");
            case RETIRED -> throw unavailable(field, "L'appareil " + tag
                    + " est réformé : choisissez-en un autre.");
        }
        if (device.heldAt() != null) {
            throw unavailable(field, "L'appareil " + tag + " a été rendu à un autre établissement (" + device.heldAt()
                    + ") : il doit d'abord revenir au parc.");
        }
        if (device.needsWipe()) {
            throw ApiException.conflict("not_wiped", field, "L'appareil " + tag + " n'a pas été effacé depuis son "
                    + "dernier retour : effacez les données de la famille précédente, puis confirmez-le "
                    + "(POST /api/devices/" + tag + "/wipe).");
        }
        if (device.kind() == DeviceKind.DONGLE_4G && device.sim() != null && device.sim().planEnds() != null
                && device.sim().planEnds().isBefore(today)) {
            throw ApiException.conflict("plan_ended", field, "Le forfait de la clé 4G " + tag + " a pris fin le "
                    + device.sim().planEnds() + " : renouvelez-le avant de la prêter.");
        }
    }

    /** A due date is today or later, and within a few school years. */
    public static void checkDueDate(LocalDate dueDate, LocalDate today) {
        if (dueDate.isBefore(today)) {
            throw ApiException.invalid("due_date_in_past", "dueDate",
                    "La date de retour prévue (" + dueDate + ") est déjà passée : choisissez une date à venir.");
        }
        if (dueDate.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            throw ApiException.invalid("due_date_too_far", "dueDate", "La date de retour prévue (" + dueDate
                    + ") est à plus de " + MAX_YEARS_AHEAD + " ans : vérifiez l'année.");
        }
    }

    public static boolean isOverdue(AgreementStatus status, LocalDate dueDate, LocalDate today) {
        return status == AgreementStatus.ACTIVE && dueDate.isBefore(today);
    }

    private static ApiException unavailable(String field, String message) {
        return ApiException.conflict("device_unavailable", field, message);
    }
}
