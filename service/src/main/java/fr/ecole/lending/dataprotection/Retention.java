package fr.ecole.lending.dataprotection;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import java.time.Period;

/**
 * How long personal data is kept ({@code retention} in config.yml). The defaults follow the CNIL's
 * guidance for social support records: kept while the support lasts, then two years after the last
 * contact; a diagnostic's details one year past the school year it was made for, a referral's one year
 * after it last changed.
 */
public class Retention {
    /** How long after it expires a diagnostic keeps its answers and reasons. */
    @NotNull
    private Period diagnosticsAfterExpiry = Period.ofYears(1);

    /** How long after its last change a referral keeps where it sent the family and its note. */
    @NotNull
    private Period referralsAfterLastChange = Period.ofYears(1);

    /** How long a family with nothing out is kept after its last contact with the service. */
    @NotNull
    private Period familiesWithoutContact = Period.ofYears(2);

    /**
     * How long a family's request to be called back (survey) is kept once the school handled it; an
     * unhandled one goes when the school year of its survey has ended.
     */
    @NotNull
    private Period contactRequestsAfterHandled = Period.ofDays(30);

    /** Whether the service purges by itself every day; off, the purge command does it. */
    private boolean daily = true;

    /** When, in Europe/Paris time. */
    @NotNull
    private LocalTime dailyAt = LocalTime.of(3, 30);

    @JsonProperty
    public Period getDiagnosticsAfterExpiry() {
        return diagnosticsAfterExpiry;
    }

    @JsonProperty
    public void setDiagnosticsAfterExpiry(Period diagnosticsAfterExpiry) {
        this.diagnosticsAfterExpiry = diagnosticsAfterExpiry;
    }

    @JsonProperty
    public Period getReferralsAfterLastChange() {
        return referralsAfterLastChange;
    }

    @JsonProperty
    public void setReferralsAfterLastChange(Period referralsAfterLastChange) {
        this.referralsAfterLastChange = referralsAfterLastChange;
    }

    @JsonProperty
    public Period getFamiliesWithoutContact() {
        return familiesWithoutContact;
    }

    @JsonProperty
    public void setFamiliesWithoutContact(Period familiesWithoutContact) {
        this.familiesWithoutContact = familiesWithoutContact;
    }

    @JsonProperty
    public Period getContactRequestsAfterHandled() {
        return contactRequestsAfterHandled;
    }

    @JsonProperty
    public void setContactRequestsAfterHandled(Period contactRequestsAfterHandled) {
        this.contactRequestsAfterHandled = contactRequestsAfterHandled;
    }

    @JsonProperty
    public boolean isDaily() {
        return daily;
    }

    @JsonProperty
    public void setDaily(boolean daily) {
        this.daily = daily;
    }

    @JsonProperty
    public LocalTime getDailyAt() {
        return dailyAt;
    }

    @JsonProperty
    public void setDailyAt(LocalTime dailyAt) {
        this.dailyAt = dailyAt;
    }
}
