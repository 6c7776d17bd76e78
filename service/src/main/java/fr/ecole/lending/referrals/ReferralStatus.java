package fr.ecole.lending.referrals;

/**
 * Where a referral stands: proposed to the family, accepted by it, done (the family went, the
 * tariff is in place), or declined. Done and declined are final.
 */
public enum ReferralStatus {
    PROPOSED("Proposée"),
    ACCEPTED("Acceptée"),
    DONE("Réalisée"),
    DECLINED("Refusée");

    private final String label;

    ReferralStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean closed() {
        return this == DONE || this == DECLINED;
    }

    /**
     * Whether a referral in this status may move to {@code next}: forward only, and a family may go
     * straight from proposed to done (it went before anyone wrote down that it accepted).
     */
    public boolean mayBecome(ReferralStatus next) {
        return switch (this) {
            case PROPOSED -> next != PROPOSED;
            case ACCEPTED -> next == DONE || next == DECLINED;
            case DONE, DECLINED -> false;
        };
    }
}
