package fr.ecole.lending.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of agreements, their loans and the returns that end them. */
@RegisterConstructorMapper(AgreementDao.AgreementRow.class)
@RegisterConstructorMapper(AgreementDao.OpenLoanRow.class)
@RegisterConstructorMapper(Agreement.Loan.class)
public interface AgreementDao {
    String COLUMNS = """
            id, number, family_id, uai, status, due_date, override_reason, diagnostic_id, request_fingerprint,
            created_at, closed_at""";

    record AgreementRow(long id, String number, long familyId, String uai, AgreementStatus status,
                        LocalDate dueDate, String overrideReason, Long diagnosticId, String requestFingerprint,
                        Instant createdAt, Instant closedAt) {
    }

    record OpenLoanRow(long loanId, long agreementId, String agreementNumber) {
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM agreements WHERE created_by = :userId AND idempotency_key = :key")
    Optional<AgreementRow> findByIdempotencyKey(@Bind("userId") long userId, @Bind("key") String key);

    @SqlQuery("SELECT " + COLUMNS + " FROM agreements WHERE number = :number")
    Optional<AgreementRow> findByNumber(@Bind("number") String number);

    @SqlQuery("""
            INSERT INTO agreements (family_id, uai, status, due_date, override_reason, diagnostic_id, created_by,
                                    idempotency_key, request_fingerprint, created_at)
            VALUES (:familyId, :uai, 'ACTIVE', :dueDate, :overrideReason, :diagnosticId, :createdBy, :key,
                    :fingerprint, :now)
            RETURNING id""")
    long insert(@Bind("familyId") long familyId, @Bind("uai") String uai, @Bind("dueDate") LocalDate dueDate,
                @Bind("overrideReason") String overrideReason, @Bind("diagnosticId") Long diagnosticId,
                @Bind("createdBy") long createdBy,
                @Bind("key") String idempotencyKey, @Bind("fingerprint") String fingerprint,
                @Bind("now") Instant now);

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
            INSERT INTO returns (loan_id, condition, missing_accessories, note, received_by, received_at)
            VALUES (:loanId, :condition, :missing, :note, :receivedBy, :now)
            RETURNING id""")
    long insertReturn(@Bind("loanId") long loanId, @Bind("condition") ReturnCondition condition,
                      @Bind("missing") String missingAccessories, @Bind("note") String note,
                      @Bind("receivedBy") long receivedBy, @Bind("now") Instant now);
}
