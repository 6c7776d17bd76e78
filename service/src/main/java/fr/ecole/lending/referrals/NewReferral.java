package fr.ecole.lending.referrals;

/** {@code POST /api/families/{id}/referrals}: the kind of help, where to, and a note. */
public record NewReferral(ReferralKind kind, String to, String note) {
}
