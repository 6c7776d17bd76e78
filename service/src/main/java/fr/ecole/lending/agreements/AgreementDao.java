package fr.ecole.lending.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of agreements, their loans and the returns that end them. */
@RegisterConstructorMapper(AgreementDao.AgreementRow.class)
@RegisterConstructorMapper(AgreementDao.OpenLoanRow.class)
@RegisterConstructorMapper(Agreement.Loan.class)
@RegisterConstructorMapper(AgreementDao.HandInRow.class)
public interface AgreementDao {
    String COLUMNS = """
            id, number, family_id, uai, status, due_date, override_reason, diagnostic_id, request_fingerprint,
            terms_version, signed_by, signed_at, created_at, closed_at""";

    record AgreementRow(long id, String number, long familyId, String uai, AgreementStatus status,
                        LocalDate dueDate, String overrideReason, Long diagnosticId, String requestFingerprint,
                        String termsVersion, String signedBy, Instant signedAt, Instant createdAt, Instant closedAt) {
    }

    record RenewalRow(int number, LocalDate dueBefore, LocalDate dueAfter, Instant renewedAt, String renewedBy) {
    }

    /** An agreement in a list: enough for a desk to follow it up. */
    record ListedRow(long id, String number, AgreementStatus status, long familyId, String uai, LocalDate dueDate,
                     String preferredContact) {
    }

    /** An open loan, with its agreement and the agreement's school. */
    record OpenLoanRow(long loanId, long agreementId, String agreementNumber, String uai) {
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM agreements WHERE created_by = :userId AND idempotency_key = :key")
    Optional<AgreementRow> findByIdempotencyKey(@Bind("userId") long userId, @Bind("key") String key);

    @SqlQuery("SELECT " + COLUMNS + " FROM agreements WHERE number = :number")
    Optional<AgreementRow> findByNumber(@Bind("number") String number);

    @SqlQuery("""
            INSERT INTO agreements (family_id, uai, status, due_date, override_reason, diagnostic_id, terms_version,
                                    created_by, idempotency_key, request_fingerprint, created_at)
            VALUES (:familyId, :uai, 'ACTIVE', :dueDate, :overrideReason, :diagnosticId, :termsVersion, :createdBy,
                    :key, :fingerprint, :now)
            RETURNING id""")
    long insert(@Bind("familyId") long familyId, @Bind("uai") String uai, @Bind("dueDate") LocalDate dueDate,
                @Bind("overrideReason") String overrideReason, @Bind("diagnosticId") Long diagnosticId,
                @Bind("termsVersion") String termsVersion, @Bind("createdBy") long createdBy,
                @Bind("key") String idempotencyKey, @Bind("fingerprint") String fingerprint,
                @Bind("now") Instant now);

    /** A return, with what its receipt prints. */
    record ReturnDetail(long id, Instant receivedAt, ReturnCondition condition, String missingAccessories, String note,
                        String receivedBy, String assetTag, String kind, String model, String serial,
                        String agreementNumber, long familyId, String uai, String receivedUai) {
    }

    @SqlQuery("""
            SELECT r.id, r.received_at, r.condition, r.missing_accessories, r.note, u.name AS received_by,
                   d.asset_tag, d.kind, d.model, d.serial, a.number AS agreement_number, a.family_id, a.uai,
                   r.received_uai
              FROM returns r
              JOIN users u ON u.id = r.received_by
              JOIN loans l ON l.id = r.loan_id
              JOIN devices d ON d.id = l.device_id
              JOIN agreements a ON a.id = l.agreement_id
             WHERE r.id = :id""")
    @RegisterConstructorMapper(ReturnDetail.class)
    Optional<ReturnDetail> returnDetail(@Bind("id") long id);

    /** Signs an unsigned, active agreement; 0 rows when it is closed or already signed. */
    @SqlUpdate("""
            UPDATE agreements SET signed_by = :signedBy, signed_at = :signedAt
             WHERE id = :id AND signed_at IS NULL AND status = 'ACTIVE'""")
    int sign(@Bind("id") long id, @Bind("signedBy") String signedBy, @Bind("signedAt") Instant signedAt);

    @SqlUpdate("INSERT INTO agreement_documents (agreement_id, pdf, rendered_at) VALUES (:id, :pdf, :now)")
    void keepDocument(@Bind("id") long id, @Bind("pdf") byte[] pdf, @Bind("now") Instant now);

    /** When the signed document was kept: the moment the signature was recorded. */
    @SqlQuery("SELECT rendered_at FROM agreement_documents WHERE agreement_id = :id")
    Optional<Instant> documentRenderedAt(@Bind("id") long id);

