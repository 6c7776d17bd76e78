package fr.ecole.lending.dataprotection;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.surveys.SurveyRows;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The retention rules, applied as of the clock's day: diagnostics anonymised a while after they
 * expire, referrals a while after they last changed, families anonymised after a while without
 * contact. Every step writes only rows not yet anonymised, in serializable transactions: instances
 * sharing a database may purge at the same moment, and what one did the other finds done (nothing
 * fails, nothing is counted twice).
 */
public class RetentionService {
    /** Families anonymised per transaction: a first purge of a large database does not hold the writer long. */
    private static final int BATCH = 100;

    private final Database database;
    private final Audit audit;
    private final Retention rules;
    private final Clock clock;

    public RetentionService(Database database, Audit audit, Retention rules, Clock clock) {
        if (rules.getDiagnosticsAfterExpiry().isNegative() || rules.getFamiliesWithoutContact().isNegative()
                || rules.getReferralsAfterLastChange().isNegative()
                || rules.getContactRequestsAfterHandled().isNegative()) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
        this.database = database;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * What a purge did, or would do on a dry run: the diagnostics that expired on or before
     * {@code diagnosticsExpiredBy}, the referrals unchanged since {@code referralsUnchangedSince}, the
     * families without contact since {@code familiesSilentSince}.
     */
    public record Result(LocalDate asOf, boolean dryRun, LocalDate diagnosticsExpiredBy, int diagnostics,
                         LocalDate referralsUnchangedSince, int referrals, LocalDate familiesSilentSince,
                         List<Long> families, int contactRequests) {
        /** For an operator: counts and family numbers, never a name. */
        public String report() {
            String verb = dryRun ? "to anonymise" : "anonymised";
            return "Retention as of " + asOf + (dryRun ? " (dry run: nothing was changed)" : "") + "\n"
                    + "  diagnostics expired on or before " + diagnosticsExpiredBy + ": " + diagnostics + " " + verb
                    + "\n"
                    + "  referrals unchanged since " + referralsUnchangedSince + ": " + referrals + " " + verb + "\n"
                    + "  families without contact since " + familiesSilentSince + ": " + families.size() + " " + verb
                    + (families.isEmpty() ? "" : ": " + families.stream().map(String::valueOf)
                    .collect(Collectors.joining(", "))) + "\n"
                    + "  survey contact requests handled long enough ago, or of a past school year: " + contactRequests
                    + (dryRun ? " to delete" : " deleted") + "\n";
        }
    }

    public Result purge(boolean dryRun) {
        LocalDate today = SchoolCalendar.today(clock);
        LocalDate expiredBy = today.minus(rules.getDiagnosticsAfterExpiry());
        LocalDate silentSince = today.minus(rules.getFamiliesWithoutContact());
        Instant since = silentSince.atStartOfDay(SchoolCalendar.ZONE).toInstant();
        LocalDate unchangedSince = today.minus(rules.getReferralsAfterLastChange());
        Instant referralsBefore = unchangedSince.atStartOfDay(SchoolCalendar.ZONE).toInstant();
        if (dryRun) {
            return database.read(handle -> {
                AnonymisationDao dao = Daos.on(handle, AnonymisationDao.class);
                return new Result(today, true, expiredBy, dao.countDiagnosticsExpiredBy(expiredBy), unchangedSince,
                        dao.countReferralsUnchangedSince(referralsBefore), silentSince,
                        dao.familiesWithoutContactSince(since), dao.countContactRequestsDone(handledBefore(today),
                        SchoolCalendar.schoolYear(today)));
            });
        }
        int diagnostics = database.write(handle -> {
            int anonymised = Daos.on(handle, AnonymisationDao.class).anonymiseDiagnosticsExpiredBy(expiredBy,
                    clock.instant());
            if (anonymised > 0) {
                audit.record(handle, null, "ANONYMISE", Audit.Entity.DIAGNOSTIC, "retention",
                        Map.of("diagnostics", anonymised, "expiredBy", expiredBy));
            }
            return anonymised;
        });
        int referrals = database.write(handle -> {
            int anonymised = Daos.on(handle, AnonymisationDao.class).anonymiseReferralsUnchangedSince(referralsBefore,
                    clock.instant());
            if (anonymised > 0) {
                audit.record(handle, null, "ANONYMISE", Audit.Entity.REFERRAL, "retention",
                        Map.of("referrals", anonymised, "unchangedSince", unchangedSince));
            }
            return anonymised;
        });
        List<Long> families = new ArrayList<>();
        List<Long> batch;
        do {
            // chosen again inside each transaction: a family heard from meanwhile, or anonymised by
            // another instance, is left alone
            batch = database.write(handle -> {
                List<Long> done = new ArrayList<>();
                for (long id : Daos.on(handle, AnonymisationDao.class).familiesWithoutContactSince(since)) {
                    if (done.size() == BATCH) {
                        break;
                    }
                    if (Anonymisation.anonymise(handle, audit, null, id, "retention", clock.instant()).done()) {
                        done.add(id);
                    }
                }
                return done;
            });
            families.addAll(batch);
        } while (batch.size() == BATCH);
        int contactRequests = database.write(handle -> {
            int deleted = Daos.on(handle, AnonymisationDao.class).deleteContactRequestsDone(handledBefore(today),
                    SchoolCalendar.schoolYear(today));
            if (deleted > 0) {
                audit.record(handle, null, "DELETE", Audit.Entity.CONTACT_REQUEST, "retention",
                        Map.of("contactRequests", deleted));
            }
            return deleted;
        });
        if (database.engine() == Engine.POSTGRESQL) {
            // what one transaction wrote together (a code spent, its answer, a request to be called back)
            // no longer shares a transaction number nor a place with each other
            database.write(handle -> SurveyRows.shuffle(handle));
        }
        return new Result(today, false, expiredBy, diagnostics, unchangedSince, referrals, silentSince, families,
                contactRequests);
    }

    /** A survey's contact request handled before this is deleted. */
    private Instant handledBefore(LocalDate today) {
        return today.minus(rules.getContactRequestsAfterHandled()).atStartOfDay(SchoolCalendar.ZONE).toInstant();
    }
}
