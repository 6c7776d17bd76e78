package fr.ecole.lending.surveys;

import fr.ecole.lending.http.ApiException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answer codes: 8 characters drawn by a secure generator from 31 that cannot be mistaken for one
 * another on a printed slip (no 0, O, 1, I, L), about 40 bits; shown {@code ABCD-EFGH}, and read
 * with or without the dash, in any case, with spaces around or inside.
 */
final class SurveyCodes {
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;
    private static final Pattern CODE = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SurveyCodes() {
    }

    /** A new code, as stored: 8 characters, no dash. */
    static String draw() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** As a slip prints it: {@code ABCD-EFGH}. */
    static String shown(String code) {
        return code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2);
    }

    /**
     * The code as stored, from what a family typed; 404 {@code unknown_code} for what cannot be one,
     * as for a code that does not exist: the message never tells a near miss from a far one.
     */
    static String read(String typed, String field) {
        String code = typed == null ? "" : normalized(typed);
        if (!CODE.matcher(code).matches()) {
            throw unknown(field);
        }
        return code;
    }

    /** What was typed without spaces or dashes, in upper case: the code it stands for, if it is one. */
    static String normalized(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static ApiException unknown(String field) {
        return ApiException.notFound("unknown_code", field, "Ce code n'est pas reconnu : vérifiez-le sur le papier "
                + "remis par l'école (8 lettres ou chiffres, par exemple ABCD-EFGH).");
    }

    static ApiException spent(String field) {
        return ApiException.conflict("code_spent", field, "Ce code a déjà servi : une seule réponse par code. "
                + "Si vous n'avez pas encore répondu, demandez un autre papier à l'école.");
    }

    /**
     * A campaign of a school year that has ended takes no more answers: its figures are those of that
     * year, and a family's request to be called back would go with the year's purge before anyone read it.
     */
    static ApiException closed(String field) {
        return new ApiException(410, "survey_closed", "Cette enquête est terminée (elle portait sur une année "
                + "scolaire passée) : votre réponse n'a pas été enregistrée. Merci de votre participation.", field);
    }
}
