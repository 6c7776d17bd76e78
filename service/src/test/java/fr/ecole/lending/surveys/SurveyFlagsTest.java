package fr.ecole.lending.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.diagnostics.Criteria;
import org.junit.jupiter.api.Test;

/** The flags of an answer, as a plain reading of the criteria's rules gives them. */
class SurveyFlagsTest {
    static final Criteria CRITERIA = Criteria.builtIn();
    static final SurveyQuestions QUESTIONS = new SurveyQuestions(CRITERIA);

    static ObjectNode answers(int devices, boolean smartphone, int pupils, int teleworking, String internet,
                              String fixedSpeed, String mobile4g) {
        return new ObjectMapper().createObjectNode().put("devicesForSchoolwork", devices).put("hasSmartphone", smartphone)
                .put("pupilsInHousehold", pupils).put("adultsTeleworking", teleworking).put("headset", "OK")
                .put("homeInternet", internet).put("fixedSpeed", fixedSpeed).put("mobile4g", mobile4g);
    }

    static SurveyFlags flags(ObjectNode answers, String communeCoverage) {
        return SurveyFlags.of(CRITERIA.needs(), QUESTIONS.check(answers), communeCoverage);
    }

    @Test
    void noDeviceAndASmartphoneOnly() {
        assertThat(flags(answers(0, true, 1, 0, "FIXED_BOX", "GE100", "GOOD"), null))
                .isEqualTo(new SurveyFlags(true, true, false, false, false, false));
        assertThat(flags(answers(0, false, 1, 0, "FIXED_BOX", "GE100", "GOOD"), null))
                .isEqualTo(new SurveyFlags(true, false, false, false, false, false));
    }

    @Test
    void aDeviceIsSharedBeyondTheRatioOnly() {
        // 4 people for 2 devices: exactly the ratio, not shared; 5 for 2 is
        assertThat(flags(answers(2, true, 3, 1, "FIXED_BOX", "GE100", "GOOD"), null).sharedDevice()).isFalse();
        assertThat(flags(answers(2, true, 3, 2, "FIXED_BOX", "GE100", "GOOD"), null).sharedDevice()).isTrue();
    }

    @Test
    void connectionAndWhiteZone() {
        assertThat(flags(answers(1, true, 1, 0, "NONE", "NONE", "GOOD"), null))
                .isEqualTo(new SurveyFlags(false, false, false, true, false, false));
        assertThat(flags(answers(1, true, 1, 0, "MOBILE_CAPPED", "LT3", "LIMITED"), null))
                .isEqualTo(new SurveyFlags(false, false, false, false, true, true));
        // a fast fixed line is no white zone, whatever the 4G
        assertThat(flags(answers(1, true, 1, 0, "FIXED_BOX", "GE100", "NONE"), null).whiteZone()).isFalse();
    }

    @Test
    void anUnknown4gTakesTheCommunesLevel() {
        assertThat(flags(answers(1, true, 1, 0, "NONE", "NONE", "UNKNOWN"), null).whiteZone()).isFalse();
        assertThat(flags(answers(1, true, 1, 0, "NONE", "NONE", "UNKNOWN"), "NONE").whiteZone()).isTrue();
        assertThat(flags(answers(1, true, 1, 0, "NONE", "NONE", "UNKNOWN"), "GOOD").whiteZone()).isFalse();
        assertThat(flags(answers(1, true, 1, 0, "NONE", "NONE", "LIMITED"), "GOOD").whiteZone()).isTrue();
    }
}
