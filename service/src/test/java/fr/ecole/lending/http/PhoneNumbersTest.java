package fr.ecole.lending.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void frenchNumbersAreKeptInOneCompactForm() {
        assertThat(PhoneNumbers.normalize("06 12 34 56 78", "phone")).isEqualTo("0612345678");
        assertThat(PhoneNumbers.normalize("06.12.34.56.78", "phone")).isEqualTo("0612345678");
        assertThat(PhoneNumbers.normalize("+33 6 12 34 56 78", "phone")).isEqualTo("0612345678");
        assertThat(PhoneNumbers.normalize("0033612345678", "phone")).isEqualTo("0612345678");
        assertThat(PhoneNumbers.normalize("+44 20 7946 0958", "phone")).isEqualTo("+442079460958");
    }

    @Test
    void somethingElseIsRefusedNamingTheField() {
        for (String bad : new String[] {"12", "06 12 34", "abcdefghij", "+0612345678"}) {
            assertThatThrownBy(() -> PhoneNumbers.normalize(bad, "guardian.phone"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_phone");
                        assertThat(e.field()).isEqualTo("guardian.phone");
                    });
        }
    }
}
