package fr.ecole.lending.surveys;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/**
 * How many answers a minute the public form takes ({@code surveyAnswers} in config.yml): from one
 * client address, and with one code. A code is guessed no faster than an address allows; a slip's
 * code typed wrong a few times is not locked for long.
 */
public class AnswerLimits {
    @Min(1)
    private int perAddressPerMinute = 30;

    @Min(1)
    private int perCodePerMinute = 5;

    /** Codes no campaign has, from all clients together: past this, a guessing is under way. */
    @Min(1)
    private int unknownCodesPerMinute = 300;

    @JsonProperty
    public int getUnknownCodesPerMinute() {
        return unknownCodesPerMinute;
    }

    @JsonProperty
    public void setUnknownCodesPerMinute(int unknownCodesPerMinute) {
        this.unknownCodesPerMinute = unknownCodesPerMinute;
    }

    @JsonProperty
    public int getPerAddressPerMinute() {
        return perAddressPerMinute;
    }

    @JsonProperty
    public void setPerAddressPerMinute(int perAddressPerMinute) {
        this.perAddressPerMinute = perAddressPerMinute;
    }

    @JsonProperty
    public int getPerCodePerMinute() {
        return perCodePerMinute;
    }

    @JsonProperty
    public void setPerCodePerMinute(int perCodePerMinute) {
        this.perCodePerMinute = perCodePerMinute;
    }
}
