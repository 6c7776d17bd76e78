package fr.ecole.lending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

/** Where the SMS gateway may be: nowhere (off), https, or plain http to this machine only. */
class SmsSettingsTest {
    private static final Validator VALIDATOR = Validators.newValidator();

    static boolean accepted(String url) {
        SmsSettings settings = new SmsSettings();
        settings.setUrl(url);
        return VALIDATOR.validate(settings).isEmpty();
    }

    @Test
    void theTokenNeverTravelsInClearTextBeyondThisMachine() {
        assertThat(accepted("")).isTrue();
        assertThat(accepted(null)).isTrue();
        assertThat(accepted("https://sms.example.org/v1/messages")).isTrue();
        assertThat(accepted("http://127.0.0.1:8099/sms")).isTrue();
        assertThat(accepted("http://localhost/sms")).isTrue();
        assertThat(accepted("http://sms.example.org/v1/messages")).isFalse();
        assertThat(accepted("http://localhost.example.org/sms")).isFalse();
        assertThat(accepted("ftp://sms.example.org")).isFalse();
    }

    @Test
    void aSenderNameLongerThanOperatorsAllowIsRefused() {
        SmsSettings settings = new SmsSettings();
        settings.setSender("COLLEGE-VOLGA-RENNES");
        assertThat(VALIDATOR.validate(settings)).isNotEmpty();
        assertThat(new SmsSettings().isOn()).isFalse();
    }
}
