package fr.ecole.lending.devices;

import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import java.util.Optional;

/**
 * Who paid for a device, as the rules of where it may go read it ({@code devices.funded_by}): a
 * collectivity named by its territory ({@code departement:035}), or a funder's record
 * ({@code funder:<id>}). A collectivity, named either way, pays for the schools of its competence in
 * its territory (a commune its écoles, a département its collèges, a région its lycées); any other
 * funder pays for every school of its territory, or of the whole country when it has none (the State).
 * Outside its territory, only a funder that allows it lets its devices go.
 *
 * @param name        how refusals name it: the funder's name, or the territory
 * @param territory   where it pays, null for a national funder
 * @param collectivity true when it pays for the schools of its competence only
 */
public record Funding(String name, String territory, boolean collectivity, boolean allowsOutside) {
    public static final String FUNDER_PREFIX = "funder:";

    /** A collectivity named by its territory: its devices never leave it. */
    public static Funding of(Territory territory) {
        return new Funding(territory.value(), territory.value(), true, false);
    }

    /** The funder's number of a {@code funder:<id>} reference, empty for a territory or anything else. */
    public static Optional<Long> funderId(String fundedBy) {
        if (fundedBy == null || !fundedBy.startsWith(FUNDER_PREFIX)) {
            return Optional.empty();
        }
        String digits = fundedBy.substring(FUNDER_PREFIX.length());
        return digits.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(digits)) : Optional.empty();
    }

    /** 404 {@code unknown_funder} naming {@code field}: no funder has this number. */
    public static ApiException unknown(Object id, String field) {
        return ApiException.notFound("unknown_funder", field, "Aucun financeur n'a le numéro « " + id
                + " » : consultez la liste des financeurs (GET /api/funders) ou demandez à l'administrateur de l'ajouter.");
    }

    /** The funding of a device's {@code fundedBy}; null for a device without a funder. */
    public static Funding read(DeviceDao devices, String fundedBy) {
        if (fundedBy == null) {
            return null;
        }
        // funders are never deleted: a reference stored once always finds its record
        return funderId(fundedBy).map(id -> devices.funding(id).orElseThrow())
                .orElseGet(() -> of(Territory.parse(fundedBy)));
    }

    /** True when the school lies in the funder's territory; every school for a national funder. */
    public boolean holds(Establishment school) {
        if (territory == null) {
            return true;
        }
        Territory area = Territory.parse(territory);
        // an académie's funder pays in the schools the directory places in that académie
        return area.isAcademie() ? area.code().equals(school.academie())
                : area.holds(school.communeInsee(), school.departement(), school.region());
    }

    /** True when the funder pays for this school: its competence in its territory, or anywhere it lets go. */
    public boolean paysFor(Establishment school) {
        if (!holds(school)) {
            return allowsOutside;
        }
        return !collectivity || school.type() == Territory.parse(territory).competence();
    }
}
