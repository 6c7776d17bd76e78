package fr.ecole.lending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The sender's waits between attempts, and the name each message keeps across them. */
class MailSenderTest {

    @Test
    void theWaitDoublesAfterEachFailureUpToTheCeiling() {
        MailSettings settings = new MailSettings();
        settings.setFirstRetryDelay(Duration.minutes(1));
        settings.setMaxRetryDelay(Duration.minutes(10));
        MailSender sender = new MailSender(null, settings, Clock.systemUTC());
        assertThat(sender.backOff(1)).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(sender.backOff(2)).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(sender.backOff(4)).isEqualTo(java.time.Duration.ofMinutes(8));
        assertThat(sender.backOff(5)).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(sender.backOff(60)).as("no overflow").isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void aMessageIsNamedByItsIdUnderTheSendersDomain() {
        assertThat(Smtp.messageId(42, "pret@college.example.org")).isEqualTo("<message-42@college.example.org>");
        assertThat(Smtp.messageId(7, "Collège <pret@college.example.org>")).isEqualTo("<message-7@college.example.org>");
        assertThat(Smtp.messageId(7, null)).isEqualTo("<message-7@localhost>");
    }
}
