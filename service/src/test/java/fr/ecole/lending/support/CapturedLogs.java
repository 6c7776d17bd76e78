package fr.ecole.lending.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.slf4j.LoggerFactory;

/**
 * What the service logs while a test runs, at every level: each event's message with its exception's,
 * as the console would print them. For tests that something never reaches the logs.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Level before = root.getLevel();

    public CapturedLogs() {
        // the server's threads may still be logging the last request while the events are read
        captured.list = new CopyOnWriteArrayList<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.ALL);
    }

    /**
     * The events so far as a console format showing everything would print them: thread, logger,
     * message, exception. The tests' own HTTP client (the JDK's, which the service does not use) is left out.
     */
    public List<String> texts() {
        return captured.list.stream().filter(event -> !event.getLoggerName().startsWith("jdk."))
                .map(event -> "[" + event.getThreadName() + "] " + event.getLoggerName() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                .toList();
    }

    /**
     * Checks that the capture sees what the server logs: a line logged through the service's own
     * loggers on one of the server's request threads ({@code server}'s pool) must be captured. A test
     * that something never reaches the logs proves nothing when nothing could reach them. (The
     * service itself logs almost nothing on a request's path, by design: the line is logged here.)
     */
    public void assertCaptures(Server server) {
        String canary = "canary " + UUID.randomUUID();
        CountDownLatch logged = new CountDownLatch(1);
        server.getThreadPool().execute(() -> {
            LoggerFactory.getLogger("fr.ecole.lending.support").info(canary);
            logged.countDown();
        });
        try {
            assertThat(logged.await(10, TimeUnit.SECONDS))
                    .as("the server's thread ran").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(texts()).as("the canary line, from a server thread")
                .anyMatch(text -> text.contains(canary) && text.startsWith("[dw-"));
    }

    /**
     * The access log the test application writes to {@code folder} (see {@link TestApp#overrides}), once it
     * holds the request to {@code lastPath}: it is written by a thread of its own.
     */
    public static String accessLog(Path folder, String lastPath) {
        Path file = folder.resolve("access.log");
        try {
            for (int i = 0; i < 100; i++) {
                String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
                if (text.contains(lastPath)) {
                    return text;
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("the access log never showed " + lastPath + " in " + file);
    }

    @Override
    public void close() {
        root.detachAppender(captured);
        root.setLevel(before);
    }
}
