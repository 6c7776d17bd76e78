package fr.ecole.lending.diagnostics;

import static fr.ecole.lending.diagnostics.Decision.Need.ALTERNATIVE_ACCESS;
import static fr.ecole.lending.diagnostics.Decision.Need.DONGLE_4G;
import static fr.ecole.lending.diagnostics.Decision.Need.HEADSET;
import static fr.ecole.lending.diagnostics.Decision.Need.LAPTOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
