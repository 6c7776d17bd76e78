package fr.ecole.lending.geography;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import fr.ecole.lending.http.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An establishment's UAI (Unité administrative immatriculée), e.g. {@code 0350122T}: seven digits
 * and a check letter, {@code "ABCDEFGHJKLMNPRSTUVWXYZ"[first seven digits mod 23]}. A UAI that
 * fails its check is refused wherever one is accepted, so a typo never reaches another school.
 */
public record Uai(String value) {
    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final Pattern SHAPE = Pattern.compile("[0-9]{7}[A-Z]");

    public Uai {
        if (!isValid(value)) {
            throw invalid(value);
        }
    }

    /** Reads a UAI as typed or scanned: surrounding spaces and a lower-case letter are forgiven. */
    @JsonCreator
    public static Uai parse(String text) {
        if (text == null) {
            throw invalid(null);
        }
        return new Uai(text.strip().toUpperCase(Locale.ROOT));
    }

    /** Reads a UAI given for a named field (a path parameter, a CSV column). */
    public static Uai parse(String text, String field) {
        try {
            return parse(text);
        } catch (ApiException e) {
            throw e.at(field);
        }
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches() && checkLetter(value.substring(0, 7)) == value.charAt(7);
    }

    /** The check letter of a UAI's seven digits. */
    public static char checkLetter(String digits) {
        return CHECK_LETTERS.charAt(Integer.parseInt(digits) % 23);
    }

    private static ApiException invalid(String value) {
        return ApiException.invalid("invalid_uai", null, value == null || value.isBlank()
                ? "Le code UAI de l'établissement est requis (7 chiffres et une lettre, ex. 0350122T)."
                : "Le code UAI « " + value + " » n'est pas valide : vérifiez les 7 chiffres et la lettre "
                        + "de contrôle (ex. 0350122T).");
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
