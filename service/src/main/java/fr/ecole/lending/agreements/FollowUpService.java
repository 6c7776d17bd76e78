package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.imports.SpreadsheetCsv;
import fr.ecole.lending.messages.MessageService;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The follow-up of overdue loans: households to remind, grouped, with the channel they prefer.
 * Producing the list records the reminders, so that no household is reminded more than once a
 * week. No fines, no blocking: the school follows families up, it does not punish them. A household
 * that prefers e-mail and gave an address gets the reminder by e-mail too, queued with it; one that
 * prefers SMS, with a mobile number, by SMS when an SMS gateway is configured.
 */
public class FollowUpService {
    static final Duration QUIET_PERIOD = Duration.ofDays(7);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    private final Database database;
    private final Audit audit;
    private final Clock clock;
    /** Whether an SMS gateway is configured: without one, SMS households are for the school's own provider. */
    private final boolean smsGateway;

    public FollowUpService(Database database, Audit audit, Clock clock, boolean smsGateway) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.smsGateway = smsGateway;
    }

    /** One overdue agreement of a household, with the devices still out. */
    public record OverdueAgreement(String number, LocalDate dueDate, List<String> assetTags) {
    }

    /** A household to remind, by the channel it prefers (phone and e-mail only where they serve it). */
    public record Household(long familyId, String guardianName, String preferredContact, String phone, String email,
                            List<OverdueAgreement> agreements) {
    }

    /** The list produced: households reminded now, and how many were left out, reminded within a week. */
    public record FollowUp(String uai, Instant generatedAt, List<Household> households, int remindedThisWeek) {
    }

    /**
     * The households of {@code channels} to remind now at the establishment; they are recorded as
     * reminded. A list for SMS and e-mail leaves the paper letters for their own list, and so on.
     */
    public FollowUp produce(User actor, Uai uai, java.util.Set<String> channels) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        Instant now = clock.instant();
        LocalDate today = SchoolCalendar.today(clock);
        return database.write(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            FollowUpDao followUps = Daos.on(handle, FollowUpDao.class);
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            Instant since = now.minus(QUIET_PERIOD);
            Map<Long, Household> households = new LinkedHashMap<>();
            for (FollowUpDao.OverdueRow row : followUps.overdue(uai, today, since)) {
                if (!channels.contains(row.preferredContact())) {
                    continue;
                }
                List<String> out = followUps.awaitedDevices(row.agreementId());
                Household household = households.computeIfAbsent(row.familyId(), id -> new Household(id,
                        row.guardianName(), row.preferredContact(),
                        "SMS".equals(row.preferredContact()) || "PHONE".equals(row.preferredContact())
                                ? row.guardianPhone() : null,
                        "EMAIL".equals(row.preferredContact()) ? row.guardianEmail() : null, new ArrayList<>()));
                household.agreements().add(new OverdueAgreement(row.number(), row.dueDate(), out));
            }
            String school = null;
            for (Household household : households.values()) {
                followUps.remind(household.familyId(), uai, household.preferredContact(), actor.id(), now);
                boolean byEmail = "EMAIL".equals(household.preferredContact()) && household.email() != null
                        && !household.email().isBlank();
                Optional<String> mobile = smsGateway && "SMS".equals(household.preferredContact())
                        ? MessageService.mobileNumber(household.phone()) : Optional.empty();
                if (!byEmail && mobile.isEmpty()) {
                    continue;
                }
                if (school == null) {
                    school = Daos.on(handle, EstablishmentDao.class).find(uai.value()).orElseThrow().name();
                }
                String subject = "Rappel : appareils prêtés à rapporter (" + school + ")";
                // sent once this transaction committed; queued once however often the list is asked for that day
                String key = uai.value() + ":" + household.familyId() + ":" + today;
                if (byEmail) {
                    MessageService.queue(handle, uai.value(), household.familyId(), MessageService.Kind.REMINDER,
                            MessageService.Channel.EMAIL, household.email(), subject, reminderText(school, household),
                            null, "REMINDER:" + key, now);
                } else {
                    MessageService.queue(handle, uai.value(), household.familyId(), MessageService.Kind.REMINDER,
                            MessageService.Channel.SMS, mobile.get(), subject, ReminderSms.text(school, household), null,
                            "REMINDER-SMS:" + key, now);
                }
            }
            audit.record(handle, actor, "FOLLOW_UP", Audit.Entity.AGREEMENT, uai.value(),
                    Map.of("households", households.size()));
            return new FollowUp(uai.value(), now, List.copyOf(households.values()),
                    followUps.recentlyReminded(uai, today, since) - households.size());
        });
    }

    /** The e-mail of a household that prefers e-mail: the letter's words. */
    static String reminderText(String school, Household household) {
        StringBuilder text = new StringBuilder("Bonjour " + household.guardianName() + ",\n\n");
        for (OverdueAgreement agreement : household.agreements()) {
            text.append("Les appareils prêtés par la convention ").append(agreement.number()).append(" (")
                    .append(String.join(", ", agreement.assetTags())).append(") étaient attendus le ")
                    .append(DATE.format(agreement.dueDate())).append(".\n");
        }
        return text.append("\nPouvez-vous les rapporter à l'établissement, ou nous dire s'il vous faut plus de temps ? ")
                .append("Le prêt peut être prolongé. Il n'y a aucune pénalité.\n\n")
                .append("Merci, le poste de prêt de l'établissement ").append(school).append(".\n").toString();
    }

    /** The households to reach by SMS or e-mail, as CSV for a messaging tool (";", UTF-8 with BOM). */
    public String csv(FollowUp followUp) {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = SpreadsheetCsv.writer(out)) {
            csv.row("canal", "responsable", "telephone", "email", "conventions", "retour_prevu", "appareils");
            for (Household household : followUp.households()) {
                if (!"SMS".equals(household.preferredContact()) && !"EMAIL".equals(household.preferredContact())) {
                    continue;
                }
                csv.row(household.preferredContact(), household.guardianName(), household.phone(), household.email(),
                        String.join(" ", household.agreements().stream().map(OverdueAgreement::number).toList()),
                        String.join(" ", household.agreements().stream().map(a -> a.dueDate().toString()).toList()),
                        String.join(" ", household.agreements().stream().flatMap(a -> a.assetTags().stream()).toList()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One letter a page for the households that prefer paper, for the school to hand or post. */
    public byte[] letters(FollowUp followUp) {
        Establishment school = database.read(handle ->
                Daos.on(handle, EstablishmentDao.class).find(followUp.uai()).orElseThrow());
        try (DocumentWriter pdf = new DocumentWriter()) {
            boolean first = true;
            for (Household household : followUp.households()) {
                if (!"PAPER".equals(household.preferredContact())) {
                    continue;
                }
                if (!first) {
                    pdf.newPage();
                }
                first = false;
                pdf.title(school.name()).paragraph("À l'attention de " + household.guardianName()).space(10);
                for (OverdueAgreement agreement : household.agreements()) {
                    pdf.paragraph("Les appareils prêtés par la convention " + agreement.number() + " ("
                            + String.join(", ", agreement.assetTags()) + ") étaient attendus le "
                            + DATE.format(agreement.dueDate()) + ".");
                }
                pdf.paragraph("Pouvez-vous les rapporter à l'établissement, ou nous dire s'il vous faut plus de temps ? "
                        + "Le prêt peut être prolongé. Il n'y a aucune pénalité.").space(10)
                        .paragraph("Merci, le poste de prêt de l'établissement.");
            }
            if (first) {
                pdf.paragraph("Aucun foyer à relancer par courrier cette semaine.");
            }
            return pdf.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
