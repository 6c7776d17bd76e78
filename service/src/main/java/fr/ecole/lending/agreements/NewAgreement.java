package fr.ecole.lending.agreements;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code POST /api/agreements}: lend a bundle of devices to a family. {@code idempotencyKey} is the
 * desk client's name for this request, so that a double click or a retry lends nothing twice.
 */
public record NewAgreement(
        Long familyId,
        String uai,
        List<String> assetTags,
        LocalDate dueDate,
        String idempotencyKey,
        OverrideReason override) {

    /** Why staff lend without an eligible diagnostic; recorded on the agreement. */
    public record OverrideReason(String reason) {
    }
}
