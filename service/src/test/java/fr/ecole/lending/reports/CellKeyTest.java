package fr.ecole.lending.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cell key method and its perturbation table: what every figure shown keeps to. */
class CellKeyTest {
    static final PerturbationTable TABLE = PerturbationTable.version(1);
    private final CellKey method = new CellKey(TABLE);
    private final Random random = new Random(19);

    /** A group of {@code count} records with random keys, all counted in {@code column}. */
    private CellKey.Cell group(String row, String column, int count) {
        long keys = 0;
        for (int i = 0; i < count; i++) {
            keys += random.nextInt(Integer.MAX_VALUE);
        }
        return new CellKey.Cell(row, Map.of(column, (long) count), Map.of(column, keys), keys);
    }

    @Test
    void theTableKeepsZerosNeverShowsOneOrTwoAndStaysWithinThree() {
        assertThat(TABLE.version()).isEqualTo(1);
        assertThat(TABLE.noiseBound()).isEqualTo(3);
        for (long count = 0; count <= 40; count++) {
            for (int key = 0; key < PerturbationTable.KEYS; key++) {
                long shown = TABLE.shown(count, key);
                assertThat(shown).as("count %d, key %d", count, key).isNotIn(1L, 2L).isBetween(count - 3, count + 3);
                if (count == 0) {
                    assertThat(shown).isZero();
                }
            }
        }
        assertThat(TABLE.shown(1_000_000, 0)).isBetween(999_997L, 1_000_003L);
    }

