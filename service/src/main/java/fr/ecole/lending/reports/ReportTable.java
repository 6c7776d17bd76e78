package fr.ecole.lending.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A report as it goes out: rows of {@code key}, {@code label} and figures, already protected as
 * {@code disclosure} says. {@code columns} orders a row's fields, for the CSV. {@code totals} is given
 * where every household or agreement stands in one row only; totals are figures of their own and need
 * not equal the sum of the rows.
 */
@JsonPropertyOrder({"report", "territory", "groupBy", "from", "to", "generatedAt", "disclosure", "rows", "totals"})
public record ReportTable(String report, String territory, @JsonInclude(JsonInclude.Include.NON_NULL) String groupBy,
                          LocalDate from, LocalDate to, Instant generatedAt, Disclosure disclosure,
                          @JsonIgnore List<String> columns, List<Map<String, Object>> rows,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> totals) {
}