    @SqlQuery("SELECT pdf FROM agreement_documents WHERE agreement_id = :id")
    Optional<byte[]> keptDocument(@Bind("id") long id);

    @SqlUpdate("UPDATE agreements SET due_date = :dueDate WHERE id = :id AND status = 'ACTIVE'")
    int setDueDate(@Bind("id") long id, @Bind("dueDate") LocalDate dueDate);

    @SqlUpdate("""
            INSERT INTO agreement_renewals (agreement_id, number, due_before, due_after, renewed_by, renewed_at)
            VALUES (:id, (SELECT COUNT(*) + 1 FROM agreement_renewals WHERE agreement_id = :id), :before, :after,
                    :by, :now)""")
    void recordRenewal(@Bind("id") long id, @Bind("before") LocalDate before, @Bind("after") LocalDate after,
                       @Bind("by") long by, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT r.number, r.due_before, r.due_after, r.renewed_at, u.name AS renewed_by
              FROM agreement_renewals r JOIN users u ON u.id = r.renewed_by
             WHERE r.agreement_id = :id ORDER BY r.number""")
    @RegisterConstructorMapper(RenewalRow.class)
    List<RenewalRow> renewals(@Bind("id") long id);

    /** Agreements of the given establishments (all when {@code anySchool}), filtered, in number order. */
    @SqlQuery("""
            SELECT a.id, a.number, a.status, a.family_id, a.uai, a.due_date, f.preferred_contact
              FROM agreements a JOIN families f ON f.id = a.family_id
             WHERE a.id > :after
               AND (:anySchool OR a.uai IN (<schools>))
               AND (CAST(:status AS TEXT) IS NULL OR a.status = :status)
               AND (CAST(:overdueOn AS TEXT) IS NULL OR (a.status = 'ACTIVE' AND a.due_date < :overdueOn))
             ORDER BY a.id
             LIMIT :limit""")
    @RegisterConstructorMapper(ListedRow.class)
    List<ListedRow> list(@Bind("anySchool") boolean anySchool, @BindList("schools") java.util.Collection<String> schools,
                         @Bind("status") AgreementStatus status, @Bind("overdueOn") LocalDate overdueOn,
                         @Bind("after") long after, @Bind("limit") int limit);

    @SqlUpdate("UPDATE agreements SET number = :number WHERE id = :id")
    void setNumber(@Bind("id") long id, @Bind("number") String number);

    @SqlUpdate("UPDATE agreements SET status = 'CLOSED', closed_at = :now WHERE id = :id AND status = 'ACTIVE'")
    int close(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO loans (agreement_id, device_id, out_at) VALUES (:agreementId, :deviceId, :now)")
    void insertLoan(@Bind("agreementId") long agreementId, @Bind("deviceId") long deviceId, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT d.asset_tag, d.kind, l.out_at, l.returned_at, l.lost_at
              FROM loans l JOIN devices d ON d.id = l.device_id
             WHERE l.agreement_id = :agreementId
             ORDER BY l.id""")
    List<Agreement.Loan> loansOf(@Bind("agreementId") long agreementId);

    @SqlQuery("""
            SELECT l.id AS loan_id, l.agreement_id, a.number AS agreement_number, a.uai
              FROM loans l JOIN agreements a ON a.id = l.agreement_id
             WHERE l.device_id = :deviceId AND l.returned_at IS NULL AND l.lost_at IS NULL""")
    Optional<OpenLoanRow> openLoanOf(@Bind("deviceId") long deviceId);

