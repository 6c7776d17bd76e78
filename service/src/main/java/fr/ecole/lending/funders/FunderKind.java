package fr.ecole.lending.funders;

/**
 * Who a funder is: a collectivity (commune, département, région, each paying for its own kind of
 * school), the State (national programmes), the académie, a foundation, an association, another.
 */
public enum FunderKind {
    COMMUNE, DEPARTEMENT, REGION, STATE, ACADEMIE, FOUNDATION, ASSOCIATION, OTHER;

    /** The territory kind a collectivity's funder must have ({@code commune}...), or null for the others. */
    String territoryKind() {
        return switch (this) {
            case COMMUNE -> "commune";
            case DEPARTEMENT -> "departement";
            case REGION -> "region";
            default -> null;
        };
    }
}
