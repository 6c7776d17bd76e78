package fr.ecole.lending.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DashboardViewTest {
    @Test
    void figuresReadAsTheFrenchWriteThem() {
        assertThat(DashboardView.number(56155L)).isEqualTo("56\u00a0155");
        assertThat(DashboardView.number(3)).isEqualTo("3");
        assertThat(DashboardView.number(new BigDecimal("0.05"))).isEqualTo("0,05");
        assertThat(DashboardView.number(71.43)).isEqualTo("71,43");
        assertThat(DashboardView.number(12.5)).isEqualTo("12,5");
        assertThat(DashboardView.number(0L)).isEqualTo("0");
        assertThat(DashboardView.number(null)).isEqualTo("sans objet");
    }

    @Test
    void aChartCountsWhatHasNoMeaningAsNothing() {
        assertThat(DashboardView.count(null)).isZero();
        assertThat(DashboardView.count(7L)).isEqualTo(7);
    }

    @Test
    void anAcademieIsNamedAsTheFrenchNameIt() {
        assertThat(DashboardView.academieWords("Rennes")).isEqualTo("académie de Rennes");
        assertThat(DashboardView.academieWords("Orléans-Tours")).isEqualTo("académie d'Orléans-Tours");
        assertThat(DashboardView.academieWords("Aix-Marseille")).isEqualTo("académie d'Aix-Marseille");
        assertThat(PageView.territoryWords("academie:14", "")).isEqualTo("académie 14");
    }
}
