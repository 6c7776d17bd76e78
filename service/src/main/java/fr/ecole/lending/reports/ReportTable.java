package fr.ecole.lending.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A report as it goes out: rows of {@code key}, {@code label} and figures, small counts already
 * hidden (null). {@code columns} orders a row's fields, for the CSV. {@code totals} is given where
 * the rows add up (not when a household or an agreement can stand in two rows).
 */
@JsonPropertyOrder({"report", "territory", "groupBy", "from", "to", "generatedAt", "suppressionThreshold", "rows",
        "totals"})
public record ReportTable(String report, String territory, @JsonInclude(JsonInclude.Include.NON_NULL) String groupBy,
                          LocalDate from, LocalDate to, Instant generatedAt, int suppressionThreshold,
                          @JsonIgnore List<String> columns, List<Map<String, Object>> rows,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> totals) {
}
