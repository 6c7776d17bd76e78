package fr.ecole.lending.referrals;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A referral as the API shows it: {@code to} and {@code note} are absent once the family was
 * erased or the retention period has passed ({@code anonymisedAt}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Referral(long id, long familyId, ReferralKind kind, String to, String note, ReferralStatus status,
                       Instant proposedAt, String proposedBy, Instant acceptedAt, Instant doneAt, Instant declinedAt,
                       Instant updatedAt, String updatedBy, Instant anonymisedAt) {

    @JsonIgnore
    public long key() {
        return id;
    }
}
