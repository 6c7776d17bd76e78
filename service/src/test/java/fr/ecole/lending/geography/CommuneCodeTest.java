package fr.ecole.lending.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import org.junit.jupiter.api.Test;

class CommuneCodeTest {

    @Test
    void aCommuneCodeIsFiveCharactersCorsicaIncludedAsTypedOrPasted() {
        assertThat(CommuneCode.parse(" 35238 ").value()).isEqualTo("35238");
        assertThat(CommuneCode.parse("2a004")).hasToString("2A004");
        assertThat(CommuneCode.isValid("35238")).isTrue();
        assertThat(CommuneCode.isValid("2B033")).isTrue();
        assertThat(CommuneCode.isValid("3523")).isFalse();
        assertThat(CommuneCode.isValid("2C004")).isFalse();
        assertThat(CommuneCode.isValid(null)).isFalse();
    }

    @Test
    void aBadCodeIsRefusedWithRennesAsTheExample() {
        for (String text : new String[] {null, "", "3523", "352380"}) {
            assertThatThrownBy(() -> CommuneCode.parse(text)).as(String.valueOf(text))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_commune");
                        assertThat(e.getMessage()).contains("par exemple 35238 pour Rennes");
                    });
        }
    }
}
