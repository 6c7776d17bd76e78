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
    void theCheckAloneMissesAFewSwapsOfNeighbours() {
        // a hybrid ISO 7064 system lets a small share of transpositions through (measured: about 0.16 %)
        assertThat(AssetTags.hasValidCheck("01" + AssetTags.checkCharacter("01"))).isTrue();
        Random random = new Random(13);
        int swaps = 0;
        int missed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder payload = new StringBuilder();
            for (int j = 0; j < 8; j++) {
                payload.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
            }
            String tag = payload.toString() + AssetTags.checkCharacter(payload.toString());
            for (String swapped : swapsOf(tag)) {
                swaps++;
                if (AssetTags.hasValidCheck(swapped)) {
                    missed++;
                }
            }
        }
        assertThat(missed).isPositive();
        assertThat((double) missed / swaps).isLessThan(0.005);
    }

    @Test
    void everySwapOfNeighboursInAGeneratedTagIsCaught() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            String tag = AssetTags.generate(random);
            for (String swapped : swapsOf(tag)) {
                assertThat(AssetTags.hasValidCheck(swapped)).as(tag + " -> " + swapped).isFalse();
            }
        }
    }

    private static java.util.List<String> swapsOf(String tag) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int position = 0; position + 1 < tag.length(); position++) {
            if (tag.charAt(position) != tag.charAt(position + 1)) {
                out.add(tag.substring(0, position) + tag.charAt(position + 1) + tag.charAt(position)
                        + tag.substring(position + 2));
            }
        }
        return out;
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
        // shaped like a generated tag but one character off one: it would catch a desk's typo
        assertThatThrownBy(() -> AssetTags.supplied("KR8R228ZY", "assetTag"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_asset_tag"));
        assertThatThrownBy(() -> AssetTags.supplied("pc2023001", "assetTag")).isInstanceOf(ApiException.class);
        assertThat(AssetTags.supplied("KR8R228ZZ", "assetTag")).as("a valid check character passes").isEqualTo("KR8R228ZZ");
        assertThatThrownBy(() -> AssetTags.supplied("x".repeat(41), "assetTag")).isInstanceOf(ApiException.class);
    }

    @Test
    void theShortestTagWithACheckIsOneCharacterAndItsCheck() {
        assertThat(AssetTags.hasValidCheck("7" + AssetTags.checkCharacter("7"))).isTrue();
        assertThat(AssetTags.hasValidCheck("7")).as("a check character alone").isFalse();
        assertThat(AssetTags.hasValidCheck("")).isFalse();
        assertThat(AssetTags.hasValidCheck(null)).isFalse();
    }

    @Test
    void aTagWithALowerCaseLetterOrADashHasNoValidCheckAndAskingNeverFails() {
        assertThat(AssetTags.hasValidCheck("a12425GABC1234002M")).isFalse();
        assertThat(AssetTags.hasValidCheck("A12425GABC1234002m")).isFalse();
        assertThat(AssetTags.hasValidCheck("INV-0042")).isFalse();
    }
}
