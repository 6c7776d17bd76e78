package fr.ecole.lending.exports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Loans row by row, for exports: read as they are written out, never all in memory. */
@RegisterConstructorMapper(ExportDao.LoanRow.class)
public interface ExportDao {

    /** One loan as an export shows it: no guardian, no family. */
    record LoanRow(String assetTag, String kind, String uai, String agreementNumber, Instant outAt, LocalDate dueDate,
                   Instant returnedAt, Instant lostAt, String condition) {
    }

    // PostgreSQL's driver holds a whole result in memory unless it reads it by batches, in a transaction
    @FetchSize(1000)
    @SqlQuery("""
            SELECT d.asset_tag, d.kind, a.uai, a.number AS agreement_number, l.out_at, a.due_date, l.returned_at,
                   l.lost_at, r.condition
              FROM loans l
              JOIN devices d ON d.id = l.device_id
              JOIN agreements a ON a.id = l.agreement_id
              LEFT JOIN returns r ON r.loan_id = l.id
             WHERE (:anySchool OR a.uai IN (<schools>))
               AND l.out_at >= :from AND l.out_at < :until
             ORDER BY l.id""")
    ResultIterable<LoanRow> loans(@Bind("anySchool") boolean anySchool, @BindList("schools") Collection<String> schools,
                                  @Bind("from") Instant from, @Bind("until") Instant until);
}
