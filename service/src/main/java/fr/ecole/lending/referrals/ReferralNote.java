package fr.ecole.lending.referrals;

import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The free words of a referral (where to, and the note) say what helps to send the family on (a day, a person to ask for, a
 * document to bring), never its health or its income, which the service has no reason to hold. A
 * word list cannot catch every way of writing them; it catches the usual ones, so that staff in a
 * hurry are reminded before the note is stored.
 */
final class ReferralNote {
    static final int MAX = 500;

    /** Words of health and income, without accents, as whole words or their start. */
    private static final Pattern SENSITIVE = Pattern.compile("(?<![\\p{L}\\p{N}])(revenus?|salaires?|rsa|aah|"
            + "quotient familial|dettes?|surendett\\p{L}*|impayes?|chomage|maladies?|malade|handicap\\p{L}*|sante|"
            + "medic\\p{L}*|hopital|hospitalis\\p{L}*|grossesse|enceinte|psychiatr\\p{L}*|therapie)"
            + "(?![\\p{L}\\p{N}])|\\d[\\d  .,]*\\s*(€|euros?\\b)");

    private ReferralNote() {
    }

    /** The note stripped, or null; refused when it is too long or speaks of health or income. */
    static String check(String note, String field) {
        return check(note, field, MAX);
    }

    /** The text stripped, or null; refused when longer than {@code max} or when it speaks of health or income. */
    static String check(String note, String field, int max) {
        String text = Check.optional(note, field, max);
        if (text == null) {
            return null;
        }
        Matcher found = SENSITIVE.matcher(withoutAccents(text));
        if (found.find()) {
            throw ApiException.invalid("sensitive_note", field, "Ce texte semble parler de santé ou de revenus (« "
                    + text.substring(found.start(), found.end()) + " ») : ces informations n'ont pas leur place ici. "
                    + "Écrivez seulement ce qui aide à orienter la famille (un jour, un lieu, un document à apporter).");
        }
        return text;
    }

    /** Lower case without diacritics, one character for one: positions in it are positions in the text. */
    private static String withoutAccents(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            String letter = Normalizer.normalize(String.valueOf(text.charAt(i)), Normalizer.Form.NFD);
            plain.append(letter.isEmpty() ? text.charAt(i) : letter.charAt(0));
        }
        return plain.toString().toLowerCase(Locale.ROOT);
    }
}
