package fr.ecole.lending.devices;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15, finding 9: a desk pushed its devices into a lycée it does not serve, because a device
 * funded by the département could go to any school of the département. A transfer goes to one of
 * the caller's own schools, or to a school of the funder's competence (département: collèges;
 * commune: écoles; région: lycées) within its territory; anything else is refused, saying why.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TransferScopeIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    /** Schools of Rennes in the fixture directory, besides those of {@link Builders}. */
    static final String OTHER_COLLEGE = "0350734H";
    static final String OTHER_LYCEE = "0350024L";
    static final String OTHER_ECOLE = "0350592D";
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    static String device(Api desk, String uai, String fundedBy) {
        Map<String, Object> body = Builders.laptop();
        if (fundedBy != null) {
            body.put("fundedBy", fundedBy);
        }
        Reply created = desk.post("/api/establishments/" + uai + "/devices", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("assetTag").asText();
    }

    static Reply transfer(Api desk, String tag, String uai) {
        return desk.post("/api/devices/" + tag + "/transfer", Map.of("uai", uai, "note", "Rééquilibrage"));
    }

    /** The refusal names why, in French, and the device has stayed in its pool with no transfer in its history. */
    static void assertRefusedAndStays(Reply refused, String tag, String home) {
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("other_funder");
        assertThat(refused.field()).isEqualTo("uai");
        JsonNode device = admin.get("/api/devices/" + tag).json();
        assertThat(device.path("uai").asText()).isEqualTo(home);
        assertThat(admin.get("/api/devices/" + tag + "/history").json().path("items"))
                .extracting(event -> event.path("event").asText()).doesNotContain("TRANSFERRED");
    }

    @Test
    void aCollegesDeskCannotPushADepartementDeviceIntoALyceeItDoesNotServe() {
        Api collegeDesk = admin.desk(COLLEGE);
        String tag = device(collegeDesk, COLLEGE, "departement:035");
        Reply refused = transfer(collegeDesk, tag, LYCEE);
        assertRefusedAndStays(refused, tag, COLLEGE);
        assertThat(refused.json().path("message").asText())
                .as("says why: the lycée is neither the desk's school nor one the département pays for")
                .contains(LYCEE, "departement:035", "collèges");
    }

    @Test
    void aDepartementDeviceMovesToAnotherCollegeOfTheDepartement() {
        Api collegeDesk = admin.desk(COLLEGE);
        String tag = device(collegeDesk, COLLEGE, "departement:035");
        Reply moved = transfer(collegeDesk, tag, OTHER_COLLEGE);
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().path("uai").asText()).isEqualTo(OTHER_COLLEGE);
    }

    /** A commune pays for écoles, a région for lycées: their devices move among those only. */
    @ParameterizedTest
    @CsvSource({
        "commune:35238, " + ECOLE + ", " + COLLEGE + ", " + LYCEE + ", " + OTHER_ECOLE,
        "region:53, " + LYCEE + ", " + COLLEGE + ", " + ECOLE + ", " + OTHER_LYCEE,
    })
    void aCollectivitysDeviceMovesAmongTheSchoolsItPaysForOnly(String funder, String home, String notPaidFor,
                                                                 String notPaidForEither, String paidFor) {
        Api homeDesk = admin.desk(home);
        String tag = device(homeDesk, home, funder);
        assertRefusedAndStays(transfer(homeDesk, tag, notPaidFor), tag, home);
        assertRefusedAndStays(transfer(homeDesk, tag, notPaidForEither), tag, home);
        assertThat(transfer(homeDesk, tag, paidFor).status()).isEqualTo(200);
    }

    @Test
    void aDeskMovesDevicesBetweenItsOwnSchoolsWhateverTheFunder() {
        // a cité scolaire: one desk for a collège and a lycée
        Api citeDesk = admin.desk(COLLEGE, LYCEE);
        String funded = device(citeDesk, COLLEGE, "departement:035");
        assertThat(transfer(citeDesk, funded, LYCEE).status()).isEqualTo(200);
        String unfunded = device(citeDesk, COLLEGE, null);
        Reply moved = transfer(citeDesk, unfunded, LYCEE);
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().path("uai").asText()).isEqualTo(LYCEE);
    }

    @Test
    void anAdministratorFollowsTheFundersRuleToo() {
        String tag = device(admin, COLLEGE, "departement:035");
        assertRefusedAndStays(transfer(admin, tag, LYCEE), tag, COLLEGE);
        String unfunded = device(admin, COLLEGE, null);
        assertThat(transfer(admin, unfunded, OTHER_COLLEGE).error()).isEqualTo("no_funder");
    }
}