    @Test
    void largeCountsGetNoiseEvenlySpreadAndUnbiased() {
        double mean = 0;
        double variance = 0;
        for (int noise = -3; noise <= 3; noise++) {
            double p = TABLE.probability(50, 50 + noise);
            assertThat(p).isBetween(36 / 256.0, 37 / 256.0);
            mean += p * noise;
            variance += p * noise * noise;
        }
        assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(variance).isCloseTo(4, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aTableThatWouldShowATwoOrLoseAZeroIsRefused() {
        String header = "count;cellKeyFrom;cellKeyTo;noise\n";
        String rest = "1;0;255;-1\n2;0;255;1\n3;0;255;0\n";
        assertThat(PerturbationTable.parse(9, header + "0;0;255;0\n" + rest).version()).isEqualTo(9);
        assertThatThrownBy(() -> PerturbationTable.parse(9, header + "0;0;255;1\n" + rest))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PerturbationTable.parse(9, header + "0;0;255;0\n1;0;255;1\n2;0;255;1\n3;0;255;0\n"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PerturbationTable.parse(9, header + "0;0;254;0\n" + rest))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PerturbationTable.parse(9, header + "0;0;255;0\n1;0;255;-1\n2;0;255;1\n3;0;255;-3\n"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameRecordsGetTheSameFigureInWhateverRowsTheyStand() {
        CellKey.Cell a = group("a", "diagnosed", 7);
        CellKey.Cell b = group("b", "diagnosed", 9);
        // by commune: two rows, and the total
        CellKey.Shown byCommune = method.apply(List.of("diagnosed"), List.of("a", "b"), List.of(a, b), Set.of());
        // the same two groups as one catchment's row
        CellKey.Shown byCatchment = method.apply(List.of("diagnosed"), List.of("k"), List.of(
                new CellKey.Cell("k", a.counts(), a.keys(), a.population()),
                new CellKey.Cell("k", b.counts(), b.keys(), b.population())), Set.of());
        assertThat(byCatchment.rows().get("k")).isEqualTo(byCommune.totals());
        assertThat(byCatchment.totals()).isEqualTo(byCommune.totals());
        // a group where the figure counts nobody adds nothing to its key
        CellKey.Cell none = new CellKey.Cell("k", Map.of("diagnosed", 0L), Map.of("diagnosed", 0L), 12_345);
        assertThat(method.apply(List.of("diagnosed"), List.of("k"), List.of(
                new CellKey.Cell("k", a.counts(), a.keys(), a.population()), none), Set.of()).rows().get("k"))
                .isEqualTo(byCommune.rows().get("a"));
        // and asking again changes nothing
        assertThat(method.apply(List.of("diagnosed"), List.of("a", "b"), List.of(a, b), Set.of())).isEqualTo(byCommune);
    }

    @Test
    void everyFigureStaysWithinTheBoundAndZerosStayZeros() {
        int differing = 0;
        for (int count = 0; count <= 30; count++) {
            for (int trial = 0; trial < 50; trial++) {
                CellKey.Cell cell = group("r", "x", count);
                long shown = method.apply(List.of("x"), List.of("r"), List.of(cell), Set.of()).rows().get("r").get("x");
                assertThat(shown).isBetween(count - 3L, count + 3L).isNotIn(1L, 2L);
                if (count == 0) {
                    assertThat(shown).isZero();
                }
                if (shown != count) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("figures perturbed").isGreaterThan(31 * 50 / 2);
    }

    @Test
    void inventoryIsExactForItsFunderAndRawCountsArePlain() {
        CellKey.Cell own = new CellKey.Cell("college", Map.of("devicesInPool", 5L), Map.of("devicesInPool", 123L), 0,
                Set.of("devicesInPool"));
        CellKey.Cell others = group("college", "devicesInPool", 4);
        List<Long> shown = new ArrayList<>();
        for (Set<String> plain : List.of(Set.<String>of(), Set.of("devicesInPool"))) {
            shown.add(method.apply(List.of("devicesInPool"), List.of("college"), List.of(own, others), plain).rows()
                    .get("college").get("devicesInPool"));
        }
        // the funder's own five exactly, the others' four perturbed
        assertThat(shown.get(0) - 5).isBetween(3L, 7L);
        assertThat(shown.get(1)).isEqualTo(9);
        CellKey.Shown alone = method.apply(List.of("devicesInPool"), List.of("college"), List.of(own), Set.of());
        assertThat(alone.rows().get("college")).containsEntry("devicesInPool", 5L);
        assertThat(alone.totals()).containsEntry("devicesInPool", 5L);
        Map<String, Long> empty = new HashMap<>(method.apply(List.of("devicesInPool"), List.of("none"), List.of(), Set.of())
                .rows().get("none"));
        assertThat(empty).containsEntry("devicesInPool", 0L);
    }

    @Test
    void theTableShippedIsVersionOneAndAMissingVersionIsSaidSo() {
        PerturbationTable table = PerturbationTable.version(1);
        assertThat(table.version()).isEqualTo(1);
        assertThat(table.noiseBound()).isEqualTo(3);
        assertThat(method.table()).as("the table a report names as its disclosure").isSameAs(TABLE);
        assertThatThrownBy(() -> PerturbationTable.version(99)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no perturbation table /disclosure/perturbation-v99.csv");
    }

    @Test
    void aRefusedTableSaysWhichCountAndKeyAreWrong() {
        String header = "count;cellKeyFrom;cellKeyTo;noise\n";
        String rest = "1;0;255;-1\n2;0;255;1\n3;0;255;0\n";
        assertThatThrownBy(() -> PerturbationTable.parse(9, header + "0;0;255;1\n" + rest))
                .hasMessage("perturbation table: count 0, key 0 shown as 1");
        assertThatThrownBy(() -> PerturbationTable.parse(9, header + "0;0;254;0\n" + rest))
                .hasMessage("perturbation table: count 0, key 255 missing");
        // Equivalent mutant: in "counts - 1 + noise < 3" for the last count, "counts + 1" shows every figure
        // two higher, and a figure is 0 or at least 3 by the check before it: both refuse exactly the zeros.
        assertThatThrownBy(() -> PerturbationTable.parse(9, header + "0;0;255;0\n1;0;255;-1\n2;0;255;1\n3;0;255;-3\n"))
                .hasMessage("perturbation table: the last count could be shown below 3");
    }

    @Test
    void theChancesAnAttackerReadsInTheTableAreThoseOfItsRows() {
        // version 1: a count of 1 is shown as 0 for keys 0-156, 3 for 157-223, 4 for 224-255
        assertThat(TABLE.probability(1, 0)).isEqualTo(157 / 256.0);
        assertThat(TABLE.probability(1, 3)).isEqualTo(67 / 256.0);
        assertThat(TABLE.probability(1, 4)).isEqualTo(32 / 256.0);
        assertThat(TABLE.probability(1, 1)).as("never shown as itself").isZero();
    }

    @Test
    void aCellOfARowTheReportDoesNotShowStillCountsInTheTotals() {
        CellKey.Cell shownRow = new CellKey.Cell("a", Map.of("diagnosed", 4L), Map.of("diagnosed", 10L), 0);
        CellKey.Cell otherRow = new CellKey.Cell("b", Map.of("diagnosed", 6L), Map.of("diagnosed", 20L), 0);
        CellKey.Shown shown = method.apply(List.of("diagnosed"), List.of("a"), List.of(shownRow, otherRow), Set.of("diagnosed"));
        assertThat(shown.rows()).containsOnlyKeys("a");
        assertThat(shown.totals()).containsEntry("diagnosed", 10L);
    }
}
