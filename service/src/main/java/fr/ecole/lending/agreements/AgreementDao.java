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

    record OpenLoanRow(long loanId, long agreementId, String agreementNumber) {
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
            SELECT l.id AS loan_id, l.agreement_id, a.number AS agreement_number
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
}
