package fr.ecole.lending.funders;

import fr.ecole.lending.db.Daos;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.Funding;
import fr.ecole.lending.establishments.Establishment;
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
     * A device on loan handed with its agreement to {@code to}: it changes pool when its funder pays for
     * that school (a collectivity's competence in its territory, any school of the territory of another
     * funder, of the whole country for a national one, or a school outside it when the funder allows its
     * devices to leave); it stays the first pool's property when the school lies in a collectivity's
     * territory without being of its competence (a commune's laptop following a pupil to the collège);
     * and it is refused, 409 {@code funder_forbids}, outside the territory of a funder that does not allow
     * it. A device without a funder is the school's own: it stays its property.
     */
    public static Outcome forHandover(Handle handle, Device device, Establishment to) {
        Funding funding = Funding.read(Daos.on(handle, DeviceDao.class), device.fundedBy());
        if (funding == null) {
            return Outcome.KEEP_OWNERSHIP;
        }
        if (funding.paysFor(to)) {
            return Outcome.CHANGE_POOL;
        }
        if (!funding.holds(to)) {
            throw ApiException.conflict("funder_forbids", "assetTags", "L'appareil " + device.assetTag()
                    + " a été financé par " + funding.name() + ", qui ne le laisse pas quitter son territoire : "
                    + to.name() + " (" + to.uai() + ") n'en fait pas partie. Reprenez l'appareil, l'élève pourra "
                    + "en emprunter un à sa nouvelle école.");
        }
        return Outcome.KEEP_OWNERSHIP;
    }
}
