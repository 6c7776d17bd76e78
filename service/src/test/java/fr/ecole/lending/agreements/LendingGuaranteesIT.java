package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guarantees a desk relies on without seeing them: a lending is all or nothing even when the
 * database refuses a write halfway, an idempotency key is the sending user's own, and a desk's list
 * of agreements holds its schools' only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LendingGuaranteesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    static String device(Api desk, String uai) {
        Reply reply = desk.post("/api/establishments/" + uai + "/devices", Builders.laptop());
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("assetTag").asText();
    }

    static long family(Api desk, String uai) {
        Reply reply = desk.post("/api/families", Builders.family("Famille " + UUID.randomUUID(), uai));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().path("id").asLong();
    }

    static long count(String sql, Object... values) {
        return Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < values.length; i++) {
                query.bind(i, values[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    /**
     * The second device's loan is refused by the database itself (a stray open loan, written behind
     * the service's back, that the checks before the writes do not see): the first device's loan,
     * the agreement and every event already written in the transaction are gone with it.
     */
    @Test
    void aWriteRefusedHalfwayLeavesNothingOfTheAgreement() {
        String first = device(admin, COLLEGE);
        String second = device(admin, COLLEGE);
        String other = device(admin, COLLEGE);
        Reply earlier = admin.post("/api/agreements", Builders.agreement(family(admin, COLLEGE), COLLEGE, List.of(other),
                UUID.randomUUID().toString()));
        assertThat(earlier.status()).as(earlier.text()).isEqualTo(201);
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "INSERT INTO loans (agreement_id, device_id, out_at) SELECT a.id, d.id, 0 FROM agreements a, devices d"
                        + " WHERE a.number = ? AND d.asset_tag = ?", earlier.json().path("number").asText(), second));
        long agreementsBefore = count("SELECT COUNT(*) FROM agreements");
        long family = family(admin, COLLEGE);

        Reply refused = admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(first, second),
                UUID.randomUUID().toString()));
        assertThat(refused.status()).as(refused.text()).isNotEqualTo(201);
        assertThat(count("SELECT COUNT(*) FROM agreements")).isEqualTo(agreementsBefore);
        assertThat(count("SELECT COUNT(*) FROM agreements WHERE family_id = ?", family)).isZero();
        assertThat(count("SELECT COUNT(*) FROM loans l JOIN devices d ON d.id = l.device_id WHERE d.asset_tag = ?",
                first)).isZero();
        assertThat(admin.get("/api/devices/" + first).json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(admin.get("/api/devices/" + first + "/history").json().path("items"))
                .extracting(event -> event.path("event").asText()).containsExactly("CREATED");
    }

    /** Two desks of one school may pick the same key (a counter, a date): each lends its own bundle. */
    @Test
    void anIdempotencyKeyIsTheSendersOwn() {
        Api one = admin.desk(COLLEGE);
        Api two = admin.desk(COLLEGE);
        String key = "guichet-" + UUID.randomUUID();
        Reply first = one.post("/api/agreements", Builders.agreement(family(one, COLLEGE), COLLEGE,
                List.of(device(one, COLLEGE)), key));
        assertThat(first.status()).as(first.text()).isEqualTo(201);

        Reply second = two.post("/api/agreements", Builders.agreement(family(two, COLLEGE), COLLEGE,
                List.of(device(two, COLLEGE)), key));
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(second.json().path("number").asText()).isNotEqualTo(first.json().path("number").asText());
        assertThat(second.json().path("familyId").asLong()).isNotEqualTo(first.json().path("familyId").asLong());
    }

    /** Without {@code uai}, a desk's list holds the agreements of its schools, never another's. */
    @Test
    void aDesksListOfAgreementsHoldsItsSchoolsOnly() {
        Api college = admin.desk(COLLEGE);
        Api ecole = admin.desk(ECOLE);
        for (Api desk : List.of(college, ecole)) {
            String uai = desk == college ? COLLEGE : ECOLE;
            Reply lent = desk.post("/api/agreements", Builders.agreement(family(desk, uai), uai,
                    List.of(device(desk, uai)), UUID.randomUUID().toString()));
            assertThat(lent.status()).as(lent.text()).isEqualTo(201);
        }
        Reply listed = college.get("/api/agreements?limit=500");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        JsonNode items = listed.json().path("items");
        assertThat(items).isNotEmpty();
        assertThat(items).allSatisfy(agreement -> assertThat(agreement.path("uai").asText()).isEqualTo(COLLEGE));
        assertThat(admin.get("/api/agreements?limit=500").json().path("items"))
                .extracting(agreement -> agreement.path("uai").asText()).contains(COLLEGE, ECOLE);
    }
}
