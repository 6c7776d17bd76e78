package fr.ecole.lending.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment may publish its own version of the criteria: one the rules could not apply is refused at start-up. */
class CriteriaTest {
    private static final Criteria V1 = Criteria.builtIn();

    /** Version 1 as a deployment would copy it, changed by {@code change}. */
    private static String v1With(Consumer<ObjectNode> change) {
        ObjectNode document = V1.document().deepCopy();
        change.accept(document);
        return document.toString();
    }

    private static ObjectNode criterion(ObjectNode document, String id) {
        for (var node : document.get("criteria")) {
            if (id.equals(node.get("id").textValue())) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError(id);
    }

    private static void assertRefused(Consumer<ObjectNode> change, String message) {
        assertThatThrownBy(() -> Criteria.parse(v1With(change))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theBuiltInVersionIsVersionOneAsPublished() {
        Criteria criteria = Criteria.builtIn();
        assertThat(criteria.version()).isEqualTo("1");
        assertThat(criteria.document().get("title").textValue()).startsWith("Critères communs de fragilité numérique");
        assertThat(criteria.criteria()).containsKeys(EligibilityDecider.CRITERIA_USED.toArray(String[]::new));
        assertThat(Criteria.parse(V1.document().toString()).version()).isEqualTo("1");
    }

    @Test
    void aDeploymentWithoutAFileOfItsOwnGetsTheBuiltInVersion() {
        assertThat(Criteria.load(null).version()).isEqualTo("1");
        assertThat(Criteria.load(" ").criteria()).hasSameSizeAs(V1.criteria());
    }

    @Test
    void aDeploymentsFileIsReadFromItsPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("criteria-v2.json");
        Files.writeString(file, v1With(document -> document.put("version", "2-rennes")));
        assertThat(Criteria.load(file.toString()).version()).isEqualTo("2-rennes");
        assertThatThrownBy(() -> Criteria.load(dir.resolve("missing.json").toString()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read the criteria file");
    }

    @Test
    void aFileLackingAPartIsRefused() {
        for (String part : new String[] {"version", "criteria", "needs", "eligibility", "expires"}) {
            assertRefused(document -> document.remove(part), "the criteria file needs version, criteria, needs, eligibility and expires");
        }
    }

    @Test
    void aFileLackingACriterionTheRulesReadIsRefused() {
        assertRefused(document -> {
            ArrayNode criteria = (ArrayNode) document.get("criteria");
            for (int i = 0; i < criteria.size(); i++) {
                if ("qpv".equals(criteria.get(i).get("id").textValue())) {
                    criteria.remove(i);
                }
            }
        }, "criteria version 1 lacks criterion qpv");
    }

    @Test
    void aCriterionTheRulesCouldNotApplyIsRefusedByName() {
        assertRefused(document -> criterion(document, "qpv").put("kind", "HOUSEHOLD"),
                "criterion qpv: kind is ANSWER or ESTABLISHMENT");
        assertRefused(document -> criterion(document, "qpv").remove("kind"), "criterion qpv: kind is ANSWER or ESTABLISHMENT");
        assertRefused(document -> criterion(document, "qpv").put("type", "TEXT"),
                "criterion qpv: type is INTEGER, BOOLEAN, ENUM or SCHOLARSHIP");
        assertRefused(document -> criterion(document, "headset").remove("values"), "criterion headset: an ENUM lists its values");
        assertRefused(document -> criterion(document, "headset").putArray("values"), "criterion headset: an ENUM lists its values");
        assertRefused(document -> criterion(document, "scholarship").remove("echelons"),
                "criterion scholarship: a SCHOLARSHIP gives the top echelon of each level");
        assertRefused(document -> criterion(document, "scholarship").putObject("echelons"),
                "criterion scholarship: a SCHOLARSHIP gives the top echelon of each level");
        assertRefused(document -> criterion(document, "qpv").put("level", "THIRD"), "criterion qpv: level is FIRST, SECOND or null");
        assertRefused(document -> criterion(document, "qpv").remove("holdsWhen"),
                "criterion qpv: a criterion with a level says for which values it holds");
        assertRefused(document -> criterion(document, "qpv").putArray("holdsWhen"),
                "criterion qpv: a criterion with a level says for which values it holds");
    }

    @Test
    void whatACriterionWithoutALevelOrTheScholarshipMayLeaveOut() {
        Criteria criteria = Criteria.parse(v1With(document -> {
            criterion(document, "qpv").putNull("level").remove("holdsWhen");
            criterion(document, "scholarship").remove("holdsWhen");
        }));
        assertThat(criteria.criterion("qpv").level()).isNull();
        assertThat(criteria.criterion("qpv").holds(true)).as("no values: it never holds").isFalse();
    }

    @Test
    void aCriterionHoldsForItsListedValuesOnly() {
        Criteria.Criterion referral = V1.criterion("referral");
        assertThat(referral.holds("ASSOCIATION")).isTrue();
        assertThat(referral.holds("NONE")).isFalse();
        assertThat(referral.holds(null)).as("not answered").isFalse();
        Criteria.Criterion qpv = V1.criterion("qpv");
        assertThat(qpv.holds(true)).isTrue();
        assertThat(qpv.holds(false)).isFalse();
        assertThat(qpv.holds("true")).as("the text 'true' is no boolean answer").isFalse();
    }

    @Test
    void levelsAndWhoMayReadAnAnswer() {
        assertThat(V1.criterion("referral").isFirstLevel()).isTrue();
        assertThat(V1.criterion("referral").isSecondLevel()).isFalse();
        assertThat(V1.criterion("qpv").isSecondLevel()).isTrue();
        assertThat(V1.criterion("headset").isSecondLevel()).as("no level").isFalse();
        assertThat(V1.criterion("needsAdaptedEquipment").isRestricted()).isTrue();
        assertThat(V1.criterion("qpv").isRestricted()).isFalse();
    }
}
