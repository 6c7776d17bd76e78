package fr.ecole.lending.diagnostics;

import static fr.ecole.lending.diagnostics.Decision.Need.ALTERNATIVE_ACCESS;
import static fr.ecole.lending.diagnostics.Decision.Need.DONGLE_4G;
import static fr.ecole.lending.diagnostics.Decision.Need.HEADSET;
import static fr.ecole.lending.diagnostics.Decision.Need.LAPTOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.establishments.PriorityEducation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule of the common criteria, version 1 (docs/criteria.md), and its boundary. */
class EligibilityDeciderTest {
    private static final Criteria V1 = Criteria.builtIn();

    /** A household that needs nothing and meets no criterion; each test changes what it is about. */
    private static Map<String, Object> wellEquipped() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("devicesForSchoolwork", 1);
        answers.put("hasSmartphone", true);
        answers.put("pupilsInHousehold", 1);
        answers.put("adultsTeleworking", 0);
        answers.put("headset", "OK");
        answers.put("homeInternet", "FIXED_BOX");
        answers.put("fixedSpeed", "30_TO_100");
        answers.put("mobile4g", "GOOD");
        answers.put("parentAutonomy", "AUTONOMOUS");
        answers.put("needsOtherLanguage", false);
        answers.put("familyQuotientBelowThreshold", false);
        answers.put("referral", "NONE");
        answers.put("needsAdaptedEquipment", false);
        answers.put("qpv", false);
        return answers;
    }

    private static Decision decide(Map<String, Object> answers) {
        return decide(answers, PriorityEducation.NONE, null);
    }

    private static Decision decide(Map<String, Object> answers, PriorityEducation school, String communeCoverage) {
        return EligibilityDecider.decide(V1, Answers.of(answers), school, communeCoverage);
    }

    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> answers = wellEquipped();
        for (int i = 0; i < pairs.length; i += 2) {
            answers.put((String) pairs[i], pairs[i + 1]);
        }
        return answers;
    }

    @Test
    void aWellEquippedHouseholdNeedsNothing() {
        Decision decision = decide(wellEquipped());
        assertThat(decision.needs()).isEmpty();
        assertThat(decision.eligible()).isFalse();
        assertThat(decision.whiteZone()).isFalse();
        assertThat(decision.priority()).isZero();
        assertThat(decision.reasons()).extracting(Decision.Reason::criterion).containsExactly("eligibility");
    }

    @Test
    void noDeviceNeedsALaptopAndItsHeadset() {
        Decision decision = decide(with("devicesForSchoolwork", 0, "hasSmartphone", false));
        assertThat(decision.needs()).containsExactly(LAPTOP, HEADSET);
        assertThat(decision.reasons()).extracting(Decision.Reason::criterion).contains("noDevice", "headset");
    }

    @Test
    void aSmartphoneAloneIsNoDevice() {
        Decision decision = decide(with("devicesForSchoolwork", 0, "hasSmartphone", true));
        assertThat(decision.needs()).containsExactly(LAPTOP, HEADSET);
        assertThat(decision.reasons()).extracting(Decision.Reason::criterion).contains("smartphoneOnly");
    }

    @Test
    void aDeviceIsSharedAboveTwoPeoplePerDeviceNotAtExactlyTwo() {
        assertThat(decide(with("devicesForSchoolwork", 2, "pupilsInHousehold", 3, "adultsTeleworking", 1))
                .needs()).as("4 people for 2 devices: exactly 2").doesNotContain(LAPTOP);
        Decision shared = decide(with("devicesForSchoolwork", 2, "pupilsInHousehold", 4, "adultsTeleworking", 1));
        assertThat(shared.needs()).as("5 people for 2 devices: 2.5").contains(LAPTOP, HEADSET);
        assertThat(shared.reasons()).extracting(Decision.Reason::criterion).contains("sharedDevice");
    }

    @Test
    void withNoDeviceSharedDeviceIsFalseAndNoDeviceMakesTheNeed() {
        Decision decision = decide(with("devicesForSchoolwork", 0, "hasSmartphone", false, "pupilsInHousehold", 5));
        assertThat(decision.reasons()).extracting(Decision.Reason::criterion)
                .contains("noDevice").doesNotContain("sharedDevice");
    }

    @Test
    void theHouseholdFactsTheFragilityReportCountsAreThoseOfTheRules() {
        assertThat(decide(wellEquipped()).household())
                .isEqualTo(new Decision.Household(false, false, false, false, false));
        assertThat(decide(with("devicesForSchoolwork", 0, "hasSmartphone", true)).household().smartphoneOnly()).isTrue();
        assertThat(decide(with("devicesForSchoolwork", 0, "hasSmartphone", false)).household().smartphoneOnly())
                .as("no smartphone either").isFalse();
        assertThat(decide(with("devicesForSchoolwork", 1, "hasSmartphone", true)).household().smartphoneOnly())
                .as("a device besides").isFalse();
        assertThat(decide(with("devicesForSchoolwork", 2, "pupilsInHousehold", 4, "adultsTeleworking", 1))
                .household().sharedDevice()).as("5 people for 2 devices").isTrue();
        assertThat(decide(with("devicesForSchoolwork", 2, "pupilsInHousehold", 3, "adultsTeleworking", 1))
                .household().sharedDevice()).as("exactly 2 a device").isFalse();
        assertThat(decide(with("devicesForSchoolwork", 0, "pupilsInHousehold", 5)).household().sharedDevice())
                .as("no device to share").isFalse();
        assertThat(decide(with("parentAutonomy", "NONE")).household().parentsWithoutAutonomy()).isTrue();
        assertThat(decide(with("parentAutonomy", "PARTIAL")).household().parentsWithoutAutonomy())
                .as("partly autonomous: the criterion does not hold").isFalse();
        assertThat(decide(with("needsOtherLanguage", true, "needsAdaptedEquipment", true)).household())
                .isEqualTo(new Decision.Household(false, false, false, true, true));
    }

    @Test
    void aConnectionIsNeededWithoutInternetOnACappedPlanOrOnASlowBox() {
        for (Map<String, Object> answers : new Map[] {with("homeInternet", "NONE", "fixedSpeed", "NONE"),
                with("homeInternet", "MOBILE_CAPPED", "fixedSpeed", "UNKNOWN"),
                with("homeInternet", "FIXED_BOX", "fixedSpeed", "LT3")}) {
            assertThat(decide(answers).needs()).as(answers.toString()).containsExactly(DONGLE_4G);
        }
        assertThat(decide(with("homeInternet", "MOBILE_UNLIMITED")).needs()).isEmpty();
        assertThat(decide(with("homeInternet", "FIXED_BOX", "fixedSpeed", "3_TO_8")).needs())
                .as("3 Mbit/s and more is enough").isEmpty();
    }

    @Test
    void whereCoverageIsWeakADongleWouldNotWorkAndTheHouseholdNeedsAnotherAccess() {
        Decision decision = decide(with("homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "LIMITED"));
        assertThat(decision.needs()).containsExactly(ALTERNATIVE_ACCESS);
        assertThat(decision.whiteZone()).isTrue();
        assertThat(decision.eligible()).as("alternative access alone makes no household eligible").isFalse();
    }

    @Test
    void aWhiteZoneIsAPropertyOfThePlaceWhateverTheSubscription() {
        Decision withBox = decide(with("homeInternet", "FIXED_BOX", "fixedSpeed", "LT3", "mobile4g", "NONE"));
        assertThat(withBox.whiteZone()).isTrue();
        assertThat(withBox.needs()).containsExactly(ALTERNATIVE_ACCESS);
        Decision unlimitedMobile = decide(with("homeInternet", "MOBILE_UNLIMITED", "fixedSpeed", "NONE", "mobile4g", "LIMITED"));
        assertThat(unlimitedMobile.whiteZone()).as("no fixed box, weak 4G: still a white zone").isTrue();
        assertThat(unlimitedMobile.needs()).isEmpty();
        assertThat(decide(with("fixedSpeed", "LT3", "mobile4g", "GOOD")).whiteZone()).isFalse();
        assertThat(decide(with("fixedSpeed", "3_TO_8", "mobile4g", "NONE")).whiteZone()).isFalse();
    }

    @Test
    void anUnknownCoverageFallsBackToTheCommunesReferenceOrStaysUnknownWithItsReason() {
        Map<String, Object> answers = with("homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "UNKNOWN");
        Decision unknown = decide(answers, PriorityEducation.NONE, null);
        assertThat(unknown.needs()).containsExactly(DONGLE_4G);
        assertThat(unknown.reasons()).extracting(Decision.Reason::criterion).contains("coverage_unknown");
        assertThat(unknown.whiteZone()).isFalse();

        Decision weakCommune = decide(answers, PriorityEducation.NONE, "LIMITED");
        assertThat(weakCommune.needs()).containsExactly(ALTERNATIVE_ACCESS);
        assertThat(weakCommune.whiteZone()).isTrue();
        assertThat(weakCommune.reasons()).extracting(Decision.Reason::criterion).doesNotContain("coverage_unknown");

        Decision goodCommune = decide(answers, PriorityEducation.NONE, "VERY_GOOD");
        assertThat(goodCommune.needs()).containsExactly(DONGLE_4G);
        assertThat(goodCommune.reasons()).extracting(Decision.Reason::criterion).doesNotContain("coverage_unknown");

        assertThat(decide(with("homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "NONE"), PriorityEducation.NONE,
                "VERY_GOOD").needs()).as("a household's own answer wins over the commune's").containsExactly(ALTERNATIVE_ACCESS);
    }

    @Test
    void aHeadsetIsNeededWithALaptopOrWhenThereIsNoneButNotWhenShared() {
        assertThat(decide(with("headset", "NONE")).needs()).containsExactly(HEADSET);
        assertThat(decide(with("headset", "SHARED")).needs()).isEmpty();
    }

    @Test
    void oneFirstLevelCriterionWithADeviceNeedMakesAHouseholdEligible() {
        Map<String, Object> needy = with("headset", "NONE");
        assertThat(decide(needy).eligible()).isFalse();
        assertThat(decide(with("headset", "NONE", "familyQuotientBelowThreshold", true)).eligible()).isTrue();
        assertThat(decide(with("headset", "NONE", "referral", "ASSOCIATION")).eligible()).isTrue();
        assertThat(decide(with("headset", "NONE", "scholarship", new Answers.Scholarship("COLLEGE", 1))).eligible()).isTrue();
        assertThat(decide(with("familyQuotientBelowThreshold", true)).eligible())
                .as("no device need, no eligibility").isFalse();
    }

    @Test
    void twoSecondLevelCriteriaAreNeededAndREPOrREPPlusCountsOnce() {
        assertThat(decide(with("headset", "NONE", "qpv", true)).eligible()).isFalse();
        assertThat(decide(with("headset", "NONE", "qpv", true, "needsOtherLanguage", true)).eligible()).isTrue();
        assertThat(decide(with("headset", "NONE", "parentAutonomy", "NONE"), PriorityEducation.REP_PLUS, null).eligible())
                .isTrue();
        assertThat(decide(with("headset", "NONE"), PriorityEducation.REP_PLUS, null).eligible())
                .as("REP+ alone is one second-level criterion").isFalse();
        assertThat(decide(with("headset", "NONE", "parentAutonomy", "PARTIAL", "qpv", true)).eligible())
                .as("PARTIAL autonomy is not a criterion").isFalse();
        assertThat(decide(with("headset", "NONE", "needsAdaptedEquipment", true, "qpv", true)).eligible()).isTrue();
    }

    @Test
    void priorityFollowsTheFormulaOfCriteriaMd() {
        // 2 device needs (laptop, headset) x3 = 6; scholarship 2 x 2/3 = 1.333; quotient 2; referral 2;
        // REP+ 2; qpv 1; 3 pupils without a device: 2; one adult teleworking: 1  -> 17.33
        Map<String, Object> answers = with("devicesForSchoolwork", 0, "hasSmartphone", false, "pupilsInHousehold", 3,
                "adultsTeleworking", 1, "scholarship", new Answers.Scholarship("COLLEGE", 2),
                "familyQuotientBelowThreshold", true, "referral", "CCAS_OR_DEPARTMENT", "qpv", true);
        assertThat(decide(answers, PriorityEducation.REP_PLUS, null).priority()).isCloseTo(17.33, within(0.001));
        assertThat(decide(answers, PriorityEducation.REP, null).priority()).isCloseTo(16.33, within(0.001));
    }

    @Test
    void scholarshipIntensityDividesByTheTopOfItsLevel() {
        Map<String, Object> lycee = with("headset", "NONE", "scholarship", new Answers.Scholarship("LYCEE", 3));
        assertThat(decide(lycee).priority()).isCloseTo(3 + 2 * 3.0 / 6, within(0.001));
        Map<String, Object> college = with("headset", "NONE", "scholarship", new Answers.Scholarship("COLLEGE", 3));
        assertThat(decide(college).priority()).isCloseTo(3 + 2.0, within(0.001));
    }

    @Test
    void pupilsBeyondTheFirstCountOnlyWithoutDevice() {
        assertThat(decide(with("devicesForSchoolwork", 1, "pupilsInHousehold", 2, "headset", "NONE")).priority())
                .isCloseTo(3, within(0.001));
        assertThat(decide(with("devicesForSchoolwork", 0, "hasSmartphone", false, "pupilsInHousehold", 2)).priority())
                .isCloseTo(6 + 1, within(0.001));
    }

    @Test
    void thePriorityIsComputedForEveryHouseholdEligibleOrNot() {
        Decision decision = decide(with("qpv", true, "adultsTeleworking", 1));
        assertThat(decision.eligible()).isFalse();
        assertThat(decision.priority()).isCloseTo(2, within(0.001));
    }

    @Test
    void everyDecisionListsTheCriteriaThatProducedIt() {
        Decision decision = decide(with("devicesForSchoolwork", 0, "hasSmartphone", false, "referral",
                "SCHOOL_SOCIAL_WORKER", "homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "VERY_GOOD"),
                PriorityEducation.REP, null);
        assertThat(decision.needs()).containsExactly(LAPTOP, DONGLE_4G, HEADSET);
        assertThat(decision.reasons()).extracting(Decision.Reason::criterion)
                .containsExactly("noDevice", "connectionNeeded", "headset", "referral", "priorityEducation", "eligibility");
        assertThat(decision.reasons()).allSatisfy(reason -> assertThat(reason.effect()).endsWith(".").hasSizeGreaterThan(20));
        assertThat(decision.reasons().get(decision.reasons().size() - 1).effect()).startsWith("Éligible");
    }

    /** The sentence a family and its social worker read for {@code criterion}. */
    private static String reason(Decision decision, String criterion) {
        return decision.reasons().stream().filter(reason -> reason.criterion().equals(criterion))
                .map(Decision.Reason::effect).findFirst().orElseThrow(() -> new AssertionError("no reason " + criterion
                        + " in " + decision.reasons()));
    }

    @Test
    void aSharedDeviceSaysHowManyShareHowManyDevices() {
        assertThat(reason(decide(with("devicesForSchoolwork", 2, "pupilsInHousehold", 4, "adultsTeleworking", 1)),
                "sharedDevice")).isEqualTo("5 personnes se partagent 2 appareils (plus de 2 par appareil) : besoin d'un "
                        + "ordinateur portable.");
        assertThat(reason(decide(with("devicesForSchoolwork", 1, "pupilsInHousehold", 2, "adultsTeleworking", 1)),
                "sharedDevice")).startsWith("3 personnes se partagent 1 appareil (plus de 2 par appareil)");
    }

    @Test
    void theConnectionReasonNamesWhatTheHouseholdHasAndWhoseCoverageDecided() {
        assertThat(reason(decide(with("homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "GOOD")), "connectionNeeded"))
                .isEqualTo("Pas d'internet au domicile et la couverture 4G (bonne) suffit : besoin d'une clé 4G.");
        assertThat(reason(decide(with("homeInternet", "MOBILE_CAPPED", "fixedSpeed", "UNKNOWN", "mobile4g", "VERY_GOOD")),
                "connectionNeeded")).isEqualTo("Seulement un forfait mobile limité au domicile et la couverture 4G (très "
                        + "bonne) suffit : besoin d'une clé 4G.");
        assertThat(reason(decide(with("homeInternet", "FIXED_BOX", "fixedSpeed", "LT3", "mobile4g", "UNKNOWN"),
                PriorityEducation.NONE, "GOOD"), "connectionNeeded")).isEqualTo("Une box dont le débit est inférieur à "
                        + "3 Mbit/s et la couverture 4G de référence de la commune (bonne) suffit : besoin d'une clé 4G.");
        Decision weak = decide(with("homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "NONE"));
        assertThat(reason(weak, "connectionNeeded")).isEqualTo("Pas d'internet au domicile et la couverture 4G (nulle) "
                + "est trop faible pour une clé 4G : il faut un point d'accès public ou du travail imprimé.");
        assertThat(reason(weak, "whiteZone")).isEqualTo("Zone blanche : débit fixe inférieur à 3 Mbit/s et la couverture "
                + "4G (nulle) faible.");
        assertThat(reason(decide(with("homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "UNKNOWN"),
                PriorityEducation.NONE, "LIMITED"), "whiteZone")).isEqualTo("Zone blanche : débit fixe inférieur à "
                        + "3 Mbit/s et la couverture 4G de référence de la commune (limitée) faible.");
    }

    @Test
    void needsAreListedInTheOrderTheDeskReadsThemDevicesFirst() {
        Decision decision = decide(with("headset", "NONE", "homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "LIMITED"));
        assertThat(decision.needs()).containsExactly(HEADSET, ALTERNATIVE_ACCESS);
    }

    @Test
    void anotherAccessIsNoDeviceNeedForEligibilityNorForPriority() {
        Decision decision = decide(with("homeInternet", "NONE", "fixedSpeed", "NONE", "mobile4g", "LIMITED",
                "familyQuotientBelowThreshold", true));
        assertThat(decision.needs()).containsExactly(ALTERNATIVE_ACCESS);
        assertThat(decision.eligible()).as("a first-level criterion, but no device to lend").isFalse();
        assertThat(decision.priority()).as("the quotient's 2, no device need's 3").isCloseTo(2, within(0.001));
        assertThat(reason(decision, "eligibility"))
                .isEqualTo("Non éligible au prêt : aucun besoin d'ordinateur, de clé 4G ni de casque.");
    }

    @Test
    void theEligibilityReasonSaysWhichRuleWasMetOrMissed() {
        assertThat(reason(decide(with("headset", "NONE", "familyQuotientBelowThreshold", true)), "eligibility"))
                .isEqualTo("Éligible au prêt : un besoin d'équipement et un critère de premier niveau.");
        assertThat(reason(decide(with("headset", "NONE", "qpv", true, "needsOtherLanguage", true)), "eligibility"))
                .isEqualTo("Éligible au prêt : un besoin d'équipement et au moins 2 critères de second niveau.");
        assertThat(reason(decide(with("headset", "NONE", "qpv", true)), "eligibility"))
                .isEqualTo("Non éligible au prêt : ni critère de premier niveau, ni 2 critères de second niveau.");
    }

    @Test
    void eachCriterionMetIsExplainedInPlainWordsWithItsLevel() {
        Decision first = decide(with("headset", "NONE", "scholarship", new Answers.Scholarship("LYCEE", 4),
                "familyQuotientBelowThreshold", true, "referral", "SCHOOL_SOCIAL_WORKER"));
        assertThat(reason(first, "scholarship")).isEqualTo("Boursier (lycee, échelon 4 sur 6) : critère de premier niveau.");
        assertThat(reason(first, "familyQuotientBelowThreshold"))
                .isEqualTo("Quotient familial sous le seuil de la collectivité : critère de premier niveau.");
        assertThat(reason(first, "referral")).isEqualTo("Orientée par l'assistante sociale scolaire : critère de premier niveau.");
        assertThat(reason(decide(with("referral", "CCAS_OR_DEPARTMENT")), "referral"))
                .isEqualTo("Orientée par le CCAS ou le département : critère de premier niveau.");
        assertThat(reason(decide(with("referral", "ASSOCIATION")), "referral"))
                .isEqualTo("Orientée par une association : critère de premier niveau.");

        Decision second = decide(with("qpv", true, "needsOtherLanguage", true, "needsAdaptedEquipment", true,
                "parentAutonomy", "NONE"), PriorityEducation.REP_PLUS, null);
        assertThat(reason(second, "priorityEducation")).isEqualTo("École en éducation prioritaire (REP+) : critère de second niveau.");
        assertThat(reason(second, "qpv")).isEqualTo("Le foyer habite un quartier prioritaire (QPV) : critère de second niveau.");
        assertThat(reason(second, "needsOtherLanguage"))
                .isEqualTo("Besoin d'une autre langue que le français : critère de second niveau.");
        assertThat(reason(second, "needsAdaptedEquipment")).isEqualTo("Besoin d'un équipement adapté : critère de second niveau.");
        assertThat(reason(second, "parentAutonomy")).isEqualTo("Parents sans autonomie numérique : critère de second niveau.");
        assertThat(reason(decide(wellEquipped(), PriorityEducation.REP, null), "priorityEducation"))
                .isEqualTo("École en éducation prioritaire (REP) : critère de second niveau.");
    }

    @Test
    void aDeploymentsOwnCriterionIsExplainedByItsLabelOrElseItsId() {
        ObjectNode document = V1.document().deepCopy();
        ArrayNode criteria = (ArrayNode) document.get("criteria");
        criteria.addObject().put("id", "farFromSchool").put("kind", "ANSWER").put("type", "BOOLEAN").put("required", false)
                .put("label", "Domicile à plus de 5 km de l'école").put("level", "SECOND").putArray("holdsWhen").add(true);
        criteria.addObject().put("id", "nightShifts").put("kind", "ANSWER").put("type", "BOOLEAN").put("required", false)
                .put("level", "FIRST").putArray("holdsWhen").add(true);
        Decision decision = EligibilityDecider.decide(Criteria.parse(document.toString()),
                Answers.of(with("headset", "NONE", "farFromSchool", true, "nightShifts", true)), PriorityEducation.NONE, null);
        assertThat(reason(decision, "farFromSchool")).isEqualTo("Domicile à plus de 5 km de l'école : critère de second niveau.");
        assertThat(reason(decision, "nightShifts")).isEqualTo("nightShifts : critère de premier niveau.");
        assertThat(decision.eligible()).isTrue();
    }

    // Equivalent mutant: in "noDevice && pupils > 1", ">= 1" adds weight x (1 - 1) = 0 for a single pupil,
    // the same priority; the boundary is kept by pupilsBeyondTheFirstCountOnlyWithoutDevice.
}
