package fr.ecole.lending.geography;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import fr.ecole.lending.http.ApiException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A territory: a collectivity's, {@code commune:<INSEE code>} (écoles), {@code departement:<code as in
 * the national directory, e.g. 035>} (collèges) or {@code region:<code>} (lycées); or a rectorat's,
 * {@code academie:<the directory's Code_academie, e.g. 14 for Rennes>}, every kind of school together.
 */
public record Territory(String value) {
    private static final Pattern SHAPE = Pattern.compile(
            "commune:(?:[0-9]{2}|2A|2B)[0-9]{3}|departement:(?:[0-9]{3}|02A|02B)|region:[0-9]{2}|academie:[0-9]{1,3}");
    /** The schools of an académie: every kind where pupils are taught, whoever pays for them. */
    private static final List<EstablishmentType> ACADEMIE_SCHOOLS = List.of(EstablishmentType.ECOLE,
            EstablishmentType.COLLEGE, EstablishmentType.LYCEE, EstablishmentType.EREA);

    public Territory {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw ApiException.invalid("invalid_territory", null, "Le territoire « " + value
                    + " » n'est pas valide : commune:<code INSEE>, departement:<code, ex. 035>, region:<code, ex. 53> "
                    + "ou academie:<code, ex. 14>.");
        }
    }

    @JsonCreator
    public static Territory parse(String text) {
        return new Territory(text == null ? null : text.strip());
    }

    /** Reads a territory given for a named field. */
    public static Territory parse(String text, String field) {
        try {
            return parse(text);
        } catch (ApiException e) {
            throw e.at(field);
        }
    }

    /**
     * The département of a commune, as the national directory writes it, from the commune's INSEE
     * code: 35238 is in 035, 2A004 in 02A, 97411 in 974. The search of families mirrors this in SQL.
     */
    public static String departementOf(String communeInsee) {
        if (communeInsee == null || communeInsee.length() != 5) {
            return null;
        }
        return communeInsee.startsWith("97") ? communeInsee.substring(0, 3) : "0" + communeInsee.substring(0, 2);
    }

    /**
     * Reads a collectivity's territory, for a field that takes no académie (a collectivity's or a
     * social worker's territory, a device's funder): 422 {@code invalid_territory} otherwise.
     */
    public static Territory parseCollectivity(String text, String field) {
        Territory territory = parse(text, field);
        if (territory.isAcademie()) {
            throw ApiException.invalid("invalid_territory", field, "Une académie n'est pas une collectivité : "
                    + "indiquez commune:<code INSEE>, departement:<code, ex. 035> ou region:<code, ex. 53>.");
        }
        return territory;
    }

    /** Reads an académie, for a rectorat's territory: 422 {@code invalid_territory} otherwise. */
    public static Territory parseAcademie(String text, String field) {
        Territory territory = parse(text, field);
        if (!territory.isAcademie()) {
            throw ApiException.invalid("invalid_territory", field, "Le territoire d'un rectorat est son académie : "
                    + "academie:<code de l'annuaire, ex. 14 pour Rennes>.");
        }
        return territory;
    }

    public boolean isAcademie() {
        return "academie".equals(kind());
    }

    /**
     * True when a place (an establishment's commune, département and région) lies in this collectivity's
     * territory; never for an académie, which pays for no device (nor can fund one: {@link #parseCollectivity}).
     */
    public boolean holds(String communeInsee, String departement, String region) {
        return switch (kind()) {
            case "commune" -> code().equals(communeInsee);
            case "departement" -> code().equals(departement);
            case "region" -> code().equals(region);
            default -> false;
        };
    }

    /** The establishments a collectivity of this kind pays for: écoles, collèges or lycées. */
    public EstablishmentType competence() {
        return switch (kind()) {
            case "commune" -> EstablishmentType.ECOLE;
            case "departement" -> EstablishmentType.COLLEGE;
            case "region" -> EstablishmentType.LYCEE;
            default -> throw new IllegalStateException("an académie pays for no kind of school in particular: " + value);
        };
    }

    /** What the reports of this territory's own cover: a collectivity's competence, or an académie's every school. */
    public List<EstablishmentType> schools() {
        return isAcademie() ? ACADEMIE_SCHOOLS : List.of(competence());
    }

    /** {@code commune}, {@code departement}, {@code region} or {@code academie}. */
    public String kind() {
        return value.substring(0, value.indexOf(':'));
    }

    /** The INSEE code of the commune, or the directory's code of the département or région. */
    public String code() {
        return value.substring(value.indexOf(':') + 1);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
