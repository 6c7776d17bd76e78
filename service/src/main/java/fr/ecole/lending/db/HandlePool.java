package fr.ecole.lending.db;

import fr.ecole.lending.http.ApiException;
import io.dropwizard.lifecycle.Managed;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Handles kept open over a pool of connections, each lent to one transaction at a time. A new handle
 * costs more than a check-out's statements: it copies JDBI's configuration and attaches again every
 * SQL object the transaction uses (see {@link Daos}); a kept one has done both once. At most
 * {@code size} handles exist, fewer than the connection pool holds (its health check and exports need
 * connections too): past that, a transaction waits for a handle to come back, or for the place of one
 * closed after a failure.
 */
final class HandlePool implements Managed {
    private static final String BUSY = "Le service répond à trop de demandes à la fois : réessayez dans quelques "
            + "secondes ; rien n'a été enregistré.";
    /** A handle idle longer than this is checked before it is lent again: the server may have closed its connection. */
    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final Jdbi jdbi;
    private final Duration wait;
    /** The idle handles, the most recently used first: they are the least likely to have gone stale. */
    private final LinkedBlockingDeque<Kept> idle = new LinkedBlockingDeque<>();
    /** One per handle that may exist: a transaction holds one while it has a handle, idle or new. */
    private final Semaphore places;
    private volatile boolean stopped;

    private record Kept(Handle handle, long since) {
    }

    HandlePool(Jdbi jdbi, int size, Duration wait) {
        this.jdbi = jdbi;
        this.places = new Semaphore(size, true);
        this.wait = wait;
    }

    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        return lent(handle -> handle.inTransaction(work));
    }

    <T> T inTransaction(TransactionIsolationLevel level, HandleCallback<T, RuntimeException> work) {
        return lent(handle -> handle.inTransaction(level, work));
    }

    /** Runs {@code transaction} on a borrowed handle, given back afterwards unless a failure left it unsound. */
    private <T> T lent(java.util.function.Function<Handle, T> transaction) {
        Handle handle = borrow();
        boolean keep = false;
        try {
            T result = transaction.apply(handle);
            keep = true;
            return result;
        } finally {
            giveBack(handle, keep || sound(handle));
        }
    }

    private Handle borrow() {
        if (stopped) {
            throw ApiException.busy(BUSY);
        }
        try {
            if (!places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw ApiException.busy(BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.busy(BUSY);
        }
        try {
            // an idle handle, the most recent first; one idle long is checked, and closed if its connection is gone
            for (Kept kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
                if (System.nanoTime() - kept.since() < CHECK_AFTER_IDLE_NANOS || valid(kept.handle())) {
                    return kept.handle();
                }
                closeQuietly(kept.handle());
            }
            return jdbi.open();
        } catch (RuntimeException | Error e) {
            places.release();
            throw e;
        }
    }

    private void giveBack(Handle handle, boolean sound) {
        try {
            if (!sound || stopped) {
                closeQuietly(handle);
                return;
            }
            idle.offerFirst(new Kept(handle, System.nanoTime()));
            if (stopped) {
                // stopped meanwhile: stop() may have emptied the deque before this one came back
                closeIdle();
            }
        } finally {
            places.release();
        }
    }

    /** After a failure: kept only when JDBI ended the transaction and the connection is still open. */
    private static boolean sound(Handle handle) {
        try {
            return !handle.isInTransaction() && !handle.getConnection().isClosed();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean valid(Handle handle) {
        try {
            return handle.getConnection().isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(Handle handle) {
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // its connection goes back to the pool, which checks it before lending it again
        }
    }

    @Override
    public void stop() {
        stopped = true;
        closeIdle();
    }

    private void closeIdle() {
        for (Kept kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
            closeQuietly(kept.handle());
        }
    }
}
