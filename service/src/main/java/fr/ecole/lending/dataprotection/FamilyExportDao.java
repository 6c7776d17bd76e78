package fr.ecole.lending.dataprotection;

import fr.ecole.lending.agreements.AgreementStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What a family's export reads beyond the family and its diagnostics: one query per kind of record. */
public interface FamilyExportDao {

    record AgreementRow(long id, String number, AgreementStatus status, String uai, LocalDate dueDate,
                        Long diagnosticId, String overrideReason, String termsVersion, String signedBy,
                        Instant signedAt, Instant createdAt, String createdBy, Instant closedAt,
                        Instant documentKeptAt) {
    }

    record LoanRow(long loanId, long agreementId, String assetTag, String kind, String model, String serial, Instant outAt,
                   Instant returnedAt, Instant lostAt, Long returnId, String condition, String missingAccessories,
                   String note, Instant receivedAt, String receivedBy, String receivedUai) {
    }

    record HandInRow(long id, long loanId, String status, String receivedUai, Instant receivedAt, String receivedBy,
                     String condition, String missingAccessories, String note, Instant decidedAt, String decidedBy,
                     String refusalReason) {
    }

    record EventRow(long agreementId, Instant at, String event, String assetTag, String actor, String note) {
    }

    record AuditRow(Instant at, String actor, String actorRole, String action, String entity, String entityId,
                    String detail) {
    }

    @SqlQuery("""
            SELECT a.id, a.number, a.status, a.uai, a.due_date, a.diagnostic_id, a.override_reason, a.terms_version,
                   a.signed_by, a.signed_at, a.created_at, u.name AS created_by, a.closed_at,
                   k.rendered_at AS document_kept_at
              FROM agreements a
              JOIN users u ON u.id = a.created_by
              LEFT JOIN agreement_documents k ON k.agreement_id = a.id
             WHERE a.family_id = :familyId
             ORDER BY a.id""")
    @RegisterConstructorMapper(AgreementRow.class)
    List<AgreementRow> agreements(@Bind("familyId") long familyId);

    @SqlQuery("""
            SELECT l.id AS loan_id, l.agreement_id, d.asset_tag, d.kind, d.model, d.serial, l.out_at, l.returned_at,
                   l.lost_at,
                   r.id AS return_id, r.condition, r.missing_accessories, r.note, r.received_at,
                   u.name AS received_by, r.received_uai
              FROM loans l
              JOIN agreements a ON a.id = l.agreement_id
              JOIN devices d ON d.id = l.device_id
              LEFT JOIN returns r ON r.loan_id = l.id
              LEFT JOIN users u ON u.id = r.received_by
             WHERE a.family_id = :familyId
             ORDER BY l.id""")
    @RegisterConstructorMapper(LoanRow.class)
    List<LoanRow> loans(@Bind("familyId") long familyId);

    /** The devices of the family's loans handed in at another school, and what their own school decided. */
    @SqlQuery("""
            SELECT h.id, h.loan_id, h.status, h.received_uai, h.received_at, r.name AS received_by, h.condition,
                   h.missing_accessories, h.note, h.decided_at, x.name AS decided_by, h.refusal_reason
              FROM hand_ins h
              JOIN loans l ON l.id = h.loan_id
              JOIN agreements a ON a.id = l.agreement_id
              JOIN users r ON r.id = h.received_by
              LEFT JOIN users x ON x.id = h.decided_by
             WHERE a.family_id = :familyId
             ORDER BY h.id""")
    @RegisterConstructorMapper(HandInRow.class)
    List<HandInRow> handIns(@Bind("familyId") long familyId);

    @SqlQuery("""
            SELECT e.agreement_id, e.at, e.event, d.asset_tag, u.name AS actor, e.note
              FROM device_events e
              JOIN agreements a ON a.id = e.agreement_id
              JOIN devices d ON d.id = e.device_id
              JOIN users u ON u.id = e.actor_id
             WHERE a.family_id = :familyId
             ORDER BY e.id""")
    @RegisterConstructorMapper(EventRow.class)
    List<EventRow> history(@Bind("familyId") long familyId);

    @SqlQuery("""
            SELECT r.reminded_at, r.uai, r.channel, u.name AS reminded_by
              FROM reminders r JOIN users u ON u.id = r.reminded_by
             WHERE r.family_id = :familyId
             ORDER BY r.id""")
    @RegisterConstructorMapper(FamilyExport.Reminder.class)
    List<FamilyExport.Reminder> reminders(@Bind("familyId") long familyId);

    /** The e-mails and SMS the service sent (or queued) to the family: to whom, what, when, how often tried. */
    @SqlQuery("""
            SELECT kind, channel, recipient, subject, body, attachment, status, attempts, created_at, sent_at
              FROM messages WHERE family_id = :familyId ORDER BY id""")
    @RegisterConstructorMapper(FamilyExport.Message.class)
    List<FamilyExport.Message> messages(@Bind("familyId") long familyId);

    /**
     * The audit log's entries about the family, its diagnostics, its referrals, its agreements and their
     * returns (hand-ins included).
     */
    @SqlQuery("""
            SELECT l.at, COALESCE(u.name, 'system') AS actor, u.role AS actor_role, l.action, l.entity, l.entity_id,
                   l.detail
              FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
             WHERE (l.entity = 'FAMILY' AND l.entity_id = :familyId)
                OR (l.entity = 'DIAGNOSTIC' AND l.entity_id IN (<diagnostics>))
                OR (l.entity = 'REFERRAL' AND l.entity_id IN (<referrals>))
                OR (l.entity = 'AGREEMENT' AND l.entity_id IN (<agreements>))
                OR (l.entity = 'RETURN' AND l.entity_id IN (<returns>))
             ORDER BY l.id""")
    @RegisterConstructorMapper(AuditRow.class)
    List<AuditRow> audit(@Bind("familyId") String familyId, @BindList("diagnostics") Collection<String> diagnostics,
                         @BindList("referrals") Collection<String> referrals,
                         @BindList("agreements") Collection<String> agreements,
                         @BindList("returns") Collection<String> returns);
}
