package fr.ecole.lending.agreements;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** SQL of the devices swapped within an agreement. */
@RegisterConstructorMapper(SwapDao.SwapRow.class)
public interface SwapDao {

    /** A swap with what its amendment prints: both devices, the state the first came back in, who and when. */
    record SwapRow(int number, String outTag, String kind, String outModel, String outSerial,
                   ReturnCondition condition, String inTag, String inModel, String inSerial, Instant swappedAt,
                   String swappedBy) {
    }

    /** Records a swap, numbered from 1 within its agreement; returns its number. */
    @SqlQuery("""
            INSERT INTO agreement_swaps (agreement_id, number, out_loan_id, in_loan_id, swapped_by, swapped_at)
            VALUES (:agreementId, (SELECT COUNT(*) + 1 FROM agreement_swaps WHERE agreement_id = :agreementId),
                    :outLoanId, :inLoanId, :by, :now)
            RETURNING number""")
    int insert(@Bind("agreementId") long agreementId, @Bind("outLoanId") long outLoanId,
               @Bind("inLoanId") long inLoanId, @Bind("by") long by, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT s.number, o.asset_tag AS out_tag, o.kind, o.model AS out_model, o.serial AS out_serial,
                   r.condition, i.asset_tag AS in_tag, i.model AS in_model, i.serial AS in_serial, s.swapped_at,
                   u.name AS swapped_by
              FROM agreement_swaps s
              JOIN loans lo ON lo.id = s.out_loan_id
              JOIN devices o ON o.id = lo.device_id
              JOIN returns r ON r.loan_id = lo.id
              JOIN loans li ON li.id = s.in_loan_id
              JOIN devices i ON i.id = li.device_id
              JOIN users u ON u.id = s.swapped_by
             WHERE s.agreement_id = :agreementId
             ORDER BY s.number""")
    List<SwapRow> swaps(@Bind("agreementId") long agreementId);
}
