package fr.ecole.lending.db;

import com.codahale.metrics.Histogram;
import fr.ecole.lending.http.ApiException;
import io.dropwizard.lifecycle.Managed;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's one writer: a handle kept open for the service's life, taken by one write at a time in
 * arrival order. Keeping it open spares every write the opening of a handle and the attaching of its
 * SQL objects (see {@link Daos}), which cost more than the writing itself.
 *
 * <p>Writes that queue for it share a commit (group commit): each runs in a savepoint of the one
 * transaction open on the connection, and the last of them, finding no one behind it, commits them
 * all with one durable write to the disk (or the one that finds the transaction full, or open for
 * {@link #GATHERING} already). A write refused by a rule goes back to its savepoint and
 * the others still commit. No one hears back before the commit that holds its write is durable, so
 * what a desk is told survives a crash, as it did with one commit per write.
 */
final class SingleWriter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SingleWriter.class);
    private static final String BUSY = "Le service enregistre trop de demandes à la fois : réessayez dans quelques "
            + "secondes ; rien n'a été enregistré.";
    private static final String NOT_RECORDED = "L'enregistrement n'a pas pu se faire : rien n'a été enregistré ; "
            + "réessayez dans quelques secondes.";
    /** The most writes one commit holds: the first of them waits for the others to run. */
    static final int MOST_PER_COMMIT = 32;
    /** How long a transaction stays open to take the writes queued behind it: what the first of them may wait. */
    static final Duration GATHERING = Duration.ofMillis(20);
    /** How often a write waiting for its commit checks that someone is still going to make it. */
    private static final long WATCH_MILLIS = 50;
    private final Jdbi jdbi;
    /** How long a write waits for its turn before the desk is told to try again. */
    private final Duration wait;
    private final Histogram writesPerCommit;
    private final long gatheringNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Handle handle;
    /** The transaction open on the connection and the writes run in it; null between commits. */
    private Group open;
    private boolean stopped;

    SingleWriter(Jdbi jdbi, Duration wait, Histogram writesPerCommit) {
        this(jdbi, wait, writesPerCommit, GATHERING);
    }

    SingleWriter(Jdbi jdbi, Duration wait, Histogram writesPerCommit, Duration gathering) {
        this.jdbi = jdbi;
        this.wait = wait;
        this.writesPerCommit = writesPerCommit;
        this.gatheringNanos = gathering.toNanos();
    }

    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        if (lock.isHeldByCurrentThread()) {
            // it would only commit with the outer write, and its failure would end the outer one
            throw new IllegalStateException("a write inside a write: pass the handle to the inner work instead");
        }
        take();
        Group group;
        Outcome<T> outcome;
        try {
            if (stopped) {
                throw ApiException.busy(BUSY);
            }
            group = join();
            outcome = run(group, work);
        } finally {
            release();
        }
        group.await(this);
        return outcome.get(group);
    }

    /** The open transaction, or a new one; called under the lock. */
    private Group join() {
        if (open == null) {
            try {
                handle().begin();
            } catch (RuntimeException e) {
                discard();
                throw e;
            }
            open = new Group();
        }
        return open;
    }

    /**
     * Runs {@code work} in a savepoint of {@code group}'s transaction; called under the lock. A failed
     * write goes back to its savepoint; when even that fails the connection is in a state no one can
     * see, and the whole group is rolled back and the connection given up.
     */
    private <T> Outcome<T> run(Group group, HandleCallback<T, RuntimeException> work) {
        group.size++;
        execute("SAVEPOINT write", group);
        T value;
        try {
            value = work.withHandle(handle);
        } catch (Throwable e) {
            // whatever it threw, a checked exception thrown sneakily or an Error included, its changes go back
            try {
                execute("ROLLBACK TO write", group);
                execute("RELEASE write", group);
            } catch (RuntimeException unsound) {
                e.addSuppressed(unsound);
                throw Outcome.unchecked(e);
            }
            return new Outcome<>(null, e);
        }
        execute("RELEASE write", group);
        group.kept = true;
        return new Outcome<>(value, null);
    }

    /** One statement on the connection; when it fails the group is rolled back, and the exception says why. */
    private void execute(String sql, Group group) {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (Throwable e) {
            abandon(group, e);
            throw new IllegalStateException("the writer's connection failed at " + sql, e);
        }
    }

    /**
     * Commits the open group when it is full, has gathered long enough or no write waits behind the
     * last one, then lets the next write in. A write left waiting in the queue joins the open group;
     * see {@link Group#await} for a group whose next write gave up waiting.
     */
    private void release() {
        try {
            if (open != null && (open.size >= MOST_PER_COMMIT || System.nanoTime() - open.began >= gatheringNanos
                    || !lock.hasQueuedThreads())) {
                commit(open);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called under the lock. A group whose every write was refused is rolled back: committing it would
     * write its pages again, unchanged, and tell other connections the database had changed.
     */
    private void commit(Group group) {
        try {
            if (group.kept) {
                handle.commit();
            } else {
                handle.rollback();
            }
        } catch (Throwable e) {
            abandon(group, e);
            return;
        }
        open = null;
        if (group.kept) {
            writesPerCommit.update(group.size);
        }
        group.end(false);
    }

    /** Rolls the group's writes back, gives the connection up and tells the group's writes; under the lock. */
    private void abandon(Group group, Throwable cause) {
        if (open != group) {
            return;
        }
        LOG.error("the writer's transaction failed, its {} writes are rolled back", group.size, cause);
        open = null;
        try {
            handle.rollback();
        } catch (RuntimeException ignored) {
            // the connection is given up below; the pool rolls it back and checks it
        }
        discard();
        group.end(true);
    }

    /** Waits for the writer's turn, then holds the lock. */
    private void take() {
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.busy(BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.busy(BUSY);
        }
    }

    /** Commits {@code group} when it is still open and the writer free: its next write gave up waiting. */
    private void commitIfLeft(Group group) {
        // a write still queued will take the group on; only a group no one comes for is committed here
        if (lock.hasQueuedThreads() || !lock.tryLock()) {
            return;
        }
        try {
            if (open == group && !lock.hasQueuedThreads()) {
                commit(group);
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
            // an open group may have counted on this turn to commit it
            release();
        }
    }

    /** The kept handle, opened at the first write or after a discard; called under the lock. */
    private Handle handle() {
        if (handle == null) {
            handle = jdbi.open();
        }
        return handle;
    }

    /** The connection goes back to its pool, which rolls it back and checks it before lending it again. */
    private void discard() {
        Handle unsound = handle;
        handle = null;
        if (unsound == null) {
            return;
        }
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
            if (open != null) {
                commit(open);
            }
            if (handle != null) {
                handle.close();
                handle = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The writes of one transaction, which commit together or not at all. */
    private static final class Group {
        /** Writes run in it; changed under the lock. */
        int size;
        /** Whether one of them at least was not refused; changed under the lock. */
        boolean kept;
        final long began = System.nanoTime();
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean failed;

        /** {@code failed}: rolled back for a failure of the connection or of its commit, not for a refusal. */
        void end(boolean failed) {
            this.failed = failed;
            ended.countDown();
        }

        /**
         * Waits until the group is committed or rolled back. Its last write left it open for the one
         * queued behind it; should that one give up waiting, the group would wait for no one, so
         * every write of it checks now and then, and commits it when the writer is free.
         */
        void await(SingleWriter writer) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        if (ended.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        // the write may already be in the commit: its caller must hear how it ended
                        interrupted = true;
                    }
                    writer.commitIfLeft(this);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** What one write gave, or the exception it ended with (its savepoint then rolled back). */
    private record Outcome<T>(T value, Throwable failure) {
        T get(Group group) {
            if (group.failed) {
                // even a refusal: it may rest on another write of the group, which is not recorded either
                throw ApiException.busy(NOT_RECORDED);
            }
            if (failure != null) {
                throw unchecked(failure);
            }
            return value;
        }

        static RuntimeException unchecked(Throwable e) {
            if (e instanceof Error error) {
                throw error;
            }
            return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}
