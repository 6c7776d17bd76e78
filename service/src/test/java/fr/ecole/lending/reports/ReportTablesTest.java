package fr.ecole.lending.reports;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.diagnostics.Criteria;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every report does with its figures whoever asks: the restricted criterion's stays protected. */
class ReportTablesTest {
    private final ReportTables tables = new ReportTables(new CellKey(PerturbationTable.version(1)), Clock.systemUTC());

    @Test
    void plainCountsKeepTheRestrictedCriterionsFigureProtected() {
        List<String> columns = List.of("diagnosed", "adaptedEquipment");
        // one household of the restricted answer: its key decides the figure shown, never 1
        CellKey.Cell cell = new CellKey.Cell("r", Map.of("diagnosed", 7L, "adaptedEquipment", 1L),
                Map.of("diagnosed", 700L, "adaptedEquipment", 100L), 700);
        CellKey.Shown protectedFigures = tables.shown(columns, List.of("r"), List.of(cell), false);
        CellKey.Shown plain = tables.shown(columns, List.of("r"), List.of(cell), true);
        assertThat(protectedFigures.rows().get("r").get("adaptedEquipment")).isIn(0L, 3L, 4L);
        assertThat(plain.rows().get("r")).as("the other figures plain, the restricted one as anyone reads it")
                .containsEntry("diagnosed", 7L)
                .containsEntry("adaptedEquipment", protectedFigures.rows().get("r").get("adaptedEquipment"));
        assertThat(plain.totals()).containsEntry("adaptedEquipment", protectedFigures.totals().get("adaptedEquipment"));
    }

    @Test
    void everyRestrictedCriterionOfTheCriteriaHasItsFigureAlwaysProtected() {
        // the fragility report's column for each answer of the criteria that few may read
        Map<String, String> columnOf = Map.of("needsAdaptedEquipment", "adaptedEquipment");
        List<String> restricted = Criteria.builtIn().criteria().values().stream()
                .filter(criterion -> "RESTRICTED".equals(criterion.visibleTo())).map(Criteria.Criterion::id).toList();
        assertThat(restricted).isNotEmpty();
        assertThat(restricted.stream().map(columnOf::get).toList()).doesNotContainNull()
                .containsExactlyInAnyOrderElementsOf(ReportTables.ALWAYS_PROTECTED);
        assertThat(HouseholdReports.FRAGILITY_COLUMNS).containsAll(ReportTables.ALWAYS_PROTECTED);
    }
}
