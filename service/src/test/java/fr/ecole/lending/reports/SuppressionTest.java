package fr.ecole.lending.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionTest {
    private final Suppression suppression = new Suppression(11);

    private static Suppression.Cell cell(String row, Object... columnsAndCounts) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < columnsAndCounts.length; i += 2) {
            counts.put((String) columnsAndCounts[i], ((Number) columnsAndCounts[i + 1]).longValue());
        }
        return new Suppression.Cell(row, counts);
    }

    @Test
    void tenIsHiddenElevenIsShownAndZeroStaysZero() {
        Suppression.Shown shown = suppression.apply(List.of("diagnosed"), List.of("ten", "eleven", "none", "one"),
                List.of(cell("ten", "diagnosed", 10), cell("eleven", "diagnosed", 11), cell("one", "diagnosed", 1)),
                List.of());
        assertThat(shown.rows().get("ten")).containsEntry("diagnosed", null);
        assertThat(shown.rows().get("eleven")).containsEntry("diagnosed", 11L);
        assertThat(shown.rows().get("none")).containsEntry("diagnosed", 0L);
        assertThat(shown.rows().get("one")).containsEntry("diagnosed", null);
        assertThat(new Suppression(2).small(1)).isTrue();
        assertThat(new Suppression(2).small(2)).isFalse();
    }

    @Test
    void aThresholdThatHidesNothingIsRefused() {
        assertThatThrownBy(() -> new Suppression(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aColumnTotalHidesWhenOneOfItsCellsIsHidden() {
        Suppression.Shown shown = suppression.apply(List.of("diagnosed", "whiteZone"), List.of("a", "b", "c"), List.of(
                cell("a", "diagnosed", 40, "whiteZone", 12),
                cell("b", "diagnosed", 25, "whiteZone", 3),
                cell("c", "diagnosed", 0, "whiteZone", 0)), List.of());

        assertThat(shown.rows().get("a")).containsEntry("diagnosed", 40L).containsEntry("whiteZone", 12L);
        assertThat(shown.rows().get("b")).containsEntry("diagnosed", 25L).containsEntry("whiteZone", null);
        assertThat(shown.rows().get("c")).containsEntry("diagnosed", 0L).containsEntry("whiteZone", 0L);
        // 15 shown beside 12 would give the hidden 3 away
        assertThat(shown.totals()).containsEntry("diagnosed", 65L).containsEntry("whiteZone", null);
    }

    @Test
    void aRowThatAddsUpAHiddenCellIsHiddenHoweverLarge() {
        // the communes of a catchment: 30 + 4 would show 34, and the commune's own row 30 would give the 4 away
        Suppression.Shown shown = suppression.apply(List.of("whiteZone"), List.of("catchment"), List.of(
                cell("catchment", "whiteZone", 30), cell("catchment", "whiteZone", 4)), List.of());
        assertThat(shown.rows().get("catchment")).containsEntry("whiteZone", null);
        assertThat(shown.totals()).containsEntry("whiteZone", null);

        shown = suppression.apply(List.of("whiteZone"), List.of("catchment"), List.of(
                cell("catchment", "whiteZone", 30), cell("catchment", "whiteZone", 0), cell("catchment", "whiteZone", 12)),
                List.of());
        assertThat(shown.rows().get("catchment")).containsEntry("whiteZone", 42L);
    }

    @Test
    void aSmallSumOfCellsIsHiddenToo() {
        Suppression.Shown shown = suppression.apply(List.of("lost"), List.of("a"), List.of(cell("a", "lost", 0),
                cell("a", "lost", 0)), List.of());
        assertThat(shown.rows().get("a")).containsEntry("lost", 0L);
        assertThat(shown.totals()).containsEntry("lost", 0L);
    }

    @Test
    void tiedFiguresHideTogetherButZerosStay() {
        List<Set<String>> tied = List.of(Set.of("onLoan", "laptops", "dongles", "headsets", "lent"));
        List<String> columns = List.of("onLoan", "laptops", "dongles", "headsets", "lent");
        Suppression.Shown shown = suppression.apply(columns, List.of("a", "b"), List.of(
                cell("a", "onLoan", 30, "laptops", 25, "dongles", 5, "headsets", 0, "lent", 40),
                cell("b", "onLoan", 40, "laptops", 20, "dongles", 20, "headsets", 0, "lent", 12)), tied);

        // 30 − 25 would give the hidden 5 away, and so would the loans lent and the devices out another day
        assertThat(shown.rows().get("a")).containsEntry("onLoan", null).containsEntry("laptops", null)
                .containsEntry("dongles", null).containsEntry("headsets", 0L).containsEntry("lent", null);
        assertThat(shown.rows().get("b")).containsEntry("onLoan", 40L).containsEntry("laptops", 20L)
                .containsEntry("dongles", 20L).containsEntry("lent", 12L);
        assertThat(shown.totals()).containsEntry("onLoan", null).containsEntry("laptops", null)
                .containsEntry("dongles", null).containsEntry("headsets", 0L).containsEntry("lent", null);
    }

    @Test
    void aGuardCellHidesWithoutAdding() {
        // an establishment's 13 agreements, one of which lends only devices of a funder with one agreement
        Suppression.Shown shown = suppression.apply(List.of("agreements"), List.of("school"), List.of(
                new Suppression.Cell("school", Map.of("agreements", 13L)),
                new Suppression.Cell("school", Map.of("agreements", 12L), true),
                new Suppression.Cell("school", Map.of("agreements", 1L), true)), List.of());
        assertThat(shown.rows().get("school")).containsEntry("agreements", null);

        shown = suppression.apply(List.of("agreements"), List.of("school"), List.of(
                new Suppression.Cell("school", Map.of("agreements", 25L)),
                new Suppression.Cell("school", Map.of("agreements", 12L), true),
                new Suppression.Cell("school", Map.of("agreements", 13L), true)), List.of());
        assertThat(shown.rows().get("school")).containsEntry("agreements", 25L);
    }
}
