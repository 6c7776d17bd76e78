package fr.ecole.lending.dataprotection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of erasure and retention: what a family still has out, what it left behind, and its removal. */
@RegisterConstructorMapper(AnonymisationDao.DeviceOut.class)
@RegisterConstructorMapper(AnonymisationDao.Note.class)
public interface AnonymisationDao {
    /** A device of the family's agreements that has not come back. */
    record DeviceOut(String assetTag, String agreementNumber) {
    }

    /** A free-text note written about a device the family borrowed: {@code kind} says where it sits. */
    record Note(String kind, long id, String text) {
    }

    @SqlQuery("""
            SELECT d.asset_tag, a.number AS agreement_number
              FROM loans l
              JOIN agreements a ON a.id = l.agreement_id
              JOIN devices d ON d.id = l.device_id
             WHERE a.family_id = :familyId AND l.returned_at IS NULL AND l.lost_at IS NULL
             ORDER BY a.id, d.asset_tag""")
    List<DeviceOut> devicesOut(@Bind("familyId") long familyId);

    @SqlQuery("SELECT first_name FROM pupils WHERE family_id = :familyId ORDER BY position")
    List<String> pupilFirstNames(@Bind("familyId") long familyId);

    /** The person goes; the commune, which the reports count by, stays. 0 when already anonymised. */
    @SqlUpdate("""
            UPDATE families
               SET guardian_name = :guardian, guardian_phone = NULL, guardian_email = NULL,
                   preferred_contact = 'PAPER', search_name = '', phone_digits = NULL,
                   updated_at = :now, anonymised_at = :now
             WHERE id = :familyId AND anonymised_at IS NULL""")
    int anonymiseFamily(@Bind("familyId") long familyId, @Bind("guardian") String guardian, @Bind("now") Instant now);

    /** First names become "Élève 1", "Élève 2"...; schools and levels stay, for the reports' groupings. */
    @SqlUpdate("""
            UPDATE pupils SET first_name = CAST(:prefix AS TEXT) || CAST(position + 1 AS TEXT)
             WHERE family_id = :familyId""")
    int renamePupils(@Bind("familyId") long familyId, @Bind("prefix") String prefix);

    /** Who signed, and the staff's reason for lending without a diagnostic, which describes the family. */
    @SqlUpdate("""
            UPDATE agreements
               SET signed_by = CASE WHEN signed_by IS NULL THEN NULL ELSE :signedBy END,
                   override_reason = CASE WHEN override_reason IS NULL THEN NULL ELSE :overrideReason END
             WHERE family_id = :familyId""")
    int detachAgreements(@Bind("familyId") long familyId, @Bind("signedBy") String signedBy,
                         @Bind("overrideReason") String overrideReason);

    /** The signed PDFs print the guardian's name and the pupils' first names. */
    @SqlUpdate("""
            DELETE FROM agreement_documents
             WHERE agreement_id IN (SELECT id FROM agreements WHERE family_id = :familyId)""")
    int deleteAgreementDocuments(@Bind("familyId") long familyId);

    /** The notes staff wrote about the devices the family borrowed, where a name may have slipped in. */
    @SqlQuery("""
            SELECT 'return' AS kind, r.id, r.note AS text
              FROM returns r JOIN loans l ON l.id = r.loan_id JOIN agreements a ON a.id = l.agreement_id
             WHERE a.family_id = :familyId AND r.note IS NOT NULL
            UNION ALL
            SELECT 'hand_in', h.id, h.note
              FROM hand_ins h JOIN loans l ON l.id = h.loan_id JOIN agreements a ON a.id = l.agreement_id
             WHERE a.family_id = :familyId AND h.note IS NOT NULL
            UNION ALL
            SELECT 'hand_in_refusal', h.id, h.refusal_reason
              FROM hand_ins h JOIN loans l ON l.id = h.loan_id JOIN agreements a ON a.id = l.agreement_id
             WHERE a.family_id = :familyId AND h.refusal_reason IS NOT NULL
            UNION ALL
            SELECT 'event', e.id, e.note FROM device_events e
             WHERE e.note IS NOT NULL AND e.device_id IN (SELECT l.device_id FROM loans l
                     JOIN agreements a ON a.id = l.agreement_id WHERE a.family_id = :familyId)
            UNION ALL
            SELECT 'repair_reason', p.id, p.reason FROM repairs p
             WHERE p.device_id IN (SELECT l.device_id FROM loans l
                     JOIN agreements a ON a.id = l.agreement_id WHERE a.family_id = :familyId)
            UNION ALL
            SELECT 'repair_outcome', p.id, p.outcome FROM repairs p
             WHERE p.outcome IS NOT NULL AND p.device_id IN (SELECT l.device_id FROM loans l
                     JOIN agreements a ON a.id = l.agreement_id WHERE a.family_id = :familyId)""")
    List<Note> notesAboutBorrowedDevices(@Bind("familyId") long familyId);

    @SqlUpdate("UPDATE returns SET note = :text WHERE id = :id")
    void setReturnNote(@Bind("id") long id, @Bind("text") String text);

    @SqlUpdate("UPDATE hand_ins SET note = :text WHERE id = :id")
    void setHandInNote(@Bind("id") long id, @Bind("text") String text);

    @SqlUpdate("UPDATE hand_ins SET refusal_reason = :text WHERE id = :id")
    void setHandInRefusal(@Bind("id") long id, @Bind("text") String text);

    @SqlUpdate("UPDATE device_events SET note = :text WHERE id = :id")
    void setEventNote(@Bind("id") long id, @Bind("text") String text);

