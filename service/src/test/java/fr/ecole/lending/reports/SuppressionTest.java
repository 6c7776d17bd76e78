package fr.ecole.lending.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionTest {
    private final Suppression suppression = new Suppression(11);

    private static Map<String, Long> row(Object... columnsAndCounts) {
        Map<String, Long> row = new HashMap<>();
        for (int i = 0; i < columnsAndCounts.length; i += 2) {
            row.put((String) columnsAndCounts[i], ((Number) columnsAndCounts[i + 1]).longValue());
        }
        return row;
    }

    @Test
    void tenIsHiddenElevenIsShownAndZeroStaysZero() {
        assertThat(suppression.primary(10)).isNull();
        assertThat(suppression.primary(1)).isNull();
        assertThat(suppression.primary(11)).isEqualTo(11L);
        assertThat(suppression.primary(0)).isEqualTo(0L);
        assertThat(new Suppression(2).primary(1)).isNull();
        assertThat(new Suppression(2).primary(2)).isEqualTo(2L);
    }

    @Test
    void aThresholdThatHidesNothingIsRefused() {
        assertThatThrownBy(() -> new Suppression(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aColumnTotalHidesWhenOneOfItsCellsIsHidden() {
        Suppression.Table table = suppression.apply(List.of("diagnosed", "whiteZone"), List.of(
                row("diagnosed", 40, "whiteZone", 12),
                row("diagnosed", 25, "whiteZone", 3),
                row("diagnosed", 0, "whiteZone", 0)), Map.of());

        assertThat(table.rows().get(0)).containsEntry("diagnosed", 40L).containsEntry("whiteZone", 12L);
        assertThat(table.rows().get(1)).containsEntry("diagnosed", 25L).containsEntry("whiteZone", null);
        assertThat(table.rows().get(2)).containsEntry("diagnosed", 0L).containsEntry("whiteZone", 0L);
        // 15 shown beside 12 would give the hidden 3 away
        assertThat(table.totals()).containsEntry("diagnosed", 65L).containsEntry("whiteZone", null);
    }

    @Test
    void aTotalBelowTheThresholdIsHiddenToo() {
        Suppression.Table table = suppression.apply(List.of("lost"), List.of(row("lost", 0), row("lost", 0)), Map.of());
        assertThat(table.totals()).containsEntry("lost", 0L);
        table = suppression.apply(List.of("lost"), List.of(row("lost", 4), row("lost", 5)), Map.of());
        assertThat(table.rows()).allSatisfy(row -> assertThat(row).containsEntry("lost", null));
        assertThat(table.totals()).containsEntry("lost", null);
    }

    @Test
    void aSumWithinARowHidesWhenOneOfItsPartsIsHidden() {
        Map<String, List<String>> sums = Map.of("onLoan", List.of("laptops", "dongles"));
        Suppression.Table table = suppression.apply(List.of("onLoan", "laptops", "dongles"), List.of(
                row("onLoan", 30, "laptops", 25, "dongles", 5),
                row("onLoan", 40, "laptops", 20, "dongles", 20)), sums);

        // 30 − 25 would give the hidden 5 away
        assertThat(table.rows().get(0)).containsEntry("onLoan", null).containsEntry("laptops", 25L)
                .containsEntry("dongles", null);
        assertThat(table.rows().get(1)).containsEntry("onLoan", 40L).containsEntry("laptops", 20L)
                .containsEntry("dongles", 20L);
        assertThat(table.totals()).containsEntry("onLoan", null).containsEntry("laptops", 45L)
                .containsEntry("dongles", null);
    }

    @Test
    void aHiddenSumWhosePartsAreAllShownHidesItsSmallestNonZeroPart() {
        // counts that do not add up (a device of a kind the report does not list): the sum stays out of reach
        Map<String, List<String>> sums = Map.of("onLoan", List.of("laptops", "dongles"));
        Suppression.Table table = suppression.apply(List.of("onLoan", "laptops", "dongles"), List.of(
                row("onLoan", 5, "laptops", 0, "dongles", 0),
                row("onLoan", 40, "laptops", 14, "dongles", 12)), sums);

        assertThat(table.rows().get(0)).containsEntry("onLoan", null).containsEntry("laptops", 0L)
                .containsEntry("dongles", 0L);
        assertThat(table.rows().get(1)).containsEntry("onLoan", 40L);
        assertThat(table.totals()).containsEntry("onLoan", null).containsEntry("laptops", 14L).containsEntry("dongles", null);
    }
}
