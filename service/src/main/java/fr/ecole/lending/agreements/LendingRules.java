package fr.ecole.lending.agreements;

import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.diagnostics.DiagnosticDao;
import fr.ecole.lending.http.ApiException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The rules a desk lends by, on values already read: no database here. With the eligibility
 * decider ({@code diagnostics.EligibilityDecider}), this is where lending is decided.
 */
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

    /**
     * No decision is automatic: lending needs the family's latest diagnostic ({@code latest}) to be
     * unexpired and eligible, and the bundle to stay within its needs (a tablet may answer a laptop
     * need); otherwise staff give the reason, recorded on the agreement. Returns the diagnostic lent
     * on, or null when the reason stands in for it.
     */
    public static Long diagnosticLentOn(Optional<DiagnosticDao.DiagnosticRow> latest, List<Device> bundle,
                                        String overrideReason, LocalDate today) {
        Optional<DiagnosticDao.DiagnosticRow> valid = latest.filter(row -> !row.expires().isBefore(today));
        if (valid.isEmpty() || !valid.get().eligible()) {
            if (overrideReason == null) {
                String why = latest.isEmpty() ? "Cette famille n'a pas de diagnostic d'éligibilité"
                        : valid.isEmpty() ? "Le dernier diagnostic de cette famille a expiré le " + latest.get().expires()
                        : "Le dernier diagnostic de cette famille la dit non éligible";
                throw ApiException.conflict("not_eligible", "override", why
                        + " : faites un diagnostic, ou indiquez la raison du prêt dans « override.reason ».");
            }
            return null;
        }
        DiagnosticDao.DiagnosticRow diagnostic = valid.get();
        for (int i = 0; i < bundle.size(); i++) {
            Device device = bundle.get(i);
            boolean needed = switch (device.kind()) {
                case LAPTOP, TABLET -> diagnostic.needLaptop();
                case DONGLE_4G -> diagnostic.needDongle();
                case HEADSET -> diagnostic.needHeadset();
            };
            if (!needed && overrideReason == null) {
                throw ApiException.conflict("beyond_needs", "assetTags[" + i + "]", "Le diagnostic de la famille ne "
                        + "relève pas de besoin de " + device.kind().label() + " (" + device.assetTag()
                        + ") : retirez l'appareil, ou indiquez la raison dans « override.reason ».");
            }
        }
        return diagnostic.id();
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

    /**
     * 422 {@code duplicate_device} naming the second mention of a device in a request: the same device typed
     * in two cases is the same device, as the lookup of tags finds it (tags are ASCII: AssetTags.supplied).
     */
    static void requireDistinct(List<String> tags, String field) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            if (!seen.add(tags.get(i).strip().toUpperCase(java.util.Locale.ROOT))) {
                throw ApiException.invalid("duplicate_device", field + "[" + i + "]", "L'appareil " + tags.get(i)
                        + " figure deux fois dans la demande : scannez chaque appareil une fois.");
            }
        }
    }

    public static boolean isOverdue(AgreementStatus status, LocalDate dueDate, LocalDate today) {
        return status == AgreementStatus.ACTIVE && dueDate.isBefore(today);
    }

    private static ApiException unavailable(String field, String message) {
        return ApiException.conflict("device_unavailable", field, message);
    }
}
