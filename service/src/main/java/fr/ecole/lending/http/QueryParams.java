package fr.ecole.lending.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Query-string values, refused with a 422 naming the parameter. */
public final class QueryParams {
    private static final Pattern DATE = Pattern.compile("2[0-9]{3}-[0-9]{2}-[0-9]{2}");

    private QueryParams() {
    }

    /** A filter naming an enum constant; absent or empty means no filter. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(constant);
            }
            throw ApiException.invalid("invalid_value", name, "Le paramètre « " + name
                    + " » ne connaît pas la valeur « " + value + " » ; valeurs possibles : " + allowed + ".");
        }
    }

    /** A calendar date {@code YYYY-MM-DD} of this millennium (the service's records start in it); absent or empty gives null. */
    public static LocalDate date(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (!DATE.matcher(text.strip()).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("invalid_value", name, "« " + name + " » est une date AAAA-MM-JJ, de 2000 à 2999.");
        }
    }
}
