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

    /**
     * A figure as the cell key method shows it for a true count: zero stays zero; otherwise within 3 of
     * the truth, never 1 or 2, never hidden.
     */
    static void assertProtected(JsonNode figure, long truth, String what) {
        assertThat(figure.isNull()).as(what + " is shown").isFalse();
        long shown = figure.asLong();
        if (truth == 0) {
            assertThat(shown).as(what + ": zero stays zero").isZero();
        } else {
            assertThat(shown).as(what + " for a true " + truth).isBetween(truth - 3, truth + 3).isNotIn(1L, 2L);
        }
    }

    /** Each figure of {@code shown} protected against the same row of {@code raw}, the plain counts. */
    static void assertProtected(JsonNode shown, JsonNode raw, String... columns) {
        for (String column : columns) {
            assertProtected(shown.path(column), raw.path(column).asLong(), column);
        }
    }
}
