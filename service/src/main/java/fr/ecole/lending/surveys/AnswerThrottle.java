package fr.ecole.lending.surveys;

import fr.ecole.lending.http.ApiException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits the public answers, per client address and per code, by the minute: every attempt counts,
 * accepted or not, and past the limit the answer is 429 with {@code Retry-After} (the seconds left in
 * the minute). The counts are kept in memory, by each instance for itself, and forgotten at each new
 * minute: kept in the database they would record when a code was tried, which the survey promises
 * never to keep. Behind several instances a client gets the limit of each one it reaches.
 */
final class AnswerThrottle {
    private static final long MINUTE = 60_000;
    private final AnswerLimits limits;
    private final Clock clock;
    private final Map<String, Integer> attempts = new HashMap<>();
    private long minute = -1;

    AnswerThrottle(AnswerLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Counts an attempt from {@code address} with {@code code} (as typed, normalised); 429 past either limit. */
    void attempt(String address, String code) {
        long now = clock.millis();
        boolean tooMany;
        synchronized (this) {
            if (now / MINUTE != minute) {
                minute = now / MINUTE;
                attempts.clear();
            }
            int fromAddress = attempts.merge("address:" + address, 1, Integer::sum);
            int withCode = code == null ? 0 : attempts.merge("code:" + code, 1, Integer::sum);
            tooMany = fromAddress > limits.getPerAddressPerMinute() || withCode > limits.getPerCodePerMinute();
        }
        if (tooMany) {
            throw ApiException.tooManyAttempts((MINUTE - now % MINUTE + 999) / 1000, "Trop d'essais en peu de temps : "
                    + "attendez une minute, puis vérifiez le code sur le papier remis par l'école.");
        }
    }
}
