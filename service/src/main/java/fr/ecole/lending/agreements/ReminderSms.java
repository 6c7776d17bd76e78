package fr.ecole.lending.agreements;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The overdue reminder as an SMS: the school, the agreements and when they were due, the offer of more
 * time. No name: a phone may be shared or read by someone else. At most {@link #MAX} characters, the
 * length of two SMS, whatever the school's name.
 */
final class ReminderSms {
    static final int MAX = 320;

    private ReminderSms() {
    }

    static String text(String school, FollowUpService.Household household) {
        List<FollowUpService.OverdueAgreement> agreements = household.agreements();
        LocalDate due = agreements.stream().map(FollowUpService.OverdueAgreement::dueDate)
                .min(Comparator.naturalOrder()).orElseThrow();
        String numbers = String.join(", ", agreements.stream().map(FollowUpService.OverdueAgreement::number).toList());
        String lent = agreements.size() == 1 ? "Les appareils prêtés par la convention " + numbers
                + " étaient attendus le " : "Les appareils prêtés par les conventions " + numbers
                + " étaient attendus à partir du ";
        String ask = FollowUpService.DATE.format(due) + ". Merci de les rapporter ou de nous dire s'il vous faut plus "
                + "de temps : le prêt peut être prolongé, sans pénalité.";
        String text = school + " : " + lent + ask;
        if (text.length() > MAX) {
            text = school + " : des appareils prêtés étaient attendus à partir du " + ask;
        }
        if (text.length() > MAX) {
            // a very long name: cut, the rest of the text says what matters
            int room = MAX - (text.length() - school.length()) - 1;
            text = school.substring(0, Math.max(0, room)) + "…" + text.substring(school.length());
        }
        return text;
    }
}