    @SqlUpdate("UPDATE loans SET returned_at = :now WHERE id = :loanId AND returned_at IS NULL AND lost_at IS NULL")
    int markReturned(@Bind("loanId") long loanId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE loans SET lost_at = :now WHERE id = :loanId AND returned_at IS NULL AND lost_at IS NULL")
    int markLost(@Bind("loanId") long loanId, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) FROM loans WHERE agreement_id = :agreementId AND returned_at IS NULL AND lost_at IS NULL")
    int countOpenLoans(@Bind("agreementId") long agreementId);

    @SqlQuery("""
            INSERT INTO returns (loan_id, condition, missing_accessories, note, received_by, received_at, received_uai)
            VALUES (:loanId, :condition, :missing, :note, :receivedBy, :now, :receivedUai)
            RETURNING id""")
    long insertReturn(@Bind("loanId") long loanId, @Bind("condition") ReturnCondition condition,
                      @Bind("missing") String missingAccessories, @Bind("note") String note,
                      @Bind("receivedBy") long receivedBy, @Bind("now") Instant now,
                      @Bind("receivedUai") String receivedUai);

    /** The return a confirmed hand-in becomes, under the hand-in's own number. */
    @SqlUpdate("""
            INSERT INTO returns (id, loan_id, condition, missing_accessories, note, received_by, received_at, received_uai)
            VALUES (:id, :loanId, :condition, :missing, :note, :receivedBy, :at, :receivedUai)""")
    void insertNumberedReturn(@Bind("id") long id, @Bind("loanId") long loanId,
                              @Bind("condition") ReturnCondition condition, @Bind("missing") String missingAccessories,
                              @Bind("note") String note, @Bind("receivedBy") long receivedBy, @Bind("at") Instant at,
                              @Bind("receivedUai") String receivedUai);

    /**
     * A number for a hand-in, drawn from the returns' own, so that a hand-in and a return never share
     * one and a confirmed hand-in keeps its number as a return: a row is inserted and deleted at once
     * (AUTOINCREMENT on SQLite and an identity on PostgreSQL never hand a number out twice).
     */
    default long reserveReturnNumber(long loanId, long receivedBy, Instant now) {
        long id = insertReturn(loanId, ReturnCondition.GOOD, "", null, receivedBy, now, null);
        deleteReturn(id);
        return id;
    }

    @SqlUpdate("DELETE FROM returns WHERE id = :id")
    void deleteReturn(@Bind("id") long id);

    /** A device handed in at another school, with what its receipt and the owning school's desk need. */
    record HandInRow(long id, long loanId, long agreementId, String agreementNumber, long familyId, String uai,
                     long deviceId, String assetTag, String kind, String model, String serial, String receivedUai,
                     ReturnCondition condition, String missingAccessories, String note, long receivedById,
                     String receivedBy, Instant receivedAt, ReturnStatus status, Instant decidedAt, String decidedBy,
                     String refusalReason) {
        /** What its receipt prints, as for a return. */
        ReturnDetail asReturn() {
            return new ReturnDetail(id, receivedAt, condition, missingAccessories, note, receivedBy, assetTag, kind,
                    model, serial, agreementNumber, familyId, uai, receivedUai);
        }
    }

    String HAND_INS = """
            SELECT h.id, h.loan_id, a.id AS agreement_id, a.number AS agreement_number, a.family_id, a.uai,
                   d.id AS device_id, d.asset_tag, d.kind, d.model, d.serial, h.received_uai, h.condition,
                   h.missing_accessories, h.note, h.received_by AS received_by_id, r.name AS received_by,
                   h.received_at, h.status, h.decided_at, x.name AS decided_by, h.refusal_reason
              FROM hand_ins h
              JOIN loans l ON l.id = h.loan_id
              JOIN agreements a ON a.id = l.agreement_id
              JOIN devices d ON d.id = l.device_id
              JOIN users r ON r.id = h.received_by
              LEFT JOIN users x ON x.id = h.decided_by
            """;

    @SqlQuery(HAND_INS + " WHERE h.id = :id")
    Optional<HandInRow> handIn(@Bind("id") long id);

    @SqlQuery(HAND_INS + " WHERE h.loan_id = :loanId AND h.status = 'PENDING'")
    Optional<HandInRow> pendingHandInOf(@Bind("loanId") long loanId);

    /** Hand-ins of devices of the given establishments (all when {@code anySchool}), in one status, in number order. */
    @SqlQuery(HAND_INS + """
             WHERE h.id > :after AND h.status = :status AND (:anySchool OR a.uai IN (<schools>))
             ORDER BY h.id
             LIMIT :limit""")
    List<HandInRow> handIns(@Bind("anySchool") boolean anySchool,
                            @BindList("schools") java.util.Collection<String> schools,
                            @Bind("status") ReturnStatus status, @Bind("after") long after, @Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO hand_ins (id, loan_id, received_uai, condition, missing_accessories, note, received_by,
                                  received_at, status)
            VALUES (:id, :loanId, :receivedUai, :condition, :missing, :note, :receivedBy, :now, 'PENDING')""")
    void insertHandIn(@Bind("id") long id, @Bind("loanId") long loanId, @Bind("receivedUai") String receivedUai,
                      @Bind("condition") ReturnCondition condition, @Bind("missing") String missingAccessories,
                      @Bind("note") String note, @Bind("receivedBy") long receivedBy, @Bind("now") Instant now);

    /** Closes a hand-in that was waiting; 0 rows when it no longer waits. */
    @SqlUpdate("""
            UPDATE hand_ins SET status = :status, decided_by = :by, decided_at = :now, refusal_reason = :reason
             WHERE id = :id AND status = 'PENDING'""")
    int decideHandIn(@Bind("id") long id, @Bind("status") ReturnStatus status, @Bind("by") long by,
                     @Bind("now") Instant now, @Bind("reason") String refusalReason);
}
