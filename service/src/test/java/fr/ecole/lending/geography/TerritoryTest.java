package fr.ecole.lending.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import org.junit.jupiter.api.Test;

/** A collectivity reads the figures of its territory: a commune, a département or a région. */
class TerritoryTest {

    @Test
    void eachKindOfCollectivityPaysForItsKindOfEstablishment() {
        Territory commune = Territory.parse(" commune:35238 ");
        assertThat(commune.value()).isEqualTo("commune:35238");
        assertThat(commune.kind()).isEqualTo("commune");
        assertThat(commune.code()).isEqualTo("35238");
        assertThat(commune.competence()).isEqualTo(EstablishmentType.ECOLE);
        Territory departement = Territory.parse("departement:035");
        assertThat(departement.kind()).isEqualTo("departement");
        assertThat(departement.code()).isEqualTo("035");
        assertThat(departement.competence()).isEqualTo(EstablishmentType.COLLEGE);
        Territory region = Territory.parse("region:53");
        assertThat(region.kind()).isEqualTo("region");
        assertThat(region.code()).isEqualTo("53");
        assertThat(region.competence()).isEqualTo(EstablishmentType.LYCEE);
        assertThat(region).hasToString("region:53");
        assertThat(Territory.parse("departement:02A").code()).isEqualTo("02A");
        assertThat(Territory.parse("commune:2B033").code()).isEqualTo("2B033");
    }

    @Test
    void aTerritoryOfNoKnownShapeIsRefusedNamingTheField() {
        for (String text : new String[] {null, "", "commune:3523", "departement:35", "region:053", "canton:3501", "35238"}) {
            assertThatThrownBy(() -> Territory.parse(text, "territory")).as(String.valueOf(text))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.code()).isEqualTo("invalid_territory");
                        assertThat(e.field()).isEqualTo("territory");
                    });
        }
        assertThat(Territory.parse("region:53", "territory").value()).isEqualTo("region:53");
    }

    @Test
    void aCommunesDepartementIsWrittenAsTheNationalDirectoryWritesIt() {
        assertThat(Territory.departementOf("35238")).isEqualTo("035");
        assertThat(Territory.departementOf("2A004")).isEqualTo("02A");
        assertThat(Territory.departementOf("97411")).as("overseas: three digits").isEqualTo("974");
        assertThat(Territory.departementOf("09122")).isEqualTo("009");
        assertThat(Territory.departementOf("3523")).isNull();
        assertThat(Territory.departementOf(null)).isNull();
    }
}
