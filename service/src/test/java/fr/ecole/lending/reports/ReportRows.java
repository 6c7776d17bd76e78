package fr.ecole.lending.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.support.Api.Reply;

/** Reading a report's rows in the tests. */
final class ReportRows {
    private ReportRows() {
    }

    /** The row of {@code key} in a successful report. */
    static JsonNode row(Reply report, String key) {
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        for (JsonNode row : report.json().path("rows")) {
            if (row.path("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report.text());
    }
}
