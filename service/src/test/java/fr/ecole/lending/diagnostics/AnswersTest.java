package fr.ecole.lending.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.support.Builders;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswersTest {
    private static final Criteria V1 = Criteria.builtIn();

    static ObjectNode complete() {
        return Builders.answers();
    }

    static void assertRefused(ObjectNode answers, String field) {
        assertThatThrownBy(() -> Answers.check(V1, answers)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void completeAnswersPassAndTheScholarshipIsOptional() {
        assertThat(Answers.check(V1, complete()).scholarship()).isNull();
        ObjectNode withScholarship = complete();
        withScholarship.putObject("scholarship").put("level", "LYCEE").put("echelon", 6);
        assertThat(Answers.check(V1, withScholarship).scholarship()).isEqualTo(new Answers.Scholarship("LYCEE", 6));
    }

    @Test
    void everyOtherAnswerIsRequired() {
        for (String id : new String[] {"devicesForSchoolwork", "hasSmartphone", "qpv", "referral", "needsAdaptedEquipment"}) {
            ObjectNode answers = complete();
            answers.remove(id);
            assertRefused(answers, "answers." + id);
        }
    }

    @Test
    void nothingButTheCriteriaIsAccepted() {
        assertRefused(complete().put("income", 900), "answers.income");
        assertRefused(complete().put("nationality", "x"), "answers.nationality");
        assertRefused(complete().put("priorityEducation", "REP"), "answers.priorityEducation");
    }

    @Test
    void valuesKeepToTheirTypeAndRange() {
        assertRefused(complete().put("devicesForSchoolwork", -1), "answers.devicesForSchoolwork");
        assertRefused(complete().put("pupilsInHousehold", 0), "answers.pupilsInHousehold");
        assertRefused(complete().put("pupilsInHousehold", 2.5), "answers.pupilsInHousehold");
        assertRefused(complete().put("devicesForSchoolwork", "2"), "answers.devicesForSchoolwork");
        assertRefused(complete().put("hasSmartphone", "yes"), "answers.hasSmartphone");
        assertRefused(complete().put("mobile4g", "EXCELLENT"), "answers.mobile4g");
        assertRefused(complete().put("headset", "none"), "answers.headset");
    }

    @Test
    void anEchelonKeepsToItsLevelsRange() {
        ObjectNode college = complete();
        college.putObject("scholarship").put("level", "COLLEGE").put("echelon", 4);
        assertRefused(college, "answers.scholarship.echelon");
        ObjectNode overflow = complete();
        overflow.putObject("scholarship").put("level", "COLLEGE").put("echelon", 4294967298L);
        assertRefused(overflow, "answers.scholarship.echelon");
        ObjectNode zero = complete();
        zero.putObject("scholarship").put("level", "LYCEE").put("echelon", 0);
        assertRefused(zero, "answers.scholarship.echelon");
        ObjectNode level = complete();
        level.putObject("scholarship").put("level", "UNIVERSITE").put("echelon", 1);
        assertRefused(level, "answers.scholarship.level");
        ObjectNode extra = complete();
        extra.putObject("scholarship").put("level", "LYCEE").put("echelon", 1).put("amount", 400);
        assertRefused(extra, "answers.scholarship.amount");
    }

    @Test
    void aDiagnosticExpiresOnTheThirtyFirstOfAugustOfItsSchoolYear() {
        assertThat(V1.expiryOf(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2027, 8, 31));
        assertThat(V1.expiryOf(LocalDate.of(2027, 8, 31))).isEqualTo(LocalDate.of(2027, 8, 31));
        assertThat(V1.expiryOf(LocalDate.of(2027, 9, 1))).isEqualTo(LocalDate.of(2028, 8, 31));
        assertThat(V1.expiryOf(LocalDate.of(2027, 1, 5))).isEqualTo(LocalDate.of(2027, 8, 31));
    }

    @Test
    void theCheckedAnswersAreTheOnesSent() {
        Answers answers = Answers.check(V1, complete().put("devicesForSchoolwork", 3).put("hasSmartphone", true)
                .put("headset", "SHARED"));
        assertThat(answers.integer("devicesForSchoolwork")).isEqualTo(3);
        assertThat(answers.flag("hasSmartphone")).isTrue();
        assertThat(answers.flag("qpv")).isFalse();
        assertThat(answers.choice("headset")).isEqualTo("SHARED");
        assertThat(answers.value("pupilsInHousehold")).isEqualTo(2);
    }

    @Test
    void theBoundsOfARangeAreAnswersTooOneBeyondIsNot() {
        assertThat(Answers.check(V1, complete().put("devicesForSchoolwork", 0)).integer("devicesForSchoolwork")).isZero();
        assertThat(Answers.check(V1, complete().put("pupilsInHousehold", 1)).integer("pupilsInHousehold")).isEqualTo(1);
        assertThat(Answers.check(V1, complete().put("pupilsInHousehold", 20)).integer("pupilsInHousehold")).isEqualTo(20);
        assertRefused(complete().put("pupilsInHousehold", 21), "answers.pupilsInHousehold");
        assertThatThrownBy(() -> Answers.check(V1, complete().put("adultsTeleworking", 21)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("out_of_range");
                    assertThat(e.getMessage()).isEqualTo("« adultsTeleworking » doit être compris entre 0 et 20.");
                });
    }

    @Test
    void theFirstEchelonOfAScholarshipIsOne() {
        ObjectNode first = complete();
        first.putObject("scholarship").put("level", "COLLEGE").put("echelon", 1);
        assertThat(Answers.check(V1, first).scholarship()).isEqualTo(new Answers.Scholarship("COLLEGE", 1));
        ObjectNode top = complete();
        top.putObject("scholarship").put("level", "COLLEGE").put("echelon", 3);
        assertThat(Answers.check(V1, top).scholarship()).isEqualTo(new Answers.Scholarship("COLLEGE", 3));
    }

    @Test
    void aPastedInvisibleCharacterIsNamedRatherThanTakenForAnUnknownAnswer() {
        ObjectNode pasted = complete();
        pasted.remove("qpv");
        pasted.put("qpv\u200B", false);
        assertThatThrownBy(() -> Answers.check(V1, pasted)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("invisible_character");
            assertThat(e.getMessage()).contains("U+200B");
        });
    }

    @Test
    void theRestrictedAnswerIsLeftOutOfTheCopyFewMayNotRead() {
        ObjectNode sent = complete().put("needsAdaptedEquipment", true);
        Answers answers = Answers.check(V1, sent);
        assertThat(answers.toJson(V1, false)).isEqualTo(sent);
        ObjectNode withoutRestricted = answers.toJson(V1, true);
        assertThat(withoutRestricted.has("needsAdaptedEquipment")).isFalse();
        assertThat(withoutRestricted.size()).isEqualTo(sent.size() - 1);
        assertThat(withoutRestricted.get("qpv").booleanValue()).isFalse();
        assertThat(Answers.of(Map.of("somethingOld", 1)).toJson(V1, true).get("somethingOld").intValue())
                .as("an answer of a criterion this version lacks, kept from an older one").isEqualTo(1);
    }
}
