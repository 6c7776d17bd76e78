package fr.ecole.lending.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import org.junit.jupiter.api.Test;

/** A collectivity reads the figures of its territory: a commune, a département or a région; a rectorat its académie. */
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
        for (String text : new String[] {null, "", "commune:3523", "departement:35", "region:053", "canton:3501", "35238",
                "academie:", "academie:R14", "academie:1400", "academie:Rennes"}) {
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

    @Test
    void anAcademieCountsEverySchoolAndIsNoCollectivity() {
        Territory academie = Territory.parse("academie:14");
        assertThat(academie.kind()).isEqualTo("academie");
        assertThat(academie.code()).isEqualTo("14");
        assertThat(academie.isAcademie()).isTrue();
        assertThat(academie.schools()).containsExactly(EstablishmentType.ECOLE, EstablishmentType.COLLEGE,
                EstablishmentType.LYCEE, EstablishmentType.EREA);
        assertThat(Territory.parse("departement:035").schools()).containsExactly(EstablishmentType.COLLEGE);
        assertThat(academie.holds("35238", "035", "53")).as("an académie funds no device").isFalse();
        assertThat(Territory.parse("region:53").holds("35238", "035", "53")).isTrue();
        assertThat(Territory.parseAcademie("academie:70", "territory").code()).isEqualTo("70");
        assertThatThrownBy(() -> Territory.parseAcademie("departement:035", "territory"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("territory"));
        assertThatThrownBy(() -> Territory.parseCollectivity("academie:14", "fundedBy"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_territory");
                    assertThat(e.field()).isEqualTo("fundedBy");
                });
        assertThat(Territory.parseCollectivity("commune:35238", "territory").value()).isEqualTo("commune:35238");
    }
}
