package fr.ecole.lending.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The perturbation table of the cell key method, as published in {@code disclosure/perturbation-v<n>.csv}:
 * for each true count (the last one standing for every count above it) and each cell key from 0 to
 * 255, the noise added to the count. Data, versioned like the criteria: a report says which version
 * made it, and a table once published is never edited, only followed by a new version.
 */
final class PerturbationTable {
    static final int KEYS = 256;
    private final int version;
    private final int noiseBound;
    /** {@code noise[count][cellKey]}. */
    private final int[][] noise;

    private PerturbationTable(int version, int[][] noise) {
        this.version = version;
        this.noise = noise;
        int bound = 0;
        for (int[] row : noise) {
            for (int value : row) {
                bound = Math.max(bound, Math.abs(value));
            }
        }
        this.noiseBound = bound;
    }

    /** The table of {@code version}, checked: it must keep zeros, never show 1 or 2, and cover every key. */
    static PerturbationTable version(int version) {
        String path = "/disclosure/perturbation-v" + version + ".csv";
        try (InputStream in = PerturbationTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no perturbation table " + path);
            }
            return parse(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PerturbationTable parse(int version, String csv) {
        List<int[]> rows = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new StringReader(csv))) {
            String header = lines.readLine();
            if (!"count;cellKeyFrom;cellKeyTo;noise".equals(header)) {
                throw new IllegalStateException("perturbation table: unexpected header " + header);
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    String[] fields = line.split(";");
                    rows.add(new int[] {Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                            Integer.parseInt(fields[2]), Integer.parseInt(fields[3])});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int counts = rows.stream().mapToInt(row -> row[0]).max().orElse(-1) + 1;
        int[][] noise = new int[counts][KEYS];
        boolean[][] seen = new boolean[counts][KEYS];
        for (int[] row : rows) {
            for (int key = row[1]; key <= row[2]; key++) {
                if (seen[row[0]][key]) {
                    throw new IllegalStateException("perturbation table: count " + row[0] + ", key " + key + " twice");
                }
                seen[row[0]][key] = true;
                noise[row[0]][key] = row[3];
            }
        }
        for (int count = 0; count < counts; count++) {
            for (int key = 0; key < KEYS; key++) {
                long shown = count + noise[count][key];
                boolean allowed = count == 0 ? shown == 0 : shown == 0 || shown >= 3;
                if (!seen[count][key] || !allowed) {
                    throw new IllegalStateException("perturbation table: count " + count + ", key " + key
                            + (seen[count][key] ? " shown as " + shown : " missing"));
                }
            }
        }
        if (counts < 4) {
            throw new IllegalStateException("perturbation table: counts up to 3 at least, the last for all above");
        }
        for (int key = 0; key < KEYS; key++) {
            if (counts - 1 + noise[counts - 1][key] < 3) {
                throw new IllegalStateException("perturbation table: the last count could be shown below 3");
            }
        }
        return new PerturbationTable(version, noise);
    }

    int version() {
        return version;
    }

    /** The largest noise the table adds or takes away. */
    int noiseBound() {
        return noiseBound;
    }

    /** The figure shown for {@code count} in a cell of key {@code cellKey} (0 to 255). */
    long shown(long count, int cellKey) {
        int row = (int) Math.min(count, noise.length - 1);
        return count + noise[row][cellKey];
    }

    /** How likely {@code count} is shown as {@code figure}: what an attacker who knows the table can work out. */
    double probability(long count, long figure) {
        int row = (int) Math.min(count, noise.length - 1);
        int keys = 0;
        for (int key = 0; key < KEYS; key++) {
            if (count + noise[row][key] == figure) {
                keys++;
            }
        }
        return keys / (double) KEYS;
    }
}
