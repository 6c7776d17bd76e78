package fr.ecole.lending.diagnostics;

import java.util.List;

/**
 * What the criteria make of a household's answers: its needs, whether it lives in a white zone,
 * whether it is eligible for a loan, its priority on the waiting list, and the reasons, one per
 * criterion that shaped the decision, in words a desk can read to the family.
 */
public record Decision(List<Need> needs, boolean whiteZone, boolean eligible, double priority,
                       List<Reason> reasons, Connectivity connectivity, Household household) {

    public enum Need { LAPTOP, DONGLE_4G, HEADSET, ALTERNATIVE_ACCESS }

    /** One criterion and its effect on the decision, as a plain French sentence. */
    public record Reason(String criterion, String effect) {
    }

    /** The connection facts the collectivities' reports count. */
    public record Connectivity(boolean noConnection, boolean mobileCapped, boolean lowFixedSpeed) {
    }

    /**
     * The household facts the fragility report counts beside the needs: a smartphone its only device, a
     * device shared by more than the criteria's ratio, parents without digital autonomy (NONE, not
     * PARTIAL), a need of another language, a need of adapted equipment (a restricted answer).
     */
    public record Household(boolean smartphoneOnly, boolean sharedDevice, boolean parentsWithoutAutonomy,
                            boolean otherLanguage, boolean adaptedEquipment) {
    }

    public boolean needs(Need need) {
        return needs.contains(need);
    }
}
