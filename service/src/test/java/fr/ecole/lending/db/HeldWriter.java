package fr.ecole.lending.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.JettyManaged;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SQLite's one writer, taken by a test and held until the test lets it go: the writes sent meanwhile
 * queue behind it in arrival order, so that a test can line them up without relying on timing. They
 * run in that order once it is let go.
 */
public final class HeldWriter implements AutoCloseable {
    private final SingleWriter writer;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    private HeldWriter(SingleWriter writer) {
        this.writer = writer;
        CountDownLatch held = new CountDownLatch(1);
        this.holder = new Thread(() -> writer.inTransaction(handle -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "held-writer");
        holder.start();
        await(held);
    }

    /** Takes the writer of the application running in {@code environment} (SQLite only). */
    public static HeldWriter take(Environment environment) {
        SingleWriter writer = environment.lifecycle().getManagedObjects().stream()
                .filter(JettyManaged.class::isInstance)
                .map(managed -> ((JettyManaged) managed).getManaged())
                .filter(SingleWriter.class::isInstance)
                .map(SingleWriter.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no single writer: is this SQLite?"));
        return new HeldWriter(writer);
    }

    /** Waits until {@code count} writes wait behind the held one; a minute without is a hang, and fails. */
    public void awaitQueued(int count) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (writer.queued() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(writer.queued() + " writes queued, " + count + " awaited");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Lets the writer go: the queued writes take their turns. */
    @Override
    public void close() {
        release.countDown();
        try {
            holder.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the writer was not taken within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
