package fr.ecole.lending.db;

import fr.ecole.lending.http.ApiException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * PostgreSQL's writes: any connection of the write pool, whose transactions are SERIALIZABLE, so that
 * the writes of several instances come out as if made one at a time, as SQLite's one writer makes
 * them. What PostgreSQL refuses for that (a serialization failure, a deadlock, or its bookkeeping of
 * conflicts between serializable transactions running full) runs again from the start: the work reads
 * anew what the other transaction committed and decides again.
 */
final class SerializableWrites {
    private static final String BUSY = "Trop de postes enregistrent la même chose au même moment : réessayez dans "
            + "quelques secondes ; rien n'a été enregistré.";
    private final HandlePool handles;
    /** How long a write may keep trying before the desk is told to try again, as on SQLite. */
    private final Duration wait;

    SerializableWrites(HandlePool handles, Duration wait) {
        this.handles = handles;
        this.wait = wait;
    }

    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        return inTransaction(TransactionIsolationLevel.SERIALIZABLE, work);
    }

    /**
     * As {@link #inTransaction(HandleCallback)} at {@code level}: READ COMMITTED for work that locks the
     * rows it may conflict on itself (a deadlock is still run again).
     */
    <T> T inTransaction(TransactionIsolationLevel level, HandleCallback<T, RuntimeException> work) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return handles.inTransaction(level, work);
            } catch (JdbiException e) {
                if (!mustRunAgain(e)) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw ApiException.busy(BUSY);
                }
                pause(attempt);
            }
        }
    }

    /**
     * A serialization failure, a deadlock, or PostgreSQL out of room to track the conflicts of
     * serializable transactions (53200: "not enough elements in RWConflictPool", seen with two
     * instances' write pools at once), anywhere in the causes: the same work may well pass now.
     */
    static boolean mustRunAgain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || "53200".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A short random pause, longer after each refusal, so that the same transactions do not meet again. */
    private static void pause(int attempt) {
        long most = Math.min(100, 2L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, most + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.busy(BUSY);
        }
    }
}
