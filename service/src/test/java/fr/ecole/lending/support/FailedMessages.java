package fr.ecole.lending.support;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Messages given up (FAILED), written straight to a test's database: what a desk may send again. */
public final class FailedMessages {
    private FailedMessages() {
    }

    /** A reminder by SMS to {@code uai}'s family given up after ten attempts; its id. */
    public static long insert(String databaseUrl, String uai) {
        return Jdbi.create(databaseUrl).withHandle(handle -> {
            String key = "failed:" + UUID.randomUUID();
            handle.execute("""
                    INSERT INTO messages (uai, kind, channel, recipient, subject, body, status, attempts, next_attempt_at,
                                          created_at, last_error, idempotency_key)
                    VALUES (?, 'REMINDER', 'SMS', '+33611223344', 'Rappel : appareils prêtés à rapporter', 'Rappel',
                            'FAILED', 10, 0, 0, 'GatewayRefusal', ?)""", uai, key);
            return handle.createQuery("SELECT id FROM messages WHERE idempotency_key = :key").bind("key", key)
                    .mapTo(Long.class).one();
        });
    }
}
