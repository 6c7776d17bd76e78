package fr.ecole.lending.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The mail server the service sends families' e-mails through. No host (the default): sending is off,
 * messages are still queued and shown to the desk. A wrong setting does not stop the service: the health
 * check says so and the queue waits for it to work.
 */
public class MailSettings {
    /** How the connection to the mail server is protected. */
    public enum Tls { NONE, STARTTLS, SMTPS }

    private String host;
    @Min(1)
    @Max(65535)
    private int port = 587;
    @NotNull
    private Tls tls = Tls.STARTTLS;
    private String username;
    private String password;
    /** The sender's address; its domain also names the messages (Message-ID). */
    private String from;
    /** Attempts before a message is given up (FAILED). */
    @Min(1)
    private int maxAttempts = 10;
    /** The wait after a first failure, doubled after each next one up to {@link #maxRetryDelay}. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration firstRetryDelay = Duration.minutes(1);
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration maxRetryDelay = Duration.hours(2);
    /** How often the sender looks for messages due. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration pollInterval = Duration.seconds(10);

    /** Whether a mail server is configured: without one nothing is sent. */
    @JsonIgnore
    public boolean isOn() {
        return host != null && !host.isBlank();
    }

    @JsonProperty
    public String getHost() {
        return host;
    }

    @JsonProperty
    public void setHost(String host) {
        this.host = host == null ? null : host.strip();
    }

    @JsonProperty
    public int getPort() {
        return port;
    }

    @JsonProperty
    public void setPort(int port) {
        this.port = port;
    }

    @JsonProperty
    public Tls getTls() {
        return tls;
    }

    @JsonProperty
    public void setTls(Tls tls) {
        this.tls = tls;
    }

    @JsonProperty
    public String getUsername() {
        return username;
    }

    @JsonProperty
    public void setUsername(String username) {
        this.username = username;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public String getFrom() {
        return from;
    }

    @JsonProperty
    public void setFrom(String from) {
        this.from = from == null ? null : from.strip();
    }

    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @JsonProperty
    public Duration getFirstRetryDelay() {
        return firstRetryDelay;
    }

    @JsonProperty
    public void setFirstRetryDelay(Duration firstRetryDelay) {
        this.firstRetryDelay = firstRetryDelay;
    }

    @JsonProperty
    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    @JsonProperty
    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
