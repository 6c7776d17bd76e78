package fr.ecole.lending.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssetTagsTest {
    private static final String ALPHANUMERIC = AssetTags.ALPHANUMERIC;

    @Test
    void checkCharacterMatchesThePublishedExample() {
        // ISO 7064 MOD 37,36 example of the Global Release Identifier standard: A1-2425G-ABC1234002-M
        assertThat(AssetTags.checkCharacter("A12425GABC1234002")).isEqualTo('M');
        assertThat(AssetTags.hasValidCheck("A12425GABC1234002M")).isTrue();
    }

    @Test
    void generatedTagsCarryTheirCheckCharacterAndAreUpperCaseAlphanumeric() {
        Random random = new Random(7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String tag = AssetTags.generate(random);
            assertThat(tag).matches("[2-9A-HJ-NP-Z]{8}[0-9A-Z]");
            assertThat(AssetTags.hasValidCheck(tag)).as(tag).isTrue();
            seen.add(tag);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void everySingleMistypedCharacterIsCaught() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            String tag = AssetTags.generate(random);
            for (int position = 0; position < tag.length(); position++) {
                for (char other : ALPHANUMERIC.toCharArray()) {
                    if (other != tag.charAt(position)) {
                        String typo = tag.substring(0, position) + other + tag.substring(position + 1);
                        assertThat(AssetTags.hasValidCheck(typo)).as(typo).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void nearlyEverySwapOfNeighboursIsCaught() {
        // a hybrid ISO 7064 system misses a small share of transpositions (measured: about 0.16 %)
        Random random = new Random(13);
        int swaps = 0;
        int missed = 0;
        for (int i = 0; i < 20_000; i++) {
            String tag = AssetTags.generate(random);
            for (int position = 0; position + 1 < tag.length(); position++) {
                if (tag.charAt(position) != tag.charAt(position + 1)) {
                    String swapped = tag.substring(0, position) + tag.charAt(position + 1) + tag.charAt(position)
                            + tag.substring(position + 2);
                    swaps++;
                    if (AssetTags.hasValidCheck(swapped)) {
                        missed++;
                    }
                }
            }
        }
        assertThat(swaps).isGreaterThan(100_000);
        assertThat((double) missed / swaps).isLessThan(0.005);
    }

    @Test
    void suppliedTagsAreKeptAsGivenButNeverLookLikeAnAgreement() {
        assertThat(AssetTags.supplied(" INV-2021.0042 ", "assetTag")).isEqualTo("INV-2021.0042");
        assertThatThrownBy(() -> AssetTags.supplied("INV/2021", "assetTag")).isInstanceOf(ApiException.class);
        assertThat(AssetTags.supplied("col35-pc12", "assetTag")).isEqualTo("col35-pc12");
        assertThatThrownBy(() -> AssetTags.supplied("AGR-2026-000001", "assetTag"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_asset_tag"));
        assertThatThrownBy(() -> AssetTags.supplied("agr-12", "assetTag")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> AssetTags.supplied("PC 12", "assetTag")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> AssetTags.supplied("x".repeat(41), "assetTag")).isInstanceOf(ApiException.class);
    }
}
