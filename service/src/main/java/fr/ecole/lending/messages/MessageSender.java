package fr.ecole.lending.messages;

import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued messages of one channel (e-mail through the mail server, SMS through the gateway),
 * one thread, a few at a time. It reads committed rows only, so nothing goes out for a transaction that
 * did not commit. Each message is claimed before it is sent, so that of several instances sharing a
 * database one sends it; it is marked SENT after the other side took it.
 *
 * <p>A stop waits for the message being sent to be marked. A crash between the other side's OK and the
 * mark sends it again once its claim ran out: at least once, under the same name (an e-mail's Message-ID,
 * an SMS's reference), by which the receiving side recognises the resend.
 */
public class MessageSender implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);
    /** Messages read in one go. */
    private static final int BATCH = 10;
    /** How long a claim lasts: well beyond one send's timeouts. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final Database database;
    private final MessageService.Channel channel;
    private final SendingSettings settings;
    private final Carrier carrier;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;
    /** The kind of error of the last attempt, or null when it succeeded (or none was made). */
    private volatile String lastFailure;

    MessageSender(Database database, MessageService.Channel channel, SendingSettings settings, Carrier carrier,
                  Clock clock) {
        this.database = database;
        this.channel = channel;
        this.settings = settings;
        this.carrier = carrier;
        this.clock = clock;
    }

    /** The e-mails' sender, through the mail server of {@code settings}. */
    public static MessageSender mail(Database database, MailSettings settings, Clock clock) {
        return new MessageSender(database, MessageService.Channel.EMAIL, settings, new Smtp(settings), clock);
    }

    /** The SMS' sender, through the gateway of {@code settings}. */
    public static MessageSender sms(Database database, SmsSettings settings, Clock clock) {
        return new MessageSender(database, MessageService.Channel.SMS, settings, new SmsGateway(settings), clock);
    }

    @Override
    public void start() {
        if (!settings.isOn()) {
            LOG.info("{}: {} messages are queued and not sent", settings.offReason(), channel);
            return;
        }
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName());
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.getPollInterval().toMilliseconds();
        executor.scheduleWithFixedDelay(this::sendDue, every, every, TimeUnit.MILLISECONDS);
    }

    /** {@code mail-sender}, {@code sms-sender}: what operators see in a thread dump. */
    String threadName() {
        return channel.senderName + "-sender";
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        if (executor != null) {
            executor.shutdown();
            // the message being sent is marked before the database closes
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
    }

    MessageService.Channel channel() {
        return channel;
    }

    boolean isOn() {
        return settings.isOn();
    }

    String offReason() {
        return settings.offReason();
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    void check() throws Exception {
        carrier.check();
    }

    /** One round: the messages of the channel due now, each claimed, sent and marked. */
    void sendDue() {
        try {
            List<Long> due = database.read(handle -> Daos.on(handle, MessageDao.class)
                    .due(channel.name(), clock.instant(), BATCH));
            for (long id : due) {
                if (stopping) {
                    return;
                }
                sendOne(id);
            }
        } catch (RuntimeException e) {
            // the next round tries again; the thread must survive
            LOG.warn("The {} sender's round failed", channel, e);
        }
    }

    private void sendOne(long id) {
        Instant now = clock.instant();
        Optional<MessageDao.MessageRow> claimed = database.write(handle -> {
            MessageDao messages = Daos.on(handle, MessageDao.class);
            return messages.claim(id, now, now.plus(LEASE)) == 1 ? messages.find(id) : Optional.empty();
        });
        if (claimed.isEmpty()) {
            return;
        }
        MessageDao.MessageRow message = claimed.get();
        try {
            byte[] attachment = null;
            if (message.attachment() != null) {
                attachment = database.read(handle -> Daos.on(handle, MessageDao.class).signedDocument(message.attachment()))
                        .orElseThrow(() -> new IllegalStateException("no signed document"));
            }
            carrier.send(message, attachment);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(message, e);
            return;
        } catch (Exception e) {
            failed(message, e);
            return;
        }
        lastFailure = null;
        // the other side took it: should this mark fail, the claim runs out and the message goes again, under
        // the same name (at least once), rather than being counted as a failed attempt
        database.write(handle -> Daos.on(handle, MessageDao.class).sent(message.id(), clock.instant()));
    }

    /** A failed attempt: counted, tried again after the back-off, or given up. */
    private void failed(MessageDao.MessageRow message, Exception e) {
        // the kind of failure only: the other side's text may quote the address or the number
        String error = e.getClass().getSimpleName();
        lastFailure = error;
        int attempts = message.attempts() + 1;
        boolean givenUp = attempts >= settings.getMaxAttempts();
        Instant next = clock.instant().plus(backOff(attempts));
        database.write(handle -> Daos.on(handle, MessageDao.class).failed(message.id(),
                givenUp ? "FAILED" : "QUEUED", next, error));
        LOG.warn("Message {} ({}) not sent (attempt {}{}): {}", message.id(), channel, attempts,
                givenUp ? ", given up" : "", error);
    }

    /** The wait after the {@code attempts}-th failure: the first delay, doubled each time, up to the ceiling. */
    Duration backOff(int attempts) {
        long first = settings.getFirstRetryDelay().toMilliseconds();
        long ceiling = settings.getMaxRetryDelay().toMilliseconds();
        long delay = first;
        for (int i = 1; i < attempts && delay < ceiling; i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, ceiling));
    }
}
