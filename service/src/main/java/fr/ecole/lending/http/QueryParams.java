package fr.ecole.lending.http;

import java.util.Locale;

/** Query-string values, refused with a 422 naming the parameter. */
public final class QueryParams {
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
}
