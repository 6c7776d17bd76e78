package fr.ecole.lending.exports;

import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.imports.SpreadsheetCsv;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterable;

/**
 * Exports for the desks and the administrators: one row per loan, no guardian identity, streamed
 * row by row from a read connection of its own, however many loans there are.
 */
public class ExportService {
    private static final String[] HEADER = {"etiquette", "type", "etablissement", "convention", "sortie", "retour_prevu",
            "rendu", "perdu", "etat_au_retour"};
    private final Database database;

    public ExportService(Database database) {
        this.database = database;
    }

    /** The loans that went out between {@code from} and {@code to} (both days included), of the caller's schools. */
    public StreamingOutput loans(User actor, Uai uai, LocalDate from, LocalDate to) {
        Scope scope = Scope.of(actor);
        if (uai != null) {
            scope.requireEstablishment(uai.value(), "uai");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.invalid("invalid_period", "from", "La période commence (" + from + ") après sa fin ("
                    + to + ").");
        }
        boolean anySchool = uai == null && scope.isAdmin();
        List<String> schools = uai != null ? List.of(uai.value())
                : scope.isAdmin() || scope.establishments().isEmpty() ? List.of("") : List.copyOf(scope.establishments());
        Instant start = from == null ? Instant.EPOCH : from.atStartOfDay(SchoolCalendar.ZONE).toInstant();
        Instant until = to == null ? Instant.parse("9999-12-31T00:00:00Z")
                : to.plusDays(1).atStartOfDay(SchoolCalendar.ZONE).toInstant();
        return output -> {
            try (Handle handle = database.openReader(); SpreadsheetCsv csv = SpreadsheetCsv.writer(output)) {
                csv.row((Object[]) HEADER);
                // one read transaction: one snapshot of the loans, read by batches (PostgreSQL's driver
                // streams a result only inside a transaction)
                handle.useTransaction(reading -> {
                    ResultIterable<ExportDao.LoanRow> rows = Daos.on(reading, ExportDao.class)
                            .loans(anySchool, schools, start, until);
                    try (var iterator = rows.iterator()) {
                        while (iterator.hasNext()) {
                            ExportDao.LoanRow row = iterator.next();
                            csv.row(row.assetTag(), row.kind(), row.uai(), row.agreementNumber(), row.outAt(),
                                    row.dueDate(), row.returnedAt(), row.lostAt(), row.condition());
                        }
                    }
                });
            }
        };
    }
}
