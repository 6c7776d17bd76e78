package fr.ecole.lending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The sender's waits between attempts, and the name each message keeps across them. */
class MessageSenderTest {

    @Test
    void theWaitDoublesAfterEachFailureUpToTheCeiling() {
        MailSettings settings = new MailSettings();
        settings.setFirstRetryDelay(Duration.minutes(1));
        settings.setMaxRetryDelay(Duration.minutes(10));
        MessageSender sender = MessageSender.mail(null, settings, Clock.systemUTC());
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

    @Test
    void anSmsGoesToAMobileInInternationalFormOnly() {
        assertThat(MessageService.mobileNumber("0611223344")).contains("+33611223344");
        assertThat(MessageService.mobileNumber("07 11 22 33 44")).contains("+33711223344");
        assertThat(MessageService.mobileNumber("+32470123456")).contains("+32470123456");
        assertThat(MessageService.mobileNumber("0299887766")).as("a landline takes no SMS").isEmpty();
        assertThat(MessageService.mobileNumber(null)).isEmpty();
    }
}
