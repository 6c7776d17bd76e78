package fr.ecole.lending.messages;

import com.codahale.metrics.health.HealthCheck;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import jakarta.mail.MessagingException;
import java.util.Optional;

/**
 * {@code mail}: healthy with sending off when no mail server is configured; otherwise unhealthy when the
 * last attempt failed or the server cannot be reached, with the count of messages waiting.
 */
public class MailHealthCheck extends HealthCheck {
    private final MailSender sender;
    private final Database database;

    public MailHealthCheck(MailSender sender, Database database) {
        this.sender = sender;
        this.database = database;
    }

    @Override
    protected Result check() {
        long waiting = database.read(handle -> Daos.on(handle, MessageDao.class).waiting());
        if (!sender.isOn()) {
            return Result.healthy("sending off (no mail host); " + waiting + " message(s) waiting");
        }
        Optional<String> last = sender.lastFailure();
        if (last.isPresent()) {
            return Result.unhealthy("the last attempt failed (" + last.get() + "); " + waiting + " message(s) waiting");
        }
        try {
            sender.check();
        } catch (MessagingException e) {
            return Result.unhealthy("the mail server cannot be reached (" + e.getClass().getSimpleName() + "); "
                    + waiting + " message(s) waiting");
        }
        return Result.healthy(waiting + " message(s) waiting");
    }
}
