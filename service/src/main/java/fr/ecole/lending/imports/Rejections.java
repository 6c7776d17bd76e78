package fr.ecole.lending.imports;

import fr.ecole.lending.imports.CsvTable.Rejection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The lines an import set aside: every one counted, the first few (by line) kept for the answer, so
 * that a file of a million bad lines is answered in a few lines and held in little memory.
 */
public final class Rejections {
    /** How many refusals the administrators' imports of national files list. */
    public static final int NATIONAL_FILE_LISTED = 100;
    private final int listed;
    /** The {@code listed} lowest lines seen, the highest on top, to be dropped when a lower one comes. */
    private final PriorityQueue<Rejection> first = new PriorityQueue<>(Comparator.comparingLong(Rejection::line).reversed());
    private int count;

    public Rejections(int listed) {
        this.listed = listed;
    }

    public void add(long line, String error, String message) {
        add(new Rejection(line, error, message));
    }

    public void add(Rejection rejection) {
        count++;
        first.add(rejection);
        if (first.size() > listed) {
            first.poll();
        }
    }

    /** How many lines were set aside in all. */
    public int count() {
        return count;
    }

    /** The first lines set aside, in the order of the file. */
    public List<Rejection> first() {
        List<Rejection> sorted = new ArrayList<>(first);
        sorted.sort(Comparator.comparingLong(Rejection::line));
        return sorted;
    }
}
