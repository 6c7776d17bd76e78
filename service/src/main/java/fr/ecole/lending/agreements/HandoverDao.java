package fr.ecole.lending.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the agreements handed with their pupil to another school. */
@RegisterConstructorMapper(HandoverDao.HandoverRow.class)
@RegisterConstructorMapper(HandoverDao.HandedLoan.class)
@RegisterConstructorMapper(HandoverDao.Offer.class)
public interface HandoverDao {

    /** A handover: from which agreement and school to which, who and when. */
    record HandoverRow(long id, int number, long fromAgreementId, String fromNumber, String fromUai,
                       long toAgreementId, String toNumber, String toUai, String handedBy, Instant handedAt) {
    }

    /** A device handed, and the school whose pool it belongs to afterwards. */
    record HandedLoan(long handoverId, String assetTag, String kind, String model, String serial, String ownerUai) {
    }

    /** An active agreement of the school whose family has no pupil there any more, and a school one is at now. */
    record Offer(String number, long familyId, String guardianName, LocalDate dueDate, String newSchool,
                 String newSchoolName) {
    }

    /** Records a handover, numbered from 1 among those of its first agreement; returns its id. */
    @SqlQuery("""
            INSERT INTO agreement_handovers (from_agreement_id, number, to_agreement_id, from_uai, to_uai,
                                             handed_by, handed_at)
            VALUES (:from, (SELECT COUNT(*) + 1 FROM agreement_handovers WHERE from_agreement_id = :from),
                    :to, :fromUai, :toUai, :by, :now)
            RETURNING id""")
    long insert(@Bind("from") long fromAgreementId, @Bind("to") long toAgreementId, @Bind("fromUai") String fromUai,
                @Bind("toUai") String toUai, @Bind("by") long by, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO handover_loans (handover_id, loan_id, owner_uai) VALUES (:handover, :loan, :owner)")
    void insertLoan(@Bind("handover") long handoverId, @Bind("loan") long loanId, @Bind("owner") String ownerUai);

    /** The loan, still open and on its first agreement, now under the new one; 0 when it changed meanwhile. */
    @SqlUpdate("""
            UPDATE loans SET agreement_id = :to
             WHERE id = :loan AND agreement_id = :from AND returned_at IS NULL AND lost_at IS NULL""")
    int moveLoan(@Bind("loan") long loanId, @Bind("from") long fromAgreementId, @Bind("to") long toAgreementId);

    String HANDOVERS = """
            SELECT h.id, h.number, h.from_agreement_id, f.number AS from_number, h.from_uai,
                   h.to_agreement_id, t.number AS to_number, h.to_uai, u.name AS handed_by, h.handed_at
              FROM agreement_handovers h
              JOIN agreements f ON f.id = h.from_agreement_id
              JOIN agreements t ON t.id = h.to_agreement_id
              JOIN users u ON u.id = h.handed_by
            """;

    /** The handovers from this agreement, and the one that made it if it was made by one, oldest first. */
    @SqlQuery(HANDOVERS + " WHERE h.from_agreement_id = :id OR h.to_agreement_id = :id ORDER BY h.id")
    List<HandoverRow> of(@Bind("id") long agreementId);

    @SqlQuery("""
            SELECT hl.handover_id, d.asset_tag, d.kind, d.model, d.serial, hl.owner_uai
              FROM handover_loans hl
              JOIN loans l ON l.id = hl.loan_id
              JOIN devices d ON d.id = l.device_id
             WHERE hl.handover_id = :handover
             ORDER BY d.asset_tag""")
    List<HandedLoan> loans(@Bind("handover") long handoverId);

    /**
     * The school's active agreements whose family has no pupil enrolled there any more (moved up to the
     * collège, gone to another school) but has one elsewhere: the handovers to offer, one row per school
     * the family's pupils are now at.
     */
    @SqlQuery("""
            SELECT DISTINCT a.number, a.family_id, f.guardian_name, a.due_date, p.uai AS new_school,
                   e.name AS new_school_name
              FROM agreements a
              JOIN families f ON f.id = a.family_id
              JOIN pupils p ON p.family_id = a.family_id
              JOIN establishments e ON e.uai = p.uai
             WHERE a.uai = :uai AND a.status = 'ACTIVE'
               AND NOT EXISTS (SELECT 1 FROM pupils here WHERE here.family_id = a.family_id AND here.uai = :uai)
             ORDER BY a.due_date, a.number, p.uai""")
    List<Offer> offers(@Bind("uai") String uai);
}
