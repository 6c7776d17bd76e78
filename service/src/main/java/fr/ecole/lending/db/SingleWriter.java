package fr.ecole.lending.db;

import io.dropwizard.lifecycle.Managed;
import java.sql.SQLException;
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
    private final Jdbi jdbi;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Handle handle;

    SingleWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        lock.lock();
        try {
            if (handle == null) {
                handle = jdbi.open();
            }
            try {
                return handle.inTransaction(work);
            } catch (RuntimeException e) {
                discardIfUnsound();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A handle left inside a transaction, or on a closed connection, is not lent to the next write. */
    private void discardIfUnsound() {
        boolean sound;
        try {
            sound = !handle.isInTransaction() && !handle.getConnection().isClosed();
        } catch (SQLException | RuntimeException e) {
            sound = false;
        }
        if (!sound) {
            Handle unsound = handle;
            handle = null;
            try {
                unsound.close();
            } catch (RuntimeException ignored) {
                // the connection goes back to the pool, which checks it before lending it again
            }
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            if (handle != null) {
                handle.close();
                handle = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
