package fr.ecole.lending.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The known attacks on published tables, played against the cell key method over thousands of small
 * counts, by an attacker who knows the method and its perturbation table (they are public) and takes
 * the most likely count given everything the reports show (the best guess there is). The attacker
 * does not know the count is small: it believes any count from 0 to 30 equally likely. A count
 * between 1 and 10 is "pinned down" when that guess is exactly right; issue 19 asks the method to keep
 * this to a fifth of the cases (one report of exact counts gives it away every time). Three attacks
 * get a second noisy view of the same count and do better, about a quarter: one household added
 * between two reports, a total minus its other part, two territories that differ by one commune.
 * Their bounds below are what the method achieves today, so that they cannot get worse unseen.
 * {@link ReportAttacksIT} plays the same attacks through the service's reports.
 */
class CellKeyAttacksTest {
    static final PerturbationTable TABLE = PerturbationTable.version(1);
    static final int TRIALS = 4000;
    static final int PRIOR = 30;
    static final int MAX = 400;
    static final List<String> COLUMNS = List.of("diagnosed", "x");
    /** {@code LIKELIHOOD[count][figure + 3]}: how likely the table shows {@code count} as {@code figure}. */
    static final double[][] LIKELIHOOD = new double[MAX + 1][MAX + 7];

    static {
        for (int count = 0; count <= MAX; count++) {
            for (int figure = Math.max(0, count - 3); figure <= count + 3; figure++) {
                LIKELIHOOD[count][figure + 3] = TABLE.probability(count, figure);
            }
        }
    }

    private final CellKey method = new CellKey(TABLE);
    private final Random random = new Random(15);

    /** A household: its permanent random key, and whether the figure {@code x} counts it (eligible, say). */
    record Household(long key, boolean x) {
    }

