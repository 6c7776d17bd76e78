package fr.ecole.lending.agreements;

import java.time.Instant;
import java.util.List;

/**
 * A device handed in at another school, as its own school's desk sees it in
 * {@code GET /api/returns?status=PENDING}: what came back, where, from which agreement, and what was decided.
 */
public record HandIn(long id, String assetTag, String kind, String uai, String agreementNumber, String receivedUai,
                     Instant receivedAt, String receivedBy, ReturnCondition condition, List<String> missingAccessories,
                     String note, ReturnStatus status, Instant decidedAt, String decidedBy, String refusalReason) {

    /** {@code POST /api/returns/{id}/confirmation}: empty, or the condition corrected by the owning school. */
    public record Confirmation(ReturnCondition condition) {
    }

    /** {@code POST /api/returns/{id}/refusal}: why the owning school does not take the return. */
    public record Refusal(String reason) {
    }
}
