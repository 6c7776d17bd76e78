package fr.ecole.lending.funders;

import fr.ecole.lending.devices.Device;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import org.jdbi.v3.core.Handle;

/**
 * What a device's funder lets happen when the device follows its pupil to another school. A funder
 * pays for the schools of its territory: a device stays within it unless the funder allows otherwise.
 */
public final class FunderRules {
    private FunderRules() {
    }

    /** Where a handed-over device belongs afterwards. */
    public enum Outcome {
        /** The new school's pool: the funder pays for that school too. */
        CHANGE_POOL,
        /** Still the first school's, held by the new one until it comes back. */
        KEEP_OWNERSHIP
    }

    /**
     * A device on loan handed with its agreement to {@code to}: it changes pool when its funder is
     * competent for that school, stays the first pool's property when the school lies in the funder's
     * territory without being of its competence (a commune's laptop following a pupil to the collège),
     * and is refused, 409 {@code funder_forbids}, outside the funder's territory. A device without a
     * funder is the school's own: it stays its property.
     */
    public static Outcome forHandover(Handle handle, Device device, Establishment to) {
        if (device.fundedBy() == null) {
            return Outcome.KEEP_OWNERSHIP;
        }
        Territory funder = Territory.parse(device.fundedBy());
        if (!funder.holds(to.communeInsee(), to.departement(), to.region())) {
            throw ApiException.conflict("funder_forbids", "assetTags", "L'appareil " + device.assetTag()
                    + " a été financé par " + funder + ", qui ne le laisse pas quitter son territoire : "
                    + to.name() + " (" + to.uai() + ") n'en fait pas partie. Reprenez l'appareil, l'élève pourra "
                    + "en emprunter un à sa nouvelle école.");
        }
        return to.type() == funder.competence() ? Outcome.CHANGE_POOL : Outcome.KEEP_OWNERSHIP;
    }
}
