package fr.ecole.lending.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reminder's SMS: what it says, no name, and never beyond two SMS. */
class ReminderSmsTest {
    static FollowUpService.Household household(int agreements) {
        List<FollowUpService.OverdueAgreement> overdue = new java.util.ArrayList<>();
        for (int i = 0; i < agreements; i++) {
            overdue.add(new FollowUpService.OverdueAgreement("0350734H-2026-" + (1000 + i),
                    LocalDate.of(2026, 11, 3).plusDays(i), List.of("KR8R228ZZ")));
        }
        return new FollowUpService.Household(1, "Hélène Lefèvre", "SMS", "0611223344", null, overdue);
    }

    @Test
    void itNamesTheSchoolTheAgreementAndTheDateAndOffersMoreTime() {
        String text = ReminderSms.text("Collège Les Hautes Ourmes", household(1));
        assertThat(text).isEqualTo("Collège Les Hautes Ourmes : Les appareils prêtés par la convention 0350734H-2026-1000 "
                + "étaient attendus le 3 novembre 2026. Merci de les rapporter ou de nous dire s'il vous faut plus de "
                + "temps : le prêt peut être prolongé, sans pénalité.");
        assertThat(text).doesNotContain("Hélène", "Lefèvre");
    }

    @Test
    void severalAgreementsOrALongNameStayWithinTwoSms() {
        assertThat(ReminderSms.text("Collège Les Hautes Ourmes", household(2))).contains("à partir du 3 novembre 2026");
        assertThat(ReminderSms.text("Collège Les Hautes Ourmes", household(12))).hasSizeLessThanOrEqualTo(320)
                .contains("des appareils prêtés");
        assertThat(ReminderSms.text("É".repeat(400), household(12))).hasSizeLessThanOrEqualTo(320).contains("…");
    }
}
