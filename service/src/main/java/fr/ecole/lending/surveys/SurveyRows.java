package fr.ecole.lending.surveys;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * On PostgreSQL every row keeps the number of the transaction that wrote it ({@code xmin}), and rows
 * lie in the table in the order they were written: a spent code, the answer it brought and the
 * family's request to be called back, written by one transaction, would stay joinable by that number
 * or by their places, by anyone who reads the database or a dump of it. Once a day the purge writes
 * the survey's rows again, all in one transaction and each table in a random order: from then on
 * every row of them carries the same number and a place that says nothing. SQLite keeps neither (the
 * answers' keys are random, and a table's rows lie in the order of their keys).
 */
public final class SurveyRows {
    static final List<String> TABLES = List.of("survey_answers", "survey_codes", "survey_contact_requests");

    private SurveyRows() {
    }

    /** Writes the survey's rows again, in a random order; inside the caller's transaction. Returns how many. */
    public static int shuffle(Handle handle) {
        int rows = 0;
        for (String table : TABLES) {
            handle.execute("CREATE TEMPORARY TABLE shuffled ON COMMIT DROP AS SELECT * FROM " + table
                    + " ORDER BY random()");
            handle.execute("DELETE FROM " + table);
            rows += handle.execute("INSERT INTO " + table + " SELECT * FROM shuffled ORDER BY random()");
            handle.execute("DROP TABLE shuffled");
        }
        return rows;
    }
}
