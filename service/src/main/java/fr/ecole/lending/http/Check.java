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

    /**
     * The value stripped, or null when absent or blank; refused when too long or holding control
     * characters or invisible ones.
     */
    public static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        visible(text, field);
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

    /**
     * Refuses text holding a Unicode format character (category Cf: right-to-left overrides and
     * isolates, zero-width spaces and joiners, the byte-order mark, the soft hyphen...): it makes a
     * name print otherwise than it reads, in a signed agreement or a CSV. All of them, the joiners of
     * emoji sequences included: names follow the civil register, in Latin letters, where none occurs.
     */
    public static void visible(String text, String field) {
        int found = formatCharacter(text);
        if (found >= 0) {
            throw invisible(field, found);
        }
    }

    static ApiException invisible(String field, int character) {
        return ApiException.invalid("invisible_character", field, "Le champ « " + field + " » contient un caractère "
                + "invisible ou de mise en forme (" + codePoint(character) + ") : retapez la valeur au clavier plutôt "
                + "que de la coller.");
    }

    /** The first format character of {@code text} (category Cf), or -1. */
    public static int formatCharacter(String text) {
        return text.codePoints().filter(c -> Character.getType(c) == Character.FORMAT).findFirst().orElse(-1);
    }

    /** A character as Unicode names it: {@code U+202E}. */
    public static String codePoint(int c) {
        return String.format("U+%04X", c);
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
