package fr.ecole.lending.db;

import fr.ecole.lending.http.ApiException;
import io.dropwizard.lifecycle.Managed;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Handles kept open over a pool of connections, each lent to one transaction at a time. A new handle
 * costs more than a check-out's statements: it copies JDBI's configuration and attaches again every
 * SQL object the transaction uses (see {@link Daos}); a kept one has done both once. At most
 * {@code size} handles exist, so that kept handles never starve the connection pool of a connection
 * a waiting transaction needs: past that, a transaction waits for a handle to come back.
 */
final class HandlePool implements Managed {
    private static final String BUSY = "Le service répond à trop de demandes à la fois : réessayez dans quelques "
            + "secondes ; rien n'a été enregistré.";
    /** A handle idle longer than this is checked before it is lent again: the server may have closed its connection. */
    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final Jdbi jdbi;
    private final int size;
    private final Duration wait;
    /** The idle handles, the most recently used first: they are the least likely to have gone stale. */
    private final LinkedBlockingDeque<Kept> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean stopped;

    private record Kept(Handle handle, long since) {
    }

    HandlePool(Jdbi jdbi, int size, Duration wait) {
        this.jdbi = jdbi;
        this.size = size;
        this.wait = wait;
    }

    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        Handle handle = borrow();
        boolean keep = false;
        try {
            T result = handle.inTransaction(work);
            keep = true;
            return result;
        } finally {
            giveBack(handle, keep || sound(handle));
        }
    }

    <T> T inTransaction(TransactionIsolationLevel level, HandleCallback<T, RuntimeException> work) {
        Handle handle = borrow();
        boolean keep = false;
        try {
            T result = handle.inTransaction(level, work);
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
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Kept kept = idle.pollFirst();
            if (kept == null) {
                if (open.incrementAndGet() <= size) {
                    try {
                        return jdbi.open();
                    } catch (RuntimeException e) {
                        open.decrementAndGet();
                        throw e;
                    }
                }
                open.decrementAndGet();
                try {
                    kept = idle.pollFirst(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ApiException.busy(BUSY);
                }
                if (kept == null) {
                    throw ApiException.busy(BUSY);
                }
            }
            if (System.nanoTime() - kept.since() < CHECK_AFTER_IDLE_NANOS || valid(kept.handle())) {
                return kept.handle();
            }
            close(kept.handle());
        }
    }

    private void giveBack(Handle handle, boolean sound) {
        if (!sound || stopped) {
            close(handle);
            return;
        }
        idle.offerFirst(new Kept(handle, System.nanoTime()));
        if (stopped) {
            // stopped meanwhile: stop() may have emptied the deque before this one came back
            closeIdle();
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

    private void close(Handle handle) {
        open.decrementAndGet();
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
            close(kept.handle());
        }
    }
}
