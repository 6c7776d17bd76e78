package fr.ecole.lending.devices;

import fr.ecole.lending.http.ApiException;
import java.util.Optional;

/** Where a device is. Only lending and returns move a device to and from {@code ON_LOAN}. */
public enum DeviceStatus {
    AVAILABLE, ON_LOAN, IN_REPAIR, LOST, RETIRED;

    /**
     * The event that a change of status by staff writes in the history, or empty when the device
     * already has that status. Refuses the changes a desk must not make: a device out on loan comes
     * back through a return before repair or retirement (it can be declared lost meanwhile), and a
     * retired device stays retired.
     */
    public Optional<DeviceEventType> changeTo(DeviceStatus target) {
        if (target == ON_LOAN) {
            throw ApiException.invalid("invalid_value", "status",
                    "Un appareil ne passe « ON_LOAN » qu'en étant prêté par une convention (POST /api/agreements).");
        }
        if (target == this) {
            return Optional.empty();
        }
        if (this == RETIRED) {
            throw ApiException.conflict("device_retired", "status",
                    "Cet appareil est réformé : il ne peut plus changer d'état.");
        }
        if (this == ON_LOAN && target != LOST) {
            throw ApiException.conflict("device_on_loan", "status", "Cet appareil est prêté : enregistrez "
                    + "d'abord son retour (POST /api/returns) avant de le " + switch (target) {
                        case IN_REPAIR -> "mettre en réparation.";
                        case RETIRED -> "réformer.";
                        default -> "rendre disponible.";
                    });
        }
        return Optional.of(switch (target) {
            case IN_REPAIR -> DeviceEventType.REPAIR_OUT;
            case AVAILABLE -> this == IN_REPAIR ? DeviceEventType.REPAIR_BACK : DeviceEventType.STATUS_CHANGED;
            case LOST -> DeviceEventType.LOST;
            case RETIRED -> DeviceEventType.RETIRED;
            case ON_LOAN -> throw new IllegalStateException("refused above");
        });
    }
}
