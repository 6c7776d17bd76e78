package fr.ecole.lending.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pool page's words: dates as typed, the service's refusals with the page's names of fields, its addresses. */
class PoolWordsTest {
    @Test
    void aPlanEndsOnADateAsAPersonTypesIt() {
        assertThat(Pool.date("31/08/2027")).isEqualTo(LocalDate.of(2027, 8, 31));
        assertThat(Pool.date("1/9/2027")).isEqualTo(LocalDate.of(2027, 9, 1));
        assertThat(Pool.date("2027-08-31")).isEqualTo(LocalDate.of(2027, 8, 31));
        assertThatThrownBy(() -> Pool.date("31/02/2027")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Pool.date("31082027")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void refusalsNameTheFieldsAsThePageDoes() {
        Map<String, List<String>> fields = Map.of("serial", List.of("serie", "Numéro de série"));
        assertThat(Pool.inWords("Le champ « serial » est requis.", fields)).isEqualTo("Le champ « Numéro de série » est requis.");
        assertThat(Pool.inWords("Seule une clé 4G (DONGLE_4G) porte une carte SIM.", fields))
                .isEqualTo("Seule une clé 4G porte une carte SIM.");
        // a delivery's lines name its columns as its file does
        assertThat(Pool.inWords("Le champ « sim.iccid » est requis.", Map.of())).isEqualTo("Le champ « simIccid » est requis.");
    }

    @Test
    void theLabelsOfADeliveryTravelInTheirAddress() {
        assertThat(PoolResource.labelSheet("0350963G", List.of())).isEqualTo("/poste/etiquettes.pdf?ecole=0350963G");
        assertThat(PoolResource.labelSheet("0350963G", List.of("KR8R228ZZ", "INV-1")))
                .isEqualTo("/poste/etiquettes.pdf?ecole=0350963G&appareils=KR8R228ZZ%2CINV-1");
    }
}
