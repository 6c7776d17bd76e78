package fr.ecole.lending.referrals;

/** {@code PATCH /api/referrals/{id}}: the new status, and the note again when it changes. */
public record ReferralChange(ReferralStatus status, String note) {
}
