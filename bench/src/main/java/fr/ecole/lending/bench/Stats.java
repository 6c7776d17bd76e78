package fr.ecole.lending.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timing of the benchmark's rounds. */
final class Stats {
    private Stats() {
    }

    /** Milliseconds {@code work} took. */
    static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
