package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.ReturnCondition;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.http.ApiException;
import java.util.List;
import java.util.Map;

/** The desk's words: labels, counts, hints and refusals, as the person at the desk reads them. */
final class DeskWords {
    private DeskWords() {
    }

    static final Map<ReturnCondition, String> CONDITIONS = Map.of(ReturnCondition.GOOD, "Bon état",
            ReturnCondition.DAMAGED, "Abîmé", ReturnCondition.BROKEN, "Cassé");

    /** Why a reason must be given (none needed: null), as the lending service will decide. */
    static String reasonHint(DeskView.Eligibility eligibility, List<DeviceKind> kinds) {
        if (!eligibility.known()) {
            return "obligatoire : la famille n'a pas de diagnostic d'éligibilité";
        }
        if (eligibility.expired()) {
            return "obligatoire : le diagnostic de la famille a expiré";
        }
        if (!eligibility.eligible()) {
            return "obligatoire : le diagnostic dit la famille non éligible";
        }
        for (DeviceKind kind : kinds) {
            String need = needLabel(switch (kind) {
                case LAPTOP, TABLET -> Decision.Need.LAPTOP;
                case DONGLE_4G -> Decision.Need.DONGLE_4G;
                case HEADSET -> Decision.Need.HEADSET;
            });
            if (!eligibility.needs().contains(need)) {
                return "obligatoire : le prêt va au-delà des besoins du diagnostic (" + kind.label() + ")";
            }
        }
        return null;
    }

    static String needLabel(Decision.Need need) {
        return switch (need) {
            case LAPTOP -> "ordinateur ou tablette";
            case DONGLE_4G -> "connexion 4G";
            case HEADSET -> "casque";
            case ALTERNATIVE_ACCESS -> "autre accès (pas de couverture)";
        };
    }

    /** The refusal in words, naming the device when it is about one of the bundle's. */
    static String refusal(ApiException refused, List<String> bundle) {
        String field = refused.field();
        if (field != null && field.startsWith("assetTags[")) {
            try {
                String tag = bundle.get(Integer.parseInt(field.substring("assetTags[".length(), field.length() - 1)));
                return refused.getMessage().contains(tag) ? refused.getMessage() : tag + " — " + refused.getMessage();
            } catch (RuntimeException e) {
                return refused.getMessage();
            }
        }
        if ("override".equals(field)) {
            return refused.getMessage().replace("indiquez la raison du prêt dans « override.reason »",
                    "indiquez le motif du prêt").replace("indiquez la raison dans « override.reason »", "indiquez le motif du prêt");
        }
        return refused.getMessage();
    }

    static List<String> accessories(Device device) {
        return device.accessories() == null ? List.of() : device.accessories();
    }

    static String guardian(Family family) {
        return family.guardian() == null || family.guardian().name() == null ? "famille n° " + family.id()
                : family.guardian().name();
    }

    static List<String> pupils(Family family) {
        return family.pupils() == null ? List.of() : family.pupils().stream()
                .map(pupil -> pupil.firstName() + (pupil.level() == null ? "" : " (" + pupil.level() + ")")).toList();
    }

    static String devicesCount(int count) {
        return count + (count > 1 ? " appareils" : " appareil");
    }

    /** A kind of device as a heading or a choice names it: "Ordinateur portable", "Clé 4G". */
    static String kindLabel(DeviceKind kind) {
        return DeskScans.capitalised(kind.label());
    }

    static String conditionLabel(ReturnCondition condition) {
        return CONDITIONS.get(condition);
    }
}
