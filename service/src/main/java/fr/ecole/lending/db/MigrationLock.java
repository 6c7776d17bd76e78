package fr.ecole.lending.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who migrates a SQLite file holds the operating system's lock on {@code <file>.migrating} beside
 * it, for as long as it migrates. The system drops the lock of a process that dies, so Liquibase's
 * own lock found taken by the holder of this one is a leftover of a killed start, safe to release.
 * Within one process, threads take turns on a lock of their own (the system's is per process).
 */
final class MigrationLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private final ReentrantLock turn;
    private final FileChannel channel;
    private final FileLock lock;

    private MigrationLock(ReentrantLock turn, FileChannel channel, FileLock lock) {
        this.turn = turn;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for every other migration of {@code database} to end, then holds the lock until closed. */
    static MigrationLock take(Path database) {
        Path file = database.toAbsolutePath().normalize().resolveSibling(database.getFileName() + ".migrating");
        ReentrantLock turn = IN_PROCESS.computeIfAbsent(file, path -> new ReentrantLock());
        turn.lock();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new MigrationLock(turn, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            turn.unlock();
            throw new UncheckedIOException("cannot lock " + file + " to migrate the database", e);
        } catch (RuntimeException e) {
            turn.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            turn.unlock();
        }
    }
}
