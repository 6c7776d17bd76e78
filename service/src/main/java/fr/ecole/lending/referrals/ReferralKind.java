package fr.ecole.lending.referrals;

/** The help a family is sent to when a device is not the answer, or not the whole answer. */
public enum ReferralKind {
    SOCIAL_TARIFF("Tarif social internet"),
    MEDIATION("Médiation numérique ou tiers-lieu"),
    PUBLIC_ACCESS("Point d'accès public"),
    PRINTED_WORK("Travail imprimé"),
    EDUCATIONAL_PROGRAMME("Programme de réussite éducative"),
    ASSOCIATION("Association"),
    OTHER("Autre");

    private final String label;

    ReferralKind(String label) {
        this.label = label;
    }

    /** The kind as the pages and the export print it. */
    public String label() {
        return label;
    }
}
