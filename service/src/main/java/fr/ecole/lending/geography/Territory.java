package fr.ecole.lending.geography;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import fr.ecole.lending.http.ApiException;
import java.util.regex.Pattern;

/**
 * A collectivity's territory: {@code commune:<INSEE code>} (écoles), {@code departement:<code as in
 * the national directory, e.g. 035>} (collèges) or {@code region:<code>} (lycées).
 */
public record Territory(String value) {
    private static final Pattern SHAPE = Pattern.compile(
            "commune:(?:[0-9]{2}|2A|2B)[0-9]{3}|departement:(?:[0-9]{3}|02A|02B)|region:[0-9]{2}");

    public Territory {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw ApiException.invalid("invalid_territory", null, "Le territoire « " + value
                    + " » n'est pas valide : commune:<code INSEE>, departement:<code, ex. 035> ou region:<code, ex. 53>.");
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

    /** True when a place (an establishment's commune, département and région) lies in this territory. */
    public boolean holds(String communeInsee, String departement, String region) {
        return switch (kind()) {
            case "commune" -> code().equals(communeInsee);
            case "departement" -> code().equals(departement);
            default -> code().equals(region);
        };
    }

    /** The establishments a collectivity of this kind pays for: écoles, collèges or lycées. */
    public EstablishmentType competence() {
        return switch (kind()) {
            case "commune" -> EstablishmentType.ECOLE;
            case "departement" -> EstablishmentType.COLLEGE;
            default -> EstablishmentType.LYCEE;
        };
    }

    /** {@code commune}, {@code departement} or {@code region}. */
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
