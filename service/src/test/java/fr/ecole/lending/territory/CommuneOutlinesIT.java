package fr.ecole.lending.territory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.app.SqlObjects;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class CommuneOutlinesIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String PATH = "/api/imports/communes-geo";
    static Api admin;
    static Reply firstImport;

    @BeforeAll
    static void importTheDepartementsOutlines() {
        admin = new Api(APP);
        firstImport = importFixture();
    }

    private static Reply importFixture() {
        return admin.postRaw(PATH, "application/geo+json", Api.resource("/fixtures/territory/communes-035.geojson"));
    }

    private static Reply importText(String contentType, String body) {
        return admin.postRaw(PATH, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Jdbi database() {
        return Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl())
                .installPlugin(new SqlObjectPlugin()).installPlugin(new SqlObjects());
    }

    private static OutlineService.TerritoryMap map(String territory) {
        return database().withHandle(handle -> OutlineService.map(handle, Territory.parse(territory)));
    }

    private static String pathOf(String insee) {
        return database().withHandle(handle -> handle.createQuery("SELECT svg_path FROM commune_outlines WHERE insee = :insee")
                .bind("insee", insee).mapTo(String.class).findOne().orElse(null));
    }

    private static int outlineCount() {
        return database().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM commune_outlines")
                .mapTo(Integer.class).one());
    }

    @Test
    void theDepartementsFileImportsWholeAndAgainUpdates() {
        assertThat(firstImport.status()).as(firstImport.text()).isEqualTo(200);
        assertThat(firstImport.json().path("created").asInt()).isEqualTo(345);
        assertThat(firstImport.json().path("rejected")).isEmpty();

        Reply again = importFixture();
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("created").asInt()).isZero();
        assertThat(again.json().path("updated").asInt()).isEqualTo(345);

        JsonNode audit = admin.get("/api/audit?entity=OUTLINE").json();
        assertThat(audit.toString()).contains("communes-geo").contains("\"created\":345");
    }

    @Test
    void brokenFeaturesAreSetAsideByPositionAndTheOthersImported() {
        String square = "[[[-4.49, 48.39], [-4.48, 48.39], [-4.48, 48.40], [-4.49, 48.40], [-4.49, 48.39]]]";
        Reply reply = importText("application/json", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"code": "29019", "nom": "Brest"},
                   "geometry": {"type": "Polygon", "coordinates": %1$s}},
                  {"type": "Feature", "properties": {"code": "3523", "nom": "Code trop court"},
                   "geometry": {"type": "Polygon", "coordinates": %1$s}},
                  {"type": "Feature", "properties": {"code": "29020", "nom": "Un point"},
                   "geometry": {"type": "Point", "coordinates": [-4.49, 48.39]}},
                  {"type": "Feature", "properties": {"code": "29021", "nom": "Deux points"},
                   "geometry": {"type": "Polygon", "coordinates": [[[-4.49, 48.39], [-4.48, 48.39]]]}},
                  {"type": "Feature", "properties": {"code": "29022", "nom": "Latitude 200"},
                   "geometry": {"type": "Polygon", "coordinates": [[[-4.49, 200], [-4.48, 48.39], [-4.48, 48.4], [-4.49, 200]]]}},
                  {"type": "Feature", "properties": {"code": "29023", "nom": "Sans géométrie"}, "geometry": null},
                  {"type": "Feature", "properties": {"code": "29024", "nom": "Quimper-bis"},
                   "geometry": {"type": "MultiPolygon", "coordinates": [%1$s, %1$s]}}
                ]}""".formatted(square));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().path("created").asInt()).isEqualTo(2);
        JsonNode rejected = reply.json().path("rejected");
        assertThat(rejected).extracting(node -> node.path("feature").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(rejected).extracting(node -> node.path("error").asText()).containsExactly("invalid_commune",
                "not_a_polygon", "ring_too_short", "coordinates_out_of_range", "missing_geometry");
        assertThat(rejected.get(1).path("message").asText()).contains("Point").contains("Polygon");
        assertThat(rejected.get(2).path("message").asText()).contains("2 point(s)");
        assertThat(rejected.get(3).path("message").asText()).contains("latitude");
        assertThat(pathOf("29019")).startsWith("M").endsWith("z");
        assertThat(pathOf("29020")).isNull();
        assertThat(pathOf("29024")).matches("M[^M]+zM[^M]+z");
    }

    @Test
    void aBodyThatIsNotACollectionOfCommunesIsRefusedWholeAndChangesNothing() {
        String rennes = pathOf("35238");
        int before = outlineCount();
        for (String body : List.of("not json at all", "{\"type\": \"FeatureCollection\", \"features\": [",
                "{\"type\": \"Feature\", \"properties\": {\"code\": \"35238\", \"nom\": \"Rennes\"}, \"geometry\": null}",
                "[]", "", "{\"features\": []}")) {
            Reply reply = importText("application/geo+json", body);
            assertThat(reply.status()).as(body + " → " + reply.text()).isEqualTo(422);
            assertThat(reply.error()).isIn("invalid_geojson", "not_a_feature_collection");
            assertThat(reply.json().path("message").asText()).contains("GeoJSON");
        }
        Reply feature = importText("application/json", "{\"type\": \"Feature\", \"features\": []}");
        assertThat(feature.error()).isEqualTo("not_a_feature_collection");
        assertThat(feature.json().path("message").asText()).contains("FeatureCollection").contains("code").contains("nom");
        assertThat(outlineCount()).isEqualTo(before);
        assertThat(pathOf("35238")).isEqualTo(rennes);
    }

    @Test
    void onlyAnAdministratorImportsOutlines() {
        Reply desk = admin.desk("0350963G").postRaw(PATH, "application/geo+json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(desk.status()).isEqualTo(403);
        for (String role : List.of("SOCIAL_WORKER", "COLLECTIVITY")) {
            Reply user = admin.post("/api/users", Map.of("name", "contours." + role.toLowerCase(), "role", role,
                    "territory", "departement:035"));
            assertThat(user.status()).as(user.text()).isEqualTo(201);
            Reply refused = admin.as(user.json().path("token").asText()).postRaw(PATH, "application/geo+json",
                    "{\"type\": \"FeatureCollection\", \"features\": []}".getBytes(StandardCharsets.UTF_8));
            assertThat(refused.status()).as(role).isEqualTo(403);
        }
    }

    @Test
    void theDepartementsMapHasItsCommunesPathsAndNamesTheOneWithoutAnOutline() {
        // a school in a commune the outlines do not cover (made up), so that the directory knows it
        Reply school = admin.postRaw("/api/imports/establishments", "text/csv", ("Identifiant_de_l_etablissement;"
                + "Nom_etablissement;Type_etablissement;Code_commune;Nom_commune;Code_departement;Code_region;"
                + "Appartenance_Education_Prioritaire\n0010003Y;École sans contour;Ecole;35999;Commune sans contour;035;53;\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(school.json().path("created").asInt()).as(school.text()).isEqualTo(1);

        OutlineService.TerritoryMap departement = map("departement:035");
        assertThat(departement.shapes()).hasSize(345);
        assertThat(departement.shapes()).allMatch(shape -> shape.path().startsWith("M") && shape.path().endsWith("z"));
        assertThat(departement.viewBox()).matches("\\d+ -\\d+ \\d+ \\d+");
        assertThat(departement.withoutOutline()).extracting(CommuneOutlineDao.Commune::insee).containsExactly("35999");
        assertThat(departement.withoutOutline().get(0).name()).isEqualTo("Commune sans contour");
        long size = departement.shapes().stream().mapToLong(shape -> shape.path().length()).sum();
        System.out.printf("communes-035: %d paths, %,d characters of SVG path in all, viewBox %s%n",
                departement.shapes().size(), size, departement.viewBox());
        assertThat(size).as("the département's paths").isLessThan(400_000);

        OutlineService.TerritoryMap rennes = map("commune:35238");
        assertThat(rennes.shapes()).extracting(OutlineService.Shape::name).containsExactly("Rennes");
        assertThat(rennes.withoutOutline()).isEmpty();
        String[] box = rennes.viewBox().split(" ");
        // Rennes is about 11 km across: 1,100 units of 10 m, give or take
        assertThat(Integer.parseInt(box[2])).isBetween(800, 1500);

        assertThat(map("region:53").shapes()).hasSizeGreaterThanOrEqualTo(345);
        assertThat(map("departement:022").shapes()).isEmpty();
        assertThat(map("departement:022").viewBox()).isEmpty();
    }
}
