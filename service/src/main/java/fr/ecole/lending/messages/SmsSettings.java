package fr.ecole.lending.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.concurrent.TimeUnit;

/**
 * The SMS gateway reminders go through for the households that prefer SMS: an HTTP endpoint that takes
 * one message a request. No URL (the default): those households stay in the follow-up's CSV, for the
 * school's own provider, and no SMS is queued.
 */
public class SmsSettings extends SendingSettings {
    /** Where messages are POSTed; empty: no gateway. Plain http only to this machine: the token must not travel in clear. */
    @Pattern(regexp = "|https://\\S+|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?(/\\S*)?",
            message = "must be empty, an https URL, or an http URL of this machine")
    private String url;
    private String token;
    /** The sender's name the family's phone shows (operators allow 11 letters or digits). */
    @Size(max = 11)
    private String sender;
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration connectTimeout = Duration.seconds(5);
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration requestTimeout = Duration.seconds(10);

    @Override
    @JsonIgnore
    public boolean isOn() {
        return url != null && !url.isBlank();
    }

    @Override
    String offReason() {
        return "no SMS gateway (LENDING_SMS_URL)";
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url == null ? null : url.strip();
    }

    @JsonProperty
    public String getToken() {
        return token;
    }

    @JsonProperty
    public void setToken(String token) {
        this.token = token;
    }

    @JsonProperty
    public String getSender() {
        return sender;
    }

    @JsonProperty
    public void setSender(String sender) {
        this.sender = sender == null ? null : sender.strip();
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
