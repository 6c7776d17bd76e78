package fr.ecole.lending.http;

import java.util.regex.Pattern;

/** Phone numbers as people type them ("06 12 34 56 78", "+33 6 12..."), kept in one compact form. */
public final class PhoneNumbers {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()/]");
    private static final Pattern FRENCH = Pattern.compile("0[1-9][0-9]{8}");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {
    }

    /** {@code 0612345678} for a French number (+33 folded in), {@code +<digits>} for another country. */
    public static String normalize(String text, String field) {
        String compact = SEPARATORS.matcher(text.strip()).replaceAll("");
        if (compact.startsWith("0033")) {
            compact = "+33" + compact.substring(4);
        }
        if (compact.startsWith("+33") && compact.length() == 12) {
            compact = "0" + compact.substring(3);
        }
        if (FRENCH.matcher(compact).matches() || INTERNATIONAL.matcher(compact).matches()) {
            return compact;
        }
        throw ApiException.invalid("invalid_phone", field, "Le numéro de téléphone « " + text.strip()
                + " » n'est pas valide : 10 chiffres (ex. 06 12 34 56 78) ou +indicatif international.");
    }

    /** The digits a search compares: what a desk types may be any part of the number. */
    public static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }
}
