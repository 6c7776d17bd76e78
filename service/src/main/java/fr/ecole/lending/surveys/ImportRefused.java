package fr.ecole.lending.surveys;

import fr.ecole.lending.http.ApiException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An import of answers refused whole (422 {@code invalid_rows}): every refused cell by line and
 * column, the first twenty in the message, all of them to a caller that reads {@link #problems}
 * (a page that shows them in a table).
 */
public final class ImportRefused extends ApiException {
    /** The message names this many problems at most; the count says how many there are in all. */
    static final int LISTED = 20;

    /** One refused cell: its line (the header is line 1), its column, why. */
    public record Problem(long line, String column, String error, String message) {
        String sentence() {
            return "ligne " + line + (column == null ? "" : ", colonne « " + column + " »") + " : " + message;
        }
    }

    private final transient List<Problem> problems;

    ImportRefused(List<Problem> problems) {
        super(422, "invalid_rows", problems.size() + (problems.size() == 1 ? " problème" : " problèmes")
                + ", rien n'a été enregistré : " + problems.stream().limit(LISTED).map(Problem::sentence)
                .collect(Collectors.joining(" ; ")) + (problems.size() > LISTED ? " ; …" : "") + ".",
                problems.get(0).column());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
