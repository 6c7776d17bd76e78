package fr.ecole.lending.geography;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import fr.ecole.lending.http.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A commune's INSEE code (code officiel géographique): five characters, 2A/2B for Corsica. */
public record CommuneCode(String value) {
    private static final Pattern SHAPE = Pattern.compile("(?:[0-9]{2}|2A|2B)[0-9]{3}");

    public CommuneCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw ApiException.invalid("invalid_commune", null, "Le code INSEE de commune « " + value
                    + " » n'est pas valide : 5 caractères, par exemple 35238 pour Rennes.");
        }
    }

    @JsonCreator
    public static CommuneCode parse(String text) {
        return new CommuneCode(text == null ? null : text.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isValid(String text) {
        return text != null && SHAPE.matcher(text).matches();
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
