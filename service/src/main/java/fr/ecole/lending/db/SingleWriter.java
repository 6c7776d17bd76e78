package fr.ecole.lending.db;

import fr.ecole.lending.http.ApiException;
import io.dropwizard.lifecycle.Managed;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * SQLite's one writer: a handle kept open for the service's life, taken by one transaction at a
 * time in arrival order. Keeping it open spares every write the opening of a handle and the
 * attaching of its SQL objects (see {@link Daos}), which cost more than the writing itself.
 */
final class SingleWriter implements Managed {
    private static final String BUSY = "Le service enregistre trop de demandes à la fois : réessayez dans quelques "
            + "secondes ; rien n'a été enregistré.";
    private final Jdbi jdbi;
    /** How long a write waits for its turn before the desk is told to try again. */
    private final Duration wait;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Handle handle;
    private boolean stopped;

    SingleWriter(Jdbi jdbi, Duration wait) {
        this.jdbi = jdbi;
        this.wait = wait;
    }

    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        if (lock.isHeldByCurrentThread()) {
            // it would only commit with the outer write, and its failure would end the outer one
            throw new IllegalStateException("a write inside a write: pass the handle to the inner work instead");
        }
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.busy(BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.busy(BUSY);
        }
        try {
            if (stopped) {
                throw ApiException.busy(BUSY);
            }
            try {
                return handle().inTransaction(work);
            } catch (ApiException refused) {
                // a rule refused the request: JDBI rolled the transaction back, the handle stays sound
                if (!sound()) {
                    discard();
                }
                throw refused;
            } catch (RuntimeException | Error e) {
                // anything else may have left the connection in a state no one can see: start afresh
                discard();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many writes wait for their turn: for the health check's report. */
    int queued() {
        return lock.getQueueLength();
    }

    /** Runs a trivial query on the writer's own connection, when its turn comes within {@code patience}. */
    boolean answers(Duration patience) throws InterruptedException {
        if (!lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            return !stopped && handle().createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
        } finally {
            lock.unlock();
        }
    }

    /** The kept handle, opened at the first write or after a discard; called under the lock. */
    private Handle handle() {
        if (handle == null) {
            handle = jdbi.open();
        }
        return handle;
    }

    private boolean sound() {
        try {
            return !handle.isInTransaction() && !handle.getConnection().isClosed();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The connection goes back to its pool, which rolls it back and checks it before lending it again. */
    private void discard() {
        Handle unsound = handle;
        handle = null;
        try {
            unsound.close();
        } catch (RuntimeException ignored) {
            // closing is all that is asked of it; the pool checks the connection on its next loan
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            if (handle != null) {
                handle.close();
                handle = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
