package fr.ecole.lending.reports;

import java.util.Locale;

/** What a report's rows stand for. */
public enum Grouping {
    /** An establishment, keyed by its UAI. */
    ESTABLISHMENT,
    /** A commune, keyed by its INSEE code. */
    COMMUNE,
    /** The collectivity that paid for the devices, keyed as its territory ({@code departement:035}), or {@code none}. */
    FUNDER,
    /** A collège's catchment, keyed by its UAI, or {@code split:<INSEE>} for a commune shared between collèges. */
    CATCHMENT;

    /** As the query string writes it. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
