package fr.ecole.lending.messages;

import com.codahale.metrics.health.HealthCheck;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import java.util.Optional;

/**
 * {@code mail}, {@code sms}: healthy with sending off when the channel is not configured; otherwise
 * unhealthy when the last attempt failed or the other side cannot be reached, with the count of the
 * channel's messages waiting.
 */
public class SendingHealthCheck extends HealthCheck {
    private final MessageSender sender;
    private final Database database;

    public SendingHealthCheck(MessageSender sender, Database database) {
        this.sender = sender;
        this.database = database;
    }

    @Override
    protected Result check() {
        long waiting = database.read(handle -> Daos.on(handle, MessageDao.class).waiting(sender.channel().name()));
        if (!sender.isOn()) {
            return Result.healthy("sending off (" + sender.offReason() + "); " + waiting + " message(s) waiting");
        }
        Optional<String> last = sender.lastFailure();
        if (last.isPresent()) {
            return Result.unhealthy("the last attempt failed (" + last.get() + "); " + waiting + " message(s) waiting");
        }
        try {
            sender.check();
        } catch (Exception e) {
            return Result.unhealthy("the " + sender.channel().carrierName + " cannot be reached ("
                    + e.getClass().getSimpleName() + "); " + waiting + " message(s) waiting");
        }
        return Result.healthy(waiting + " message(s) waiting");
    }
}