    private List<Household> households(int count, double shareInX) {
        List<Household> households = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            households.add(new Household(random.nextInt(Integer.MAX_VALUE), random.nextDouble() < shareInX));
        }
        return households;
    }

    /** The finest group these households form, in {@code row}: as ReportDao gives it. */
    private static CellKey.Cell group(String row, List<Household> households) {
        long population = households.stream().mapToLong(Household::key).sum();
        long inX = households.stream().filter(Household::x).count();
        long xKeys = households.stream().filter(Household::x).mapToLong(Household::key).sum();
        return new CellKey.Cell(row, Map.of("diagnosed", (long) households.size(), "x", inX),
                Map.of("diagnosed", population, "x", xKeys), population);
    }

    /** The figures of each row, and the totals under {@code "total"}, as a report shows them. */
    private Map<String, Map<String, Long>> report(List<String> rows, List<CellKey.Cell> cells) {
        CellKey.Shown shown = method.apply(COLUMNS, rows, cells, Set.of());
        Map<String, Map<String, Long>> figures = new HashMap<>(shown.rows());
        figures.put("total", shown.totals());
        return figures;
    }

    static double likelihood(long count, long figure) {
        return count < 0 || count > MAX || figure + 3 < 0 || figure + 3 >= LIKELIHOOD[0].length ? 0
                : LIKELIHOOD[(int) count][(int) figure + 3];
    }

    /** The attacker's best guess: the count (0 to 30) that makes what it saw most likely. */
    interface Evidence {
        double of(int count);
    }

    /** The sum over every count the attacker believes possible (0 to 30): to weigh what it does not see. */
    static double overEveryCount(IntToDoubleFunction term) {
        double sum = 0;
        for (int count = 0; count <= PRIOR; count++) {
            sum += term.applyAsDouble(count);
        }
        return sum;
    }

    /** The share of {@code trials} plays of {@code attack} that pinned the count down. */
    static double pinnedDown(int trials, BooleanSupplier attack) {
        int pinned = 0;
        for (int trial = 0; trial < trials; trial++) {
            pinned += attack.getAsBoolean() ? 1 : 0;
        }
        return pinned / (double) trials;
    }

    static int bestGuess(Evidence evidence) {
        int best = 0;
        double most = -1;
        for (int count = 0; count <= PRIOR; count++) {
            double p = evidence.of(count);
            if (p > most) {
                most = p;
                best = count;
            }
        }
        return best;
    }

    /**
     * The same report asked again and again: each time the very same figure (the noise follows
     * from the households' keys, not from a draw at each request), so a thousand requests tell no
     * more than one.
     */
    @Test
    void theSameReportAskedAThousandTimes() {
        int pinned = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            int count = 1 + random.nextInt(10);
            CellKey.Cell commune = group("commune", households(count, 1));
            long first = report(List.of("commune"), List.of(commune)).get("commune").get("diagnosed");
            if (trial < 50) {
                for (int again = 0; again < 1000; again++) {
                    assertThat(report(List.of("commune"), List.of(commune)).get("commune").get("diagnosed"))
                            .isEqualTo(first);
                }
            }
            if (bestGuess(n -> likelihood(n, first)) == count) {
                pinned++;
            }
        }
        assertThat(pinned / (double) TRIALS).as("counts pinned down by one report").isLessThanOrEqualTo(0.2);
    }

    /**
     * Finding 4 of issue 15, first attack: the report before and after one household of the commune
     * is diagnosed. Exact figures move by 0 or 1, and which ones moved are that household's answers.
     * Here every figure of the commune draws its noise again (the new household's key joins every
     * figure's cell key), so a figure that did not count it moves as much as one that did: the
     * attacker guesses whether the household is in {@code x} hardly better than by tossing a coin.
     */
    @Test
    void oneHouseholdAddedBetweenTwoReportsKeepsItsAnswers() {
        int answersRead = 0;
        int pinned = 0;
        int spread = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            int count = 1 + random.nextInt(10);
            List<Household> before = households(count, 0.5);
            List<Household> after = new ArrayList<>(before);
            Household added = households(1, 0.5).get(0);
            after.add(added);
            Map<String, Long> seenBefore = report(List.of("c"), List.of(group("c", before))).get("c");
            Map<String, Long> seenAfter = report(List.of("c"), List.of(group("c", after))).get("c");
            // the answer: is the new household counted in x? Weigh both stories over every count of x
            double out = overEveryCount(x -> likelihood(x, seenBefore.get("x")) * likelihood(x, seenAfter.get("x")));
            double in = overEveryCount(x -> likelihood(x, seenBefore.get("x")) * likelihood(x + 1, seenAfter.get("x")));
            if ((in > out) == added.x()) {
                answersRead++;
            }
            // the count: the attacker knows the diagnosed households went from n to n + 1
            Evidence both = n -> likelihood(n, seenBefore.get("diagnosed")) * likelihood(n + 1, seenAfter.get("diagnosed"));
            if (bestGuess(both) == count) {
                pinned++;
            }
            double top = IntStream.rangeClosed(0, PRIOR)
                    .mapToDouble(both::of).max().orElse(0);
            int likely = (int) overEveryCount(n -> both.of(n) >= top / 4 ? 1 : 0);
            spread += likely;
        }
        assertThat(answersRead / (double) TRIALS).as("answers read right (a coin: 0.5)").isLessThanOrEqualTo(0.6);
        // Two figures with their own noise each: the second draw narrows the count. With a noise of at
        // most ±3, no method that gives a new set of households new noise does better than 13 in 49
        // (0.265) here; this is the one attack that pins down more than a fifth (docs/disclosure-control.md).
        assertThat(pinned / (double) TRIALS).as("counts pinned down before and after").isLessThanOrEqualTo(0.3);
        // and the best guess stays uncertain: several counts remain about as likely
        assertThat(spread / (double) TRIALS).as("counts at least a quarter as likely as the best").isGreaterThan(3);
    }

    /**
     * Finding 4 of issue 15, second attack: a complement. Diagnosed minus eligible is the number of
     * households left out; with exact figures, "= 1" singles one out. Each figure has its own noise,
     * so the attacker's best guess at the households left out (from both figures) is rarely right.
     */
    @Test
    void diagnosedMinusEligible() {
        double pinned = pinnedDown(TRIALS, () -> {
            int leftOut = 1 + random.nextInt(10);
            List<Household> households = new ArrayList<>(households(random.nextInt(PRIOR + 1), 1));
            households.addAll(households(leftOut, 0));
            Map<String, Long> seen = report(List.of("c"), List.of(group("c", households))).get("c");
            return bestGuess(out -> overEveryCount(x -> likelihood(x + out, seen.get("diagnosed"))
                    * likelihood(x, seen.get("x")))) == leftOut;
        });
        assertThat(pinned).as("households left out pinned down").isLessThanOrEqualTo(0.2);
    }

    /**
     * A total minus its shown parts: a territory of two communes, its total and each commune's
     * figure, all shown. Totals are perturbed as cells of their own, so the total minus one commune is
     * a second noisy view of the other; the attacker weighs all three figures together.
     */
    @Test
    void aTotalMinusItsShownParts() {
        double pinned = pinnedDown(TRIALS, () -> {
            int count = 1 + random.nextInt(10);
            Map<String, Map<String, Long>> seen = report(List.of("a", "b"), List.of(group("a", households(count, 1)),
                    group("b", households(random.nextInt(PRIOR + 1), 1))));
            long a = seen.get("a").get("diagnosed");
            long b = seen.get("b").get("diagnosed");
            long total = seen.get("total").get("diagnosed");
            return bestGuess(n -> overEveryCount(m -> likelihood(m, b) * likelihood(n + m, total))
                    * likelihood(n, a)) == count;
        });
        // Not a fifth: about 0.24. The total minus the other part is a second view of this one, with twice the
        // noise; the worst case is a row of two parts (a catchment of two communes). Left open (see the docs).
        assertThat(pinned).as("counts pinned down from a total and its parts").isLessThanOrEqualTo(0.27);
    }

    /**
     * Two territories that differ by one commune (a large one and the same with a small commune
     * added): the difference of their totals is a view of the small commune, with both totals' noise.
     */
    @Test
    void twoTerritoriesThatDifferByOneCommune() {
        double pinned = pinnedDown(TRIALS / 4, () -> {
            int count = 1 + random.nextInt(10);
            CellKey.Cell large = group("large", households(150 + random.nextInt(100), 1));
            CellKey.Cell small = group("small", households(count, 1));
            long without = report(List.of("large"), List.of(large)).get("total").get("diagnosed");
            Map<String, Map<String, Long>> with = report(List.of("large", "small"), List.of(large, small));
            long withTotal = with.get("total").get("diagnosed");
            long smallFigure = with.get("small").get("diagnosed");
            return bestGuess(n -> overEveryCount(d -> likelihood(without + d - 3, without)
                    * likelihood(without + d - 3 + n, withTotal)) * likelihood(n, smallFigure)) == count;
        });
        // Not a fifth either, about 0.24, for the same reason: the difference of the two totals is a second view
        assertThat(pinned).as("counts pinned down from two territories").isLessThanOrEqualTo(0.27);
    }

    /**
     * Two groupings of the same households: a commune's row, and a catchment's row made of that
     * commune and of another whose households none count in {@code x}. The same households of the
     * same groups give the same figure, so the second grouping is no second draw.
     */
    @Test
    void twoGroupingsOfTheSameHouseholds() {
        double pinned = pinnedDown(TRIALS, () -> {
            int count = 1 + random.nextInt(10);
            List<Household> commune = households(count, 1);
            List<Household> neighbour = households(1 + random.nextInt(20), 0);
            long byCommune = report(List.of("a", "b"), List.of(group("a", commune), group("b", neighbour)))
                    .get("a").get("x");
            long byCatchment = report(List.of("k"), List.of(group("k", commune), group("k", neighbour)))
                    .get("k").get("x");
            assertThat(byCatchment).isEqualTo(byCommune);
            return bestGuess(n -> likelihood(n, byCommune) * likelihood(n, byCatchment)) == count;
        });
        assertThat(pinned).as("counts pinned down from two groupings").isLessThanOrEqualTo(0.2);
    }
}
