package fr.ecole.lending.devices;

import fr.ecole.lending.http.ApiException;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Asset tags, the text under each device's QR label. Generated tags are eight characters from an
 * alphabet without look-alikes (no 0/O, 1/I) followed by an ISO 7064 MOD 37,36 check character
 * (any digit or letter), which catches every single mistyped character. The hybrid check misses a
 * few in a thousand swaps of two neighbours, so tags that would let one pass are never generated:
 * every swap of neighbours in a generated tag is caught. Tags a school already uses are kept as
 * given, unique whatever their case, and can never look like an agreement number.
 */
public final class AssetTags {
    static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String GENERATED_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final int GENERATED_LENGTH = 8;
    /** No "/", "?", "#" or "%": a tag sits in URLs (/api/devices/{tag}, the QR code's link) as it is. */
    /** The shape of a generated tag: eight characters and the check character. */
    public static final Pattern GENERATED_SHAPE = Pattern.compile("[0-9A-Z]{" + (GENERATED_LENGTH + 1) + "}");
    private static final Pattern SUPPLIED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private AssetTags() {
    }

    /** The ISO 7064 MOD 37,36 check character of {@code payload} (digits and upper-case letters). */
    public static char checkCharacter(String payload) {
        int m = 36;
        int p = m;
        for (int i = 0; i < payload.length(); i++) {
            int value = ALPHANUMERIC.indexOf(payload.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a digit or upper-case letter: " + payload.charAt(i));
            }
            int s = (p + value) % m;
            p = (s == 0 ? m : s) * 2 % (m + 1);
        }
        return ALPHANUMERIC.charAt((m + 1 - p) % m);
    }

    /** True when the last character of {@code tag} is the check character of the rest. */
    public static boolean hasValidCheck(String tag) {
        if (tag == null || tag.length() < 2) {
            return false;
        }
        String payload = tag.substring(0, tag.length() - 1);
        for (int i = 0; i < tag.length(); i++) {
            if (ALPHANUMERIC.indexOf(tag.charAt(i)) < 0) {
                return false;
            }
        }
        return checkCharacter(payload) == tag.charAt(tag.length() - 1);
    }

    public static String generate(RandomGenerator random) {
        while (true) {
            StringBuilder payload = new StringBuilder(GENERATED_LENGTH + 1);
            for (int i = 0; i < GENERATED_LENGTH; i++) {
                payload.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
            }
            String tag = payload.append(checkCharacter(payload.toString())).toString();
            if (everySwapIsCaught(tag)) {
                return tag;
            }
        }
    }

    /** True when no swap of two different neighbours turns {@code tag} into another valid tag. */
    static boolean everySwapIsCaught(String tag) {
        char[] chars = tag.toCharArray();
        for (int i = 0; i + 1 < chars.length; i++) {
            if (chars[i] != chars[i + 1]) {
                char[] swapped = chars.clone();
                swapped[i] = chars[i + 1];
                swapped[i + 1] = chars[i];
                if (hasValidCheck(new String(swapped))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A tag a school supplies: kept as given, but it must print and scan cleanly. */
    public static String supplied(String tag, String field) {
        String text = tag.strip();
        if (text.toUpperCase(Locale.ROOT).startsWith("AGR-")) {
            throw ApiException.invalid("invalid_asset_tag", field,
                    "Un numéro d'inventaire ne peut pas commencer par « AGR- », réservé aux conventions.");
        }
        if (GENERATED_SHAPE.matcher(text.toUpperCase(Locale.ROOT)).matches() && !hasValidCheck(text.toUpperCase(Locale.ROOT))) {
            // it would pass for a generated tag with one character mistyped, and catch the desk's typos
            throw ApiException.invalid("invalid_asset_tag", field, "Le numéro d'inventaire « " + text + " » a la forme "
                    + "d'un numéro généré (9 lettres ou chiffres) sans en avoir le caractère de contrôle : ajoutez un "
                    + "tiret ou un préfixe (ex. INV-" + text + "), ou laissez-le vide pour qu'il soit généré.");
        }
        if (!SUPPLIED.matcher(text).matches()) {
            throw ApiException.invalid("invalid_asset_tag", field, "Le numéro d'inventaire « " + text
                    + " » n'est pas admis : 1 à 40 lettres, chiffres, points ou tirets.");
        }
        return text;
    }
}