    @SqlUpdate("UPDATE repairs SET reason = :text WHERE id = :id")
    void setRepairReason(@Bind("id") long id, @Bind("text") String text);

    @SqlUpdate("UPDATE repairs SET outcome = :text WHERE id = :id")
    void setRepairOutcome(@Bind("id") long id, @Bind("text") String text);

    /**
     * Families to anonymise for want of contact: not anonymised, nothing active, and no trace of
     * contact since {@code since}: the family recorded or corrected, an agreement made, signed,
     * renewed or closed, a device returned (or handed in at another school), a reminder sent, a diagnostic made,
     * a referral proposed or followed.
     */
    @SqlQuery("""
            SELECT f.id FROM families f
             WHERE f.anonymised_at IS NULL
               AND f.created_at < :since AND f.updated_at < :since
               AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.family_id = f.id
                                 AND (a.status = 'ACTIVE' OR a.created_at >= :since OR a.closed_at >= :since
                                      OR a.signed_at >= :since))
               AND NOT EXISTS (SELECT 1 FROM agreement_renewals r JOIN agreements a ON a.id = r.agreement_id
                                WHERE a.family_id = f.id AND r.renewed_at >= :since)
               AND NOT EXISTS (SELECT 1 FROM returns r JOIN loans l ON l.id = r.loan_id
                                 JOIN agreements a ON a.id = l.agreement_id
                                WHERE a.family_id = f.id AND r.received_at >= :since)
               AND NOT EXISTS (SELECT 1 FROM hand_ins h JOIN loans l ON l.id = h.loan_id
                                 JOIN agreements a ON a.id = l.agreement_id
                                WHERE a.family_id = f.id AND h.received_at >= :since)
               AND NOT EXISTS (SELECT 1 FROM reminders m WHERE m.family_id = f.id AND m.reminded_at >= :since)
               AND NOT EXISTS (SELECT 1 FROM diagnostics d WHERE d.family_id = f.id AND d.made_at >= :since)
               AND NOT EXISTS (SELECT 1 FROM referrals o WHERE o.family_id = f.id AND o.updated_at >= :since)
             ORDER BY f.id""")
    List<Long> familiesWithoutContactSince(@Bind("since") Instant since);

    @SqlQuery("SELECT COUNT(*) FROM diagnostics WHERE anonymised_at IS NULL AND expires <= :expiredBy")
    int countDiagnosticsExpiredBy(@Bind("expiredBy") LocalDate expiredBy);

    /**
     * The answers and the reasons go, and with them the household facts drawn from the answers (the
     * restricted need of adapted equipment among them), as migration 026 leaves them for a diagnostic
     * anonymised before; the decision the reports count (needs, connection, white zone, eligibility,
     * priority, dates) stays. Only the rows not yet anonymised: a second run changes nothing.
     */
    @SqlUpdate("""
            UPDATE diagnostics SET answers = '{}', reasons = '[]', anonymised_at = :now,
                                   smartphone_only = FALSE, shared_device = FALSE, parents_without_autonomy = FALSE,
                                   other_language = FALSE, adapted_equipment = FALSE
             WHERE anonymised_at IS NULL AND expires <= :expiredBy""")
    int anonymiseDiagnosticsExpiredBy(@Bind("expiredBy") LocalDate expiredBy, @Bind("now") Instant now);

    /**
     * Where the family was sent and the note go, which may name someone; the kind, the status and the
     * dates the reports count stay. The family's own referrals only, those not yet anonymised.
     */
    @SqlUpdate("""
            UPDATE referrals SET destination = NULL, note = NULL, anonymised_at = :now
             WHERE family_id = :familyId AND anonymised_at IS NULL""")
    int anonymiseReferrals(@Bind("familyId") long familyId, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) FROM referrals WHERE anonymised_at IS NULL AND updated_at < :before")
    int countReferralsUnchangedSince(@Bind("before") Instant before);

    /** As for diagnostics: a referral untouched for the retention period keeps its figures, not its words. */
    @SqlUpdate("""
            UPDATE referrals SET destination = NULL, note = NULL, anonymised_at = :now
             WHERE anonymised_at IS NULL AND updated_at < :before""")
    int anonymiseReferralsUnchangedSince(@Bind("before") Instant before, @Bind("now") Instant now);

    /**
     * A family's request to be called back, at the end of a survey, is kept until the school handled
     * it and a while after ({@code handledBefore}), and never past the school year of its survey.
     */
    String CONTACT_REQUESTS_DONE = " WHERE handled_at < :handledBefore"
            + " OR survey_id IN (SELECT s.id FROM surveys s WHERE s.school_year < :schoolYear)";

    @SqlUpdate("DELETE FROM survey_contact_requests" + CONTACT_REQUESTS_DONE)
    int deleteContactRequestsDone(@Bind("handledBefore") Instant handledBefore, @Bind("schoolYear") int schoolYear);

    @SqlQuery("SELECT COUNT(*) FROM survey_contact_requests" + CONTACT_REQUESTS_DONE)
    int countContactRequestsDone(@Bind("handledBefore") Instant handledBefore, @Bind("schoolYear") int schoolYear);

    /**
     * The family's e-mails keep neither address nor text nor the key that may name the address; those
     * still queued are never sent.
     */
    @SqlUpdate("""
            UPDATE messages SET recipient = NULL, body = NULL, idempotency_key = 'erased:' || CAST(id AS TEXT),
                   last_error = CASE WHEN status = 'QUEUED' THEN 'erased' ELSE last_error END,
                   status = CASE WHEN status = 'QUEUED' THEN 'FAILED' ELSE status END
             WHERE family_id = :familyId""")
    int eraseMessages(@Bind("familyId") long familyId);
}
