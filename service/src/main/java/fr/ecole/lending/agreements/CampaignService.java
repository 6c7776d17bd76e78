package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.diagnostics.DiagnosticDao;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.WaitingFamily;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The end-of-year campaign of an establishment: every active agreement, those that can be renewed
 * because the family has a new eligible diagnostic, the devices to collect from the others; and the
 * renewal of the chosen ones in one go.
 */
public class CampaignService {
    private final Database database;
    private final LendingService lending;
    private final DiagnosticService diagnostics;
    private final Audit audit;
    private final Clock clock;

    public CampaignService(Database database, LendingService lending, DiagnosticService diagnostics, Audit audit,
                           Clock clock) {
        this.database = database;
        this.lending = lending;
        this.diagnostics = diagnostics;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code POST .../campaign/reissue}: lend from the pool down the waiting list, until {@code dueDate}. */
    public record Reissue(LocalDate dueDate) {
    }

    /** What a re-issue did: the agreements lent, in waiting-list order, and the families still waiting. */
    public record Reissued(List<Agreement> lent, List<Long> stillWaiting) {
    }

    /**
     * The start of the year: down the waiting list, each family is lent what its diagnostic needs
     * from the devices available (a tablet when no laptop is left), as long as the pool lasts. Each
     * loan is an agreement of its own, decided by the same rules as at the desk.
     */
    public Reissued reissue(User actor, Uai uai, Reissue request) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        LocalDate dueDate = Check.present(Check.body(request).dueDate(), "dueDate");
        LendingRules.checkDueDate(dueDate, SchoolCalendar.today(clock));
        Map<DeviceKind, java.util.Deque<String>> pool = new java.util.EnumMap<>(DeviceKind.class);
        LocalDate today = SchoolCalendar.today(clock);
        database.read(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            for (DeviceKind kind : DeviceKind.values()) {
                java.util.Deque<String> free = new java.util.ArrayDeque<>();
                for (Device device : devices.list(uai, DeviceStatus.AVAILABLE, kind, 0, 5_000)) {
                    boolean planLapsed = device.sim() != null && device.sim().planEnds() != null
                            && device.sim().planEnds().isBefore(today);
                    if (!device.needsWipe() && !planLapsed) {
                        free.add(device.assetTag());
                    }
                }
                pool.put(kind, free);
            }
            return null;
        });
        List<Agreement> lent = new ArrayList<>();
        List<Long> waiting = new ArrayList<>();
        for (WaitingFamily family : diagnostics.waitingList(actor, uai, PageRequest.parse("500", null)).items()) {
            List<String> tags = new ArrayList<>();
            for (Decision.Need need : family.needs()) {
                java.util.Deque<String> free = switch (need) {
                    case LAPTOP -> pool.get(DeviceKind.LAPTOP).isEmpty() ? pool.get(DeviceKind.TABLET) : pool.get(DeviceKind.LAPTOP);
                    case DONGLE_4G -> pool.get(DeviceKind.DONGLE_4G);
                    case HEADSET -> pool.get(DeviceKind.HEADSET);
                    case ALTERNATIVE_ACCESS -> new java.util.ArrayDeque<>();
                };
                if (!free.isEmpty()) {
                    tags.add(free.poll());
                }
            }
            if (tags.isEmpty()) {
                waiting.add(family.familyId());
                continue;
            }
            try {
                lent.add(lending.lend(actor, new NewAgreement(family.familyId(), uai.value(), tags, dueDate,
                        "reissue-" + uai.value() + "-" + family.familyId() + "-" + family.diagnosticId(), null)));
            } catch (ApiException refused) {
                // lent meanwhile at the desk, or no longer eligible: the family keeps its place
                waiting.add(family.familyId());
            }
        }
        return new Reissued(lent, waiting);
    }

    /** An active agreement in the campaign, with the diagnostic that allows its renewal, if any. */
    public record CampaignAgreement(String number, long familyId, LocalDate dueDate, Long renewableOnDiagnostic,
                                    List<String> devicesOut) {
    }

    public record Campaign(String uai, List<CampaignAgreement> renewable, List<CampaignAgreement> toCollect) {
    }

    /** {@code POST .../campaign/renewals}: the agreements to renew and their new due date. */
    public record BulkRenewal(LocalDate dueDate, List<String> numbers) {
    }

    public Campaign campaign(User actor, Uai uai) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        LocalDate today = SchoolCalendar.today(clock);
        return database.read(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            DiagnosticDao diagnostics = Daos.on(handle, DiagnosticDao.class);
            List<CampaignAgreement> renewable = new ArrayList<>();
            List<CampaignAgreement> toCollect = new ArrayList<>();
            for (AgreementDao.ListedRow listed : agreements.list(false, List.of(uai.value()), AgreementStatus.ACTIVE, null,
                    0, Integer.MAX_VALUE)) {
                AgreementDao.AgreementRow row = agreements.findByNumber(listed.number()).orElseThrow();
                // a new diagnostic: made after the agreement, still valid, eligible
                Optional<DiagnosticDao.DiagnosticRow> fresh = diagnostics.latest(row.familyId())
                        .filter(d -> d.eligible() && !d.expires().isBefore(today) && d.madeAt().isAfter(row.createdAt()));
                List<String> out = agreements.loansOf(row.id()).stream()
                        .filter(loan -> loan.returnedAt() == null && loan.lostAt() == null)
                        .map(Agreement.Loan::assetTag).toList();
                CampaignAgreement entry = new CampaignAgreement(row.number(), row.familyId(), row.dueDate(),
                        fresh.map(DiagnosticDao.DiagnosticRow::id).orElse(null), out);
                (fresh.isPresent() ? renewable : toCollect).add(entry);
            }
            return new Campaign(uai.value(), renewable, toCollect);
        });
    }

    /** Renews the chosen agreements of the establishment to one due date, all of them or none. */
    public List<Agreement> renew(User actor, Uai uai, BulkRenewal request) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        Check.body(request);
        LocalDate dueDate = Check.present(request.dueDate(), "dueDate");
        LendingRules.checkDueDate(dueDate, SchoolCalendar.today(clock));
        List<String> numbers = Check.list(Check.present(request.numbers(), "numbers"), "numbers", 2_000, 40);
        Instant now = clock.instant();
        return database.write(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            Set<String> seen = new HashSet<>();
            List<Agreement> renewed = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                String field = "numbers[" + i + "]";
                AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), numbers.get(i));
                if (!row.uai().equals(uai.value()) || !seen.add(row.number())) {
                    throw ApiException.invalid("invalid_value", field, "La convention " + row.number()
                            + " n'est pas une convention de cet établissement, ou figure deux fois.");
                }
                if (row.status() != AgreementStatus.ACTIVE || agreements.setDueDate(row.id(), dueDate) != 1) {
                    throw ApiException.conflict("agreement_closed", field, "La convention " + row.number()
                            + " est close : elle ne se prolonge plus.");
                }
                agreements.recordRenewal(row.id(), row.dueDate(), dueDate, actor.id(), now);
                audit.record(handle, actor, "RENEW", Audit.Entity.AGREEMENT, row.number(),
                        Map.of("dueDate", Map.of("before", row.dueDate(), "after", dueDate), "campaign", uai.value()));
                renewed.add(lending.assemble(agreements, agreements.findByNumber(row.number()).orElseThrow()));
            }
            return renewed;
        });
    }
}
