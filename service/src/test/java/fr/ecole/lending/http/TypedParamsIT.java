package fr.ecole.lending.http;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A UAI or an asset tag in an address is read once, at the edge, as the API reads it in a body:
 * the refusal names the parameter, a lower-case UAI or a tag with spaces around it is forgiven, and
 * a blank query parameter counts as absent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TypedParamsIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api admin;
    static String tag;

    @BeforeAll
    static void pool() {
        admin = new Api(APP);
        Reply created = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        tag = created.json().path("assetTag").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0350122X", "035012", "%20", "not-a-uai"})
    void anInvalidUaiInThePathIsRefusedNamingIt(String uai) {
        Reply refused = admin.get("/api/establishments/" + uai + "/devices");
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.error()).isEqualTo("invalid_uai");
        assertThat(refused.field()).isEqualTo("uai");
    }

    @Test
    void anInvalidUaiInTheQueryIsRefusedNamingIt() {
        Reply refused = admin.get("/api/agreements?uai=0350122X");
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.error()).isEqualTo("invalid_uai");
        assertThat(refused.field()).isEqualTo("uai");
    }

    @Test
    void aBlankQueryParameterIsAbsent() {
        assertThat(admin.get("/api/agreements?uai=").status()).isEqualTo(200);
        assertThat(admin.get("/api/agreements?uai=%20").status()).isEqualTo(200);
    }

    @Test
    void aLowerCaseUaiReachesTheSameSchool() {
        Reply listed = admin.get("/api/establishments/" + COLLEGE.toLowerCase(Locale.ROOT) + "/devices");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.json().path("items").get(0).path("assetTag").asText()).isEqualTo(tag);
    }

    @Test
    void aTagIsFoundWhateverTheCaseAndTheSpacesAroundIt() {
        Reply found = admin.get("/api/devices/%20" + tag.toLowerCase(Locale.ROOT) + "%20");
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.json().path("assetTag").asText()).isEqualTo(tag);
        Reply unknown = admin.get("/api/devices/NO-SUCH-TAG");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown_device");
        assertThat(unknown.field()).isEqualTo("assetTag");
    }
}
