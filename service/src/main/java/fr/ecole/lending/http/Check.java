package fr.ecole.lending.http;

import java.util.ArrayList;
import java.util.List;

/** Checks of plain values from request bodies, each refusal naming its field. */
public final class Check {
    private Check() {
    }

    /** The value, stripped; refused when missing, blank, longer than {@code max} or holding control characters. */
    public static String required(String value, String field, int max) {
        String text = optional(value, field, max);
        if (text == null) {
            throw ApiException.invalid("missing_value", field, "Le champ « " + field + " » est requis.");
        }
        return text;
    }

    /** The value stripped, or null when absent or blank; refused when too long or holding control characters. */
    public static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw ApiException.invalid("too_long", field,
                    "Le champ « " + field + " » dépasse " + max + " caractères.");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ApiException.invalid("invalid_value", field,
                    "Le champ « " + field + " » contient des caractères de contrôle (retour à la ligne, tabulation...).");
        }
        if (hasLoneSurrogate(text)) {
            // half of a character (a JSON "\ud800" escape): no text can hold it, nor a password hash take it
            throw ApiException.invalid("invalid_value", field,
                    "Le champ « " + field + " » contient un caractère mal encodé : retapez la valeur.");
        }
        return text;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Each element checked as {@link #required}; at most {@code maxItems}; null reads as empty. */
    public static List<String> list(List<String> values, String field, int maxItems, int max) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            throw ApiException.invalid("too_many", field,
                    "Le champ « " + field + " » admet au plus " + maxItems + " éléments.");
        }
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(required(values.get(i), field + "[" + i + "]", max));
        }
        return List.copyOf(out);
    }

    /** Refuses a missing object or enum value. */
    public static <T> T present(T value, String field) {
        if (value == null) {
            throw ApiException.invalid("missing_value", field, "Le champ « " + field + " » est requis.");
        }
        return value;
    }

    /** Refuses a request without a body. */
    public static <T> T body(T body) {
        if (body == null) {
            throw ApiException.invalid("invalid_body", null,
                    "Le corps de la requête doit être un objet JSON non vide.");
        }
        return body;
    }
}
