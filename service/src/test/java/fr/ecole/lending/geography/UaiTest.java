package fr.ecole.lending.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UaiTest {

    /** Every UAI of the real directory for Ille-et-Vilaine. */
    private static List<String> realUais() {
        String csv = new String(Api.resource("/fixtures/establishments/fr-en-annuaire-education.csv"),
                StandardCharsets.UTF_8);
        return csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(';'))).toList();
    }

    @Test
    void everyUaiOfTheNationalDirectoryPasses() {
        List<String> uais = realUais();
        assertThat(uais).hasSize(996);
        assertThat(uais).allSatisfy(uai -> assertThat(Uai.isValid(uai)).as(uai).isTrue());
    }

    @Test
    void aWrongCheckLetterFails() {
        for (String uai : realUais()) {
            for (char letter : "ABCDEFGHJKLMNPRSTUVWXYZ".toCharArray()) {
                if (letter != uai.charAt(7)) {
                    assertThat(Uai.isValid(uai.substring(0, 7) + letter)).as(uai + " -> " + letter).isFalse();
                }
            }
        }
    }

    @Test
    void aMistypedDigitFails() {
        for (String uai : realUais()) {
            for (int position = 0; position < 7; position++) {
                char digit = uai.charAt(position);
                char other = (char) ('0' + (digit - '0' + 1) % 10);
                String altered = uai.substring(0, position) + other + uai.substring(position + 1);
                assertThat(Uai.isValid(altered)).as(altered).isFalse();
            }
        }
    }

    @Test
    void shapesThatAreNotUaisFail() {
        assertThat(Uai.isValid(null)).isFalse();
        assertThat(Uai.isValid("")).isFalse();
        assertThat(Uai.isValid("035012T")).isFalse();
        assertThat(Uai.isValid("03501222T")).isFalse();
        assertThat(Uai.isValid("0350122I")).as("I is not a check letter").isFalse();
        assertThat(Uai.isValid("A350122T")).isFalse();
    }

    @Test
    void parsingForgivesCaseAndSpacesButNotTheCheckLetter() {
        assertThat(Uai.parse(" 0350122t ").value()).isEqualTo("0350122T");
        assertThatThrownBy(() -> Uai.parse("0350122U", "uai"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("invalid_uai");
                    assertThat(e.field()).isEqualTo("uai");
                });
    }

    @Test
    void aMissingUaiIsAskedForAndAWrongOneIsShownBackToTheDesk() {
        assertThatThrownBy(() -> Uai.parse(null)).hasMessage(
                "Le code UAI de l'établissement est requis (7 chiffres et une lettre, ex. 0350122T).");
        assertThatThrownBy(() -> Uai.parse("   ")).hasMessageStartingWith("Le code UAI de l'établissement est requis");
        assertThatThrownBy(() -> Uai.parse("0350122U")).hasMessage("Le code UAI « 0350122U » n'est pas valide : vérifiez "
                + "les 7 chiffres et la lettre de contrôle (ex. 0350122T).");
    }

    @Test
    void aUaiGivenForAFieldReadsAndPrintsAsItsEightCharacters() {
        Uai uai = Uai.parse(" 0350122t", "uai");
        assertThat(uai.value()).isEqualTo("0350122T");
        assertThat(uai).hasToString("0350122T");
        assertThat(Uai.checkLetter("0350122")).isEqualTo('T');
    }
}
