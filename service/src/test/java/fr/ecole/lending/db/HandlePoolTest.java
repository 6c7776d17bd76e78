package fr.ecole.lending.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Handles kept open: lent to one transaction at a time, never more than the pool's size, none kept unsound. */
class HandlePoolTest {
    /** Counts the connections opened, each an in-memory SQLite database of its own. */
    private final AtomicInteger opened = new AtomicInteger();
    private final Jdbi jdbi = Jdbi.create(() -> {
        opened.incrementAndGet();
        return java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
    });
    /** Lets the transactions holding their handles end. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @org.junit.jupiter.api.AfterEach
    void endTransactions() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void aTransactionAfterAnotherTakesTheSameHandle() {
        HandlePool pool = new HandlePool(jdbi, 2, Duration.ofSeconds(1));
        Handle first = pool.inTransaction(handle -> handle);
        Handle second = pool.inTransaction(handle -> handle);

        assertThat(second).isSameAs(first);
        assertThat(opened).hasValue(1);
        pool.stop();
    }

    @Test
    void aRuleRefusedKeepsTheHandleAndABrokenConnectionDoesNot() throws Exception {
        HandlePool pool = new HandlePool(jdbi, 1, Duration.ofSeconds(1));
        Handle kept = pool.inTransaction(handle -> handle);
        assertThatThrownBy(() -> pool.inTransaction(handle -> {
            throw ApiException.invalid("invalid_value", "x", "refusé");
        })).isInstanceOf(ApiException.class);
        Handle again = pool.inTransaction(handle -> handle);
        assertThat(again).isSameAs(kept);

        assertThatThrownBy(() -> pool.inTransaction(handle -> {
            try {
                handle.getConnection().close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the connection went away");
        })).isInstanceOf(IllegalStateException.class);
        Handle next = pool.inTransaction(handle -> handle);
        assertThat(next).isNotSameAs(kept);
        assertThat(next.getConnection().isClosed()).isFalse();
        assertThat(opened).hasValue(2);
        pool.stop();
    }

    @Test
    void noMoreHandlesThanItsSizeAndAThirdTransactionWaitsForOne() throws Exception {
        HandlePool pool = new HandlePool(jdbi, 2, Duration.ofSeconds(5));
        CountDownLatch holding = new CountDownLatch(2);
        try {
            List<Future<Handle>> holders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                holders.add(holdUntil(threads, pool, holding, release));
            }
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            Future<Handle> third = threads.submit(() -> pool.inTransaction(handle -> handle));
            Thread.sleep(200);
            assertThat(third).isNotDone();

            release.countDown();
            assertThat(List.of(holders.get(0).get(), holders.get(1).get())).contains(third.get(5, TimeUnit.SECONDS));
            assertThat(opened).hasValue(2);
        } finally {
            pool.stop();
        }
    }

    @Test
    void aTransactionThatFindsNoHandleInTimeIsToldToTryAgain() throws Exception {
        HandlePool pool = new HandlePool(jdbi, 1, Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        try {
            holdUntil(threads, pool, holding, release);
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> pool.inTransaction(handle -> handle))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("service_busy"));
        } finally {
            pool.stop();
        }
    }

    @Test
    void aTransactionWaitingGetsThePlaceOfAHandleClosedAfterAFailure() throws Exception {
        HandlePool pool = new HandlePool(jdbi, 1, Duration.ofSeconds(10));
        CountDownLatch holding = new CountDownLatch(1);
        try {
            Future<Object> failing = threads.submit(() -> pool.inTransaction(handle -> {
                holding.countDown();
                await(release);
                try {
                    handle.getConnection().close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("the connection went away");
            }));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            Future<Handle> waiting = threads.submit(() -> pool.inTransaction(handle -> handle));
            Thread.sleep(200);
            assertThat(waiting).isNotDone();

            release.countDown();
            // well within the ten seconds it may wait: the closed handle's place is its
            assertThat(waiting.get(2, TimeUnit.SECONDS).getConnection().isClosed()).isFalse();
            assertThatThrownBy(failing::get).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(opened).hasValue(2);
        } finally {
            pool.stop();
        }
    }

    @Test
    void stoppedItClosesItsHandlesAndLendsNoMore() {
        HandlePool pool = new HandlePool(jdbi, 2, Duration.ofSeconds(1));
        Handle kept = pool.inTransaction(handle -> handle);
        pool.stop();

        assertThat(kept.isClosed()).isTrue();
        assertThatThrownBy(() -> pool.inTransaction(handle -> handle)).isInstanceOf(ApiException.class);
    }

    /** A transaction, on one of {@code threads}, that holds its handle until {@code release}, once {@code holding} is told. */
    private static Future<Handle> holdUntil(ExecutorService threads, HandlePool pool, CountDownLatch holding,
                                            CountDownLatch release) {
        return threads.submit(() -> pool.inTransaction(handle -> {
            holding.countDown();
            await(release);
            return handle;
        }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
