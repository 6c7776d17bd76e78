package fr.ecole.lending.surveys;

import fr.ecole.lending.http.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits the public answers, per client address and per code, by the minute: every attempt counts,
 * accepted or not, and past the limit the answer is 429 with {@code Retry-After} (the seconds left in
 * the minute). The counts are kept in memory, by each instance for itself, and forgotten at each new
 * minute: kept in the database they would record when a code was tried, which the survey promises
 * never to keep. Behind several instances a client gets the limit of each one it reaches.
 *
 * <p>A code guessed is a new code each time, so the limit per code does not slow guessing: the limit
 * per address does, counting an IPv6 client by its /64 (one subscriber's whole network), and a limit on
 * the unknown codes the instance hears each minute, from everyone, stops a spread-out guessing: past
 * it, every answer waits for the next minute (the form pauses rather than let codes be found).
 */
final class AnswerThrottle {
    private static final long MINUTE = 60_000;
    private static final String UNKNOWN = "unknown";
    private final AnswerLimits limits;
    private final Clock clock;
    private final Map<String, Integer> attempts = new HashMap<>();
    private long minute = -1;

    AnswerThrottle(AnswerLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Counts an attempt from {@code address} with {@code code} (as typed, normalised); 429 past a limit. */
    void attempt(String address, String code) {
        long now = clock.millis();
        boolean tooMany;
        synchronized (this) {
            startMinute(now);
            int fromAddress = attempts.merge("address:" + network(address), 1, Integer::sum);
            // an address over its limit adds nothing more: what it sends is refused anyway
            int withCode = code == null || fromAddress > limits.getPerAddressPerMinute() ? 0
                    : attempts.merge("code:" + code, 1, Integer::sum);
            tooMany = fromAddress > limits.getPerAddressPerMinute() || withCode > limits.getPerCodePerMinute()
                    || attempts.getOrDefault(UNKNOWN, 0) >= limits.getUnknownCodesPerMinute();
        }
        if (tooMany) {
            throw refused(now);
        }
    }

    /** Counts a code no campaign has: past the instance's limit, answers wait for the next minute. */
    void unknown() {
        synchronized (this) {
            startMinute(clock.millis());
            attempts.merge(UNKNOWN, 1, Integer::sum);
        }
    }

    private void startMinute(long now) {
        if (now / MINUTE != minute) {
            minute = now / MINUTE;
            attempts.clear();
        }
    }

    private static ApiException refused(long now) {
        return ApiException.tooManyAttempts((MINUTE - now % MINUTE + 999) / 1000, "Trop d'essais en peu de temps : "
                + "attendez une minute, puis vérifiez le code sur le papier remis par l'école.");
    }

    /** An IPv4 address as it is; an IPv6 one by its first 64 bits, what one subscriber's network holds. */
    static String network(String address) {
        if (address == null || !address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix + "::/64";
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
