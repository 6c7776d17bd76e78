package fr.ecole.lending.establishments;

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

    @JsonValue
    @Override
    public String value() {
        return value;
    }
}
