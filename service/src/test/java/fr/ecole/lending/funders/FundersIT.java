package fr.ecole.lending.funders;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 23, "Any funder": the State, an académie, a foundation or an association pays for devices as
 * a commune or a département does. Funders are records an administrator adds and everyone reads; a
 * device names one as {@code funder:<id>}, and the funder's rule decides where it may be transferred.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FundersIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final AtomicInteger NAMES = new AtomicInteger();
    /** A collège of Rennes in the fixture directory, besides those of {@link Builders}. */
    static final String OTHER_COLLEGE = "0350734H";
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    static Map<String, Object> funder(String kind, String territory, boolean allowsOutside) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("name", "Financeur " + kind + " " + NAMES.incrementAndGet());
        if (territory != null) {
            body.put("territory", territory);
        }
        body.put("allowsTransfersOutside", allowsOutside);
        return body;
    }

    static long create(String kind, String territory, boolean allowsOutside) {
        Reply created = admin.post("/api/funders", funder(kind, territory, allowsOutside));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static Reply device(Api desk, String uai, String fundedBy) {
        Map<String, Object> body = Builders.laptop();
        body.put("fundedBy", fundedBy);
        return desk.post("/api/establishments/" + uai + "/devices", body);
    }

    @Test
    void anAdministratorRecordsTheStateAndEveryoneListsIt() {
        Map<String, Object> body = funder("STATE", null, true);
        Reply created = admin.post("/api/funders", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode state = created.json();
        assertThat(state.path("kind").asText()).isEqualTo("STATE");
        assertThat(state.path("name").asText()).isEqualTo(body.get("name"));
        assertThat(state.path("territory").isNull()).isTrue();
        assertThat(state.path("allowsTransfersOutside").asBoolean()).isTrue();
        assertThat(created.header("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/funders/" + state.path("id").asLong()));

        Api desk = admin.desk(COLLEGE);
        assertThat(desk.get("/api/funders/" + state.path("id").asLong()).json()).isEqualTo(state);
        JsonNode page = desk.get("/api/funders?limit=500").json();
        assertThat(page.path("items")).contains(state);
        assertThat(page.has("nextCursor")).isTrue();
        assertThat(admin.get("/api/audit?entity=FUNDER&id=" + state.path("id").asLong()).json().path("items"))
                .extracting(entry -> entry.path("action").asText()).containsExactly("CREATE");
    }

    @Test
    void onlyAnAdministratorRecordsAFunder() {
        Reply refused = admin.desk(COLLEGE).post("/api/funders", funder("FOUNDATION", null, false));
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void badFundersAreRefusedNamingTheField() {
        Map<String, Object> unknownKind = funder("MECENE", null, false);
        assertRefused(admin.post("/api/funders", unknownKind), 422, "kind");
        Map<String, Object> noName = funder("FOUNDATION", null, false);
        noName.remove("name");
        assertRefused(admin.post("/api/funders", noName), 422, "name");
        Map<String, Object> longName = funder("FOUNDATION", null, false);
        longName.put("name", "F".repeat(201));
        assertRefused(admin.post("/api/funders", longName), 422, "name");
        Reply badTerritory = admin.post("/api/funders", funder("FOUNDATION", "departement:35", false));
        assertRefused(badTerritory, 422, "territory");
        assertThat(badTerritory.error()).isEqualTo("invalid_territory");
        assertRefused(admin.post("/api/funders", funder("COMMUNE", null, false)), 422, "territory");
        assertRefused(admin.post("/api/funders", funder("COMMUNE", "departement:035", false)), 422, "territory");
        Map<String, Object> noRule = funder("ASSOCIATION", null, false);
        noRule.remove("allowsTransfersOutside");
        assertRefused(admin.post("/api/funders", noRule), 422, "allowsTransfersOutside");

        Map<String, Object> twice = funder("FOUNDATION", "region:53", false);
        assertThat(admin.post("/api/funders", twice).status()).isEqualTo(201);
        Reply duplicate = admin.post("/api/funders", twice);
        assertRefused(duplicate, 409, "name");
        assertThat(duplicate.error()).isEqualTo("duplicate_funder");
        assertRefused(admin.get("/api/funders/999999"), 404, "id");
    }

    static void assertRefused(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.field()).isEqualTo(field);
        assertThat(reply.json().path("message").asText()).isNotBlank();
    }

    @Test
    void aDeviceNamesItsFunderAndAnUnknownOneIsRefused() {
        long state = create("STATE", null, true);
        Api desk = admin.desk(COLLEGE);
        Reply created = device(desk, COLLEGE, "funder:" + state);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("fundedBy").asText()).isEqualTo("funder:" + state);

        Reply unknown = device(desk, COLLEGE, "funder:999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown_funder");
        assertThat(unknown.field()).isEqualTo("fundedBy");
        Reply malformed = device(desk, COLLEGE, "funder:abc");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.field()).isEqualTo("fundedBy");

        String csv = "kind;serial;model;fundedBy\nLAPTOP;FUND-" + state + "-A;Modèle;funder:" + state
                + "\nLAPTOP;FUND-" + state + "-B;Modèle;funder:999999\n";
        Reply imported = desk.postRaw("/api/establishments/" + COLLEGE + "/imports/devices", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().path("created")).hasSize(1);
        assertThat(imported.json().path("rejected")).hasSize(1);
        assertThat(imported.json().path("rejected").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(imported.json().path("rejected").get(0).path("error").asText()).isEqualTo("unknown_funder");
    }

    @Test
    void aNationalFundersDeviceMovesToAnySchool() {
        long state = create("STATE", null, false);
        Api desk = admin.desk(COLLEGE);
        String tag = device(desk, COLLEGE, "funder:" + state).json().path("assetTag").asText();
        Reply moved = desk.post("/api/devices/" + tag + "/transfer", Map.of("uai", LYCEE));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().path("uai").asText()).isEqualTo(LYCEE);
    }

    @Test
    void aFoundationKeepsItsDevicesInItsTerritoryUnlessItAllowsOtherwise() {
        // the commune of Saint-Malo holds none of Rennes' schools
        Reply created = admin.post("/api/funders", funder("FOUNDATION", "commune:35288", false));
        long closed = created.json().path("id").asLong();
        String name = created.json().path("name").asText();
        long open = create("ASSOCIATION", "commune:35288", true);
        Api desk = admin.desk(COLLEGE);
        String kept = device(desk, COLLEGE, "funder:" + closed).json().path("assetTag").asText();
        Reply refused = desk.post("/api/devices/" + kept + "/transfer", Map.of("uai", ECOLE));
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("other_funder");
        assertThat(refused.field()).isEqualTo("uai");
        assertThat(refused.json().path("message").asText()).contains(name, ECOLE);
        assertThat(admin.get("/api/devices/" + kept).json().path("uai").asText()).isEqualTo(COLLEGE);

        String free = device(desk, COLLEGE, "funder:" + open).json().path("assetTag").asText();
        assertThat(desk.post("/api/devices/" + free + "/transfer", Map.of("uai", ECOLE)).status()).isEqualTo(200);
    }

    @Test
    void aDepartementsRecordMovesItsDevicesAsItsTerritoryDoes() {
        long departement = create("DEPARTEMENT", "departement:035", false);
        Api desk = admin.desk(COLLEGE);
        String tag = device(desk, COLLEGE, "funder:" + departement).json().path("assetTag").asText();
        assertThat(desk.post("/api/devices/" + tag + "/transfer", Map.of("uai", LYCEE)).error()).isEqualTo("other_funder");
        assertThat(desk.post("/api/devices/" + tag + "/transfer", Map.of("uai", OTHER_COLLEGE)).status()).isEqualTo(200);
    }
}
