package fr.ecole.lending.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.SlidingWindowReservoir;
import fr.ecole.lending.http.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes queued for SQLite's writer share a commit: each in its savepoint, none answered before the
 * commit that holds it, a refused one changing nothing while the others commit.
 */
class SingleWriterTest {
    @TempDir
    Path folder;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Histogram writesPerCommit = new Histogram(new SlidingWindowReservoir(100));
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private Jdbi jdbi;
    private SingleWriter writer;

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        threads.shutdownNow();
        if (writer != null) {
            writer.stop();
        }
    }

    /** A writer whose transaction stays open as long as writes are queued (within a minute). */
    private void open() {
        open(Duration.ofMinutes(1));
    }

    private void open(Duration gathering) {
        String url = "jdbc:sqlite:" + folder.resolve("writer.db");
        jdbi = Jdbi.create(url);
        jdbi.useHandle(handle -> handle.execute("CREATE TABLE rows (name TEXT PRIMARY KEY)"));
        writer = new SingleWriter(jdbi, Duration.ofSeconds(10), writesPerCommit, gathering);
    }

    /** A write of one row, sent from a thread of its own once the ones before it are queued. */
    private Future<String> queue(String name, int queuedBefore) {
        return send(queuedBefore, handle -> {
            handle.execute("INSERT INTO rows (name) VALUES (?)", name);
            return name;
        });
    }

    /** A write of one row that a rule refuses once it has written the row. */
    private Future<Object> queueRefused(String name, int queuedBefore) {
        return send(queuedBefore, handle -> {
            handle.execute("INSERT INTO rows (name) VALUES (?)", name);
            throw ApiException.conflict("device_unavailable", "assetTags[0]", "déjà prêté");
        });
    }

    /**
     * A write of one row, then of {@code statements}, that stays in its work until {@code release}:
     * {@code running} tells the test it has got there.
     */
    private Future<String> queueHeld(String name, int queuedBefore, CountDownLatch running, CountDownLatch release,
                                     String... statements) {
        return send(queuedBefore, handle -> {
            handle.execute("INSERT INTO rows (name) VALUES (?)", name);
            for (String statement : statements) {
                handle.execute(statement);
            }
            running.countDown();
            await(release);
            return name;
        });
    }

    /** {@code work} sent from a thread of its own, returned once it waits behind the {@code queuedBefore} before it. */
    private <T> Future<T> send(int queuedBefore, HandleCallback<T, RuntimeException> work) {
        Future<T> sent = threads.submit(() -> writer.inTransaction(work));
        awaitQueued(queuedBefore + 1);
        return sent;
    }

    /** The first write holds the writer until the test lets it go; those sent meanwhile queue behind it. */
    private Future<String> holdFirst() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> writer.inTransaction(handle -> {
            handle.execute("INSERT INTO rows (name) VALUES ('first')");
            held.countDown();
            await(releaseFirst);
            return "first";
        }));
        assertThat(held.await(1, TimeUnit.MINUTES)).isTrue();
        return first;
    }

    private List<String> committedRows() {
        // another connection sees what is committed only
        return Jdbi.create("jdbc:sqlite:" + folder.resolve("writer.db"))
                .withHandle(handle -> handle.createQuery("SELECT name FROM rows ORDER BY name").mapTo(String.class).list());
    }

    @Test
    void writesQueuedBehindOneShareItsCommit() throws Exception {
        open();
        Future<String> first = holdFirst();
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(queue("row" + i, i));
        }
        releaseFirst.countDown();

        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first");
        for (Future<String> write : queued) {
            assertThat(write.get(1, TimeUnit.MINUTES)).startsWith("row");
        }
        assertThat(committedRows()).containsExactly("first", "row0", "row1", "row2", "row3", "row4");
        assertThat(writesPerCommit.getCount()).as("commits").isEqualTo(1);
        assertThat(writesPerCommit.getSnapshot().getMax()).as("writes in the commit").isEqualTo(6);

        // alone, a write commits at once
        assertThat(writer.<Integer>inTransaction(handle -> handle.execute("INSERT INTO rows (name) VALUES ('alone')")))
                .isEqualTo(1);
        assertThat(committedRows()).contains("alone");
        assertThat(writesPerCommit.getCount()).isEqualTo(2);
    }

    @Test
    void noWriteIsAnsweredBeforeTheCommitThatHoldsIt() throws Exception {
        open();
        Future<String> first = holdFirst();
        Future<String> second = queue("second", 0);
        CountDownLatch thirdRunning = new CountDownLatch(1);
        CountDownLatch releaseThird = new CountDownLatch(1);
        Future<String> third = queueHeld("third", 1, thirdRunning, releaseThird);
        releaseFirst.countDown();
        assertThat(thirdRunning.await(1, TimeUnit.MINUTES)).isTrue();

        // the first two have run and the third runs in the same transaction: nothing is committed yet
        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(first.isDone()).isFalse();
        assertThat(committedRows()).isEmpty();

        releaseThird.countDown();
        assertThat(third.get(1, TimeUnit.MINUTES)).isEqualTo("third");
        assertThat(second.get(1, TimeUnit.MINUTES)).isEqualTo("second");
        assertThat(committedRows()).containsExactly("first", "second", "third");
    }

    /**
     * What a kill leaves is what the files hold at that moment: copied while a group runs, with its
     * pages already spilt to the log uncommitted, they hold every commit before it and nothing of it.
     */
    @Test
    void aKillDuringAGroupLeavesTheCommitsBeforeItAndNothingOfTheGroup() throws Exception {
        open();
        jdbi.useHandle(handle -> handle.execute("PRAGMA journal_mode = WAL"));
        writer.inTransaction(handle -> handle.execute("CREATE TABLE blobs (b BLOB)"));
        writer.inTransaction(handle -> handle.execute("INSERT INTO rows (name) VALUES ('before')"));
        Future<String> first = holdFirst();
        Future<String> second = queue("second", 0);
        CountDownLatch thirdRunning = new CountDownLatch(1);
        CountDownLatch releaseThird = new CountDownLatch(1);
        // a small page cache and a large row: the group's pages go to the log before any commit
        Future<String> third = queueHeld("third", 1, thirdRunning, releaseThird, "PRAGMA cache_size = 10",
                "INSERT INTO blobs (b) VALUES (randomblob(4000000))");
        releaseFirst.countDown();
        assertThat(thirdRunning.await(1, TimeUnit.MINUTES)).isTrue();

        Path log = folder.resolve("writer.db-wal");
        assertThat(Files.size(log)).as("uncommitted pages written to the log").isGreaterThan(4_000_000);
        Path killed = Files.createDirectories(folder.resolve("killed"));
        Files.copy(folder.resolve("writer.db"), killed.resolve("writer.db"));
        Files.copy(log, killed.resolve("writer.db-wal"));
        releaseThird.countDown();
        assertThat(third.get(1, TimeUnit.MINUTES)).isEqualTo("third");
        assertThat(List.of(first.get(1, TimeUnit.MINUTES), second.get(1, TimeUnit.MINUTES))).hasSize(2);

        Jdbi restarted = Jdbi.create("jdbc:sqlite:" + killed.resolve("writer.db"));
        restarted.useHandle(handle -> {
            assertThat(handle.createQuery("PRAGMA integrity_check").mapTo(String.class).one()).isEqualTo("ok");
            assertThat(handle.createQuery("SELECT name FROM rows ORDER BY name").mapTo(String.class).list())
                    .containsExactly("before");
            assertThat(handle.createQuery("SELECT COUNT(*) FROM blobs").mapTo(Integer.class).one()).isZero();
        });
        assertThat(committedRows()).containsExactly("before", "first", "second", "third");
    }

    @Test
    void aRefusedWriteChangesNothingAndTheOthersCommit() throws Exception {
        open();
        Future<String> first = holdFirst();
        Future<String> before = queue("before", 0);
        Future<Object> refused = queueRefused("refused", 1);
        // a row already written by another write of the group: the database refuses it, its savepoint goes back
        Future<String> duplicate = send(2, handle -> {
            handle.execute("INSERT INTO rows (name) VALUES ('duplicate')");
            handle.execute("INSERT INTO rows (name) VALUES ('before')");
            return "duplicate";
        });
        // a bug in the work: its changes go back as a refusal's do
        Future<Object> failing = send(3, handle -> {
            handle.execute("INSERT INTO rows (name) VALUES ('failing')");
            throw new AssertionError("a bug");
        });
        Future<String> after = queue("after", 4);
        releaseFirst.countDown();

        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first");
        assertThat(before.get(1, TimeUnit.MINUTES)).isEqualTo("before");
        assertThat(after.get(1, TimeUnit.MINUTES)).isEqualTo("after");
        assertThatThrownBy(() -> refused.get(1, TimeUnit.MINUTES)).cause().isInstanceOf(ApiException.class)
                .hasMessageContaining("déjà prêté");
        assertThatThrownBy(() -> duplicate.get(1, TimeUnit.MINUTES)).cause()
                .satisfies(e -> assertThat(Database.isUniqueViolation(e)).isTrue());
        assertThatThrownBy(() -> failing.get(1, TimeUnit.MINUTES)).cause().isInstanceOf(AssertionError.class);
        assertThat(committedRows()).containsExactly("after", "before", "first");
        assertThat(writesPerCommit.getSnapshot().getMax()).isEqualTo(6);
    }

    @Test
    void aRefusedWriteAloneCommitsNothingThatOtherConnectionsWouldSee() throws Exception {
        open();
        Jdbi other = Jdbi.create("jdbc:sqlite:" + folder.resolve("writer.db"));
        try (var watching = other.open()) {
            // moves when another connection commits, even pages written back unchanged
            long version = watching.createQuery("PRAGMA data_version").mapTo(Long.class).one();
            assertThatThrownBy(() -> writer.inTransaction(handle -> {
                handle.execute("INSERT INTO rows (name) VALUES ('refused')");
                throw ApiException.conflict("device_unavailable", "assetTags[0]", "déjà prêté");
            })).isInstanceOf(ApiException.class);
            assertThat(watching.createQuery("PRAGMA data_version").mapTo(Long.class).one()).isEqualTo(version);

            writer.inTransaction(handle -> handle.execute("INSERT INTO rows (name) VALUES ('kept')"));
            assertThat(watching.createQuery("PRAGMA data_version").mapTo(Long.class).one()).isNotEqualTo(version);
        }
        assertThat(committedRows()).containsExactly("kept");
    }

    @Test
    void aConnectionThatFailsRollsTheWholeGroupBackAndTellsEachWrite() throws Exception {
        open();
        Future<String> first = holdFirst();
        Future<String> before = queue("before", 0);
        // refused on what the group wrote: once the group is rolled back, the refusal is not true either
        Future<Object> refused = queueRefused("refused", 1);
        // ends the transaction under the writer's feet: its savepoint is gone, nothing of the group can be trusted
        Future<Object> broken = send(2, handle -> {
            handle.execute("ROLLBACK");
            throw new IllegalStateException("broken");
        });
        releaseFirst.countDown();

        for (Future<?> told : List.of(first, before, refused)) {
            assertThatThrownBy(() -> told.get(1, TimeUnit.MINUTES)).cause().isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(503))
                    .hasMessageContaining("rien n'a été enregistré");
        }
        assertThatThrownBy(() -> broken.get(1, TimeUnit.MINUTES)).cause().hasMessage("broken");
        assertThat(committedRows()).isEmpty();

        // the next write takes a fresh connection
        assertThat(writer.<Integer>inTransaction(handle -> handle.execute("INSERT INTO rows (name) VALUES ('again')")))
                .isEqualTo(1);
        assertThat(committedRows()).containsExactly("again");
    }

    @Test
    void aTransactionOpenForItsGatheringTimeCommitsWithoutTheWritesQueuedBehind() throws Exception {
        open(Duration.ofMillis(200));
        Future<String> first = holdFirst();
        Future<String> second = queue("second", 0);
        Thread.sleep(250);
        releaseFirst.countDown();

        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first");
        assertThat(second.get(1, TimeUnit.MINUTES)).isEqualTo("second");
        assertThat(writesPerCommit.getCount()).as("commits").isEqualTo(2);
        assertThat(writesPerCommit.getSnapshot().getMax()).isEqualTo(1);
    }

    @Test
    void stoppingCommitsTheOpenGroupAndRefusesWhatComesAfter() throws Exception {
        open();
        Future<String> first = holdFirst();
        // stopping waits for the writer behind the first write, which leaves its transaction open for it
        Future<?> stopping = threads.submit(() -> writer.stop());
        awaitQueued(1);
        releaseFirst.countDown();
        stopping.get(1, TimeUnit.MINUTES);

        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first");
        assertThat(committedRows()).containsExactly("first");
        assertThatThrownBy(() -> writer.inTransaction(handle -> 1)).isInstanceOf(ApiException.class)
                .hasMessageContaining("réessayez");
    }

    private void awaitQueued(int count) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (writer.queued() < count) {
            assertThat(System.nanoTime()).as("writes queued: " + writer.queued()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
