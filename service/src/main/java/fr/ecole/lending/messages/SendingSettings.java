package fr.ecole.lending.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How a channel's sender retries: the same rules for e-mails and SMS, each channel with its own values. */
public abstract class SendingSettings {
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

    /** Whether the channel is configured: without it nothing leaves by it. */
    @JsonIgnore
    public abstract boolean isOn();

    /** Why nothing leaves when {@link #isOn()} is false, naming the setting to give. */
    @JsonIgnore
    abstract String offReason();

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
