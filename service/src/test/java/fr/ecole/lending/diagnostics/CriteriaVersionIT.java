package fr.ecole.lending.diagnostics;

import static fr.ecole.lending.support.Builders.LYCEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A version 2 of the criteria, published without a release: new decisions follow it, old ones stay. */
class CriteriaVersionIT {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Version 2 makes living in a priority neighbourhood (QPV) a first-level criterion. */
    static Path version2(Path folder) throws Exception {
        ObjectNode criteria = (ObjectNode) JSON.readTree(Api.resource(Criteria.BUILT_IN));
        criteria.put("version", "2");
        for (JsonNode criterion : criteria.path("criteria")) {
            if ("qpv".equals(criterion.path("id").asText())) {
                ((ObjectNode) criterion).put("level", "FIRST");
            }
        }
        Path file = folder.resolve("criteria-v2.json");
        Files.writeString(file, JSON.writeValueAsString(criteria));
        return file;
    }

    static void run(Path folder, Consumer<Api> work, String... settings) throws Exception {
        DropwizardTestSupport<LendingConfiguration> app = new DropwizardTestSupport<>(LendingApplication.class,
                TestApp.CONFIG, TestApp.overrides(folder, settings));
        app.before();
        try {
            work.accept(new Api(new DropwizardAppExtension<>(app)));
        } finally {
            app.after();
        }
    }

    @Test
    void version2ChangesNewDecisionsAndNotOldOnes() throws Exception {
        Path folder = TestApp.newFolder();
        ObjectNode answers = Builders.answers().put("familyQuotientBelowThreshold", false).put("qpv", true);
        long[] family = new long[1];
        long[] first = new long[1];
        run(folder, api -> {
            api.importDirectory();
            family[0] = api.post("/api/families", Builders.family("Famille Versions", LYCEE)).json().path("id").asLong();
            JsonNode v1 = api.post("/api/families/" + family[0] + "/diagnostics", Map.of("answers", answers)).json();
            // the lycée is not in priority education: QPV alone is one second-level criterion, not enough
            assertThat(v1.path("criteriaVersion").asText()).isEqualTo("1");
            assertThat(v1.path("eligible").asBoolean()).isFalse();
            first[0] = v1.path("id").asLong();
        });
        ObjectNode onlyQpv = answers.deepCopy();
        Path v2 = version2(folder);
        run(folder, api -> {
            assertThat(api.get("/api/criteria").json().path("version").asText()).isEqualTo("2");
            JsonNode old = api.get("/api/families/" + family[0] + "/diagnostics/" + first[0]).json();
            assertThat(old.path("criteriaVersion").asText()).as("the old decision keeps its version").isEqualTo("1");
            assertThat(old.path("eligible").asBoolean()).as("and its outcome").isFalse();
            JsonNode again = api.post("/api/families/" + family[0] + "/diagnostics", Map.of("answers", onlyQpv)).json();
            assertThat(again.path("criteriaVersion").asText()).isEqualTo("2");
            assertThat(again.path("eligible").asBoolean()).as("QPV is first-level in version 2").isTrue();
            assertThat(reason(again, "qpv")).contains("premier niveau");
            assertThat(reason(old, "qpv")).contains("second niveau");
            assertThat(old.path("priority").asDouble()).isEqualTo(again.path("priority").asDouble());
        }, "criteriaFile", v2.toString());
    }

    static String reason(JsonNode diagnostic, String criterion) {
        for (JsonNode reason : diagnostic.path("reasons")) {
            if (reason.path("criterion").asText().equals(criterion)) {
                return reason.path("effect").asText();
            }
        }
        return "";
    }
}
