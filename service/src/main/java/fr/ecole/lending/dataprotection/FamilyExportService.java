package fr.ecole.lending.dataprotection;

import fr.ecole.lending.agreements.AgreementDao;
import fr.ecole.lending.agreements.AgreementDocumentService;
import fr.ecole.lending.agreements.HandoverService;
import fr.ecole.lending.agreements.SwapDao;
import fr.ecole.lending.agreements.SwapService;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.DiagnosticView;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.referrals.Referral;
import fr.ecole.lending.referrals.ReferralService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * A family's access to its data: everything held about it, for an administrator or the family's
 * own desk to hand over. Each export is written in the audit log.
 */
public class FamilyExportService {
    private final Database database;
    private final DiagnosticService diagnostics;
    private final Audit audit;
    private final Clock clock;
    private final String dataProtectionContact;

    public FamilyExportService(Database database, DiagnosticService diagnostics, Audit audit, Clock clock,
                               String dataProtectionContact) {
        this.database = database;
        this.diagnostics = diagnostics;
        this.audit = audit;
        this.clock = clock;
        this.dataProtectionContact = dataProtectionContact;
    }

    /** The family's data, or 404 when it is not within the caller's reach; {@code format} is what the audit log says. */
    public FamilyExport export(User actor, long familyId, String format) {
        FamilyExport export = database.read(handle -> read(handle, actor, familyId));
        // handed over only once the export is on record
        database.write(handle -> {
            audit.record(handle, actor, "EXPORT", Audit.Entity.FAMILY, familyId, Map.of("format", format));
            return familyId;
        });
        return export;
    }

    private FamilyExport read(Handle handle, User actor, long familyId) {
        FamilyDao.FamilyRow row = FamilyService.find(handle, Scope.of(actor), familyId, "id");
        FamilyExportDao dao = Daos.on(handle, FamilyExportDao.class);
        AgreementDao agreementDao = Daos.on(handle, AgreementDao.class);
        List<DiagnosticView> diagnosed = diagnostics.allOf(handle, actor, familyId);
        List<Referral> referrals = ReferralService.allOf(handle, familyId);
        List<FamilyExportDao.LoanRow> loans = dao.loans(familyId);
        List<FamilyExportDao.HandInRow> handIns = dao.handIns(familyId);
        List<FamilyExportDao.EventRow> history = dao.history(familyId);
        List<FamilyExport.ExportedAgreement> agreements = new ArrayList<>();
        for (FamilyExportDao.AgreementRow agreement : dao.agreements(familyId)) {
            List<AgreementDao.RenewalRow> renewals = agreementDao.renewals(agreement.id());
            List<SwapDao.SwapRow> swaps = SwapService.swapsOf(handle, agreement.id());
            List<HandoverService.Handover> handovers = HandoverService.handoversOf(handle, agreement.id());
            List<FamilyExportDao.LoanRow> itsLoans = loans.stream().filter(l -> l.agreementId() == agreement.id()).toList();
            agreements.add(new FamilyExport.ExportedAgreement(agreement.number(), agreement.status(), agreement.uai(),
                    agreement.dueDate(), agreement.diagnosticId(), agreement.overrideReason(), agreement.termsVersion(),
                    agreement.signedBy(), agreement.signedAt(), agreement.createdAt(), agreement.createdBy(),
                    agreement.closedAt(), itsLoans.stream().map(loan -> loan(loan, handIns)).toList(), renewals,
                    swaps, handovers, documents(agreement, renewals, swaps, handovers, itsLoans, handIns),
                    history.stream().filter(e -> e.agreementId() == agreement.id())
                            .map(e -> new FamilyExport.Event(e.at(), e.event(), e.assetTag(), e.actor(), e.note()))
                            .toList()));
        }
        List<FamilyExport.AuditLine> trail = dao.audit(String.valueOf(familyId),
                        orNone(diagnosed.stream().map(d -> String.valueOf(d.id())).toList()),
                        orNone(referrals.stream().map(r -> String.valueOf(r.id())).toList()),
                        orNone(agreements.stream().map(FamilyExport.ExportedAgreement::number).toList()),
                        orNone(returnNumbers(loans, handIns)))
                .stream()
                .map(a -> new FamilyExport.AuditLine(a.at(), new FamilyExport.Staff(a.actor(), a.actorRole()),
                        a.action(), a.entity(), a.entityId(), Audit.openedDetail(handle, a.entity(), a.entityId(), a.detail())))
                .toList();
        return new FamilyExport(clock.instant(), new FamilyExport.Staff(actor.name(), actor.role().name()),
                dataProtectionContact, FamilyService.family(handle, row), diagnosed, referrals, agreements,
                dao.reminders(familyId), dao.messages(familyId), trail);
    }

    private static FamilyExport.Loan loan(FamilyExportDao.LoanRow row, List<FamilyExportDao.HandInRow> handIns) {
        FamilyExport.Return back = row.returnId() == null ? null : new FamilyExport.Return(row.returnId(),
                row.condition(), lines(row.missingAccessories()), row.note(), row.receivedAt(), row.receivedBy(),
                row.receivedUai());
        return new FamilyExport.Loan(row.assetTag(), row.kind(), row.model(), row.serial(), row.outAt(),
                row.returnedAt(), row.lostAt(), back, handIns.stream().filter(h -> h.loanId() == row.loanId())
                .map(h -> new FamilyExport.HandIn(h.id(), h.status(), h.receivedUai(), h.receivedAt(), h.receivedBy(),
                        h.condition(), lines(h.missingAccessories()), h.note(), h.decidedAt(), h.decidedBy(),
                        h.refusalReason()))
                .toList());
    }

    /** Accessories are kept one per line. */
    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** The numbers of the family's returns and hand-ins (a confirmed hand-in and its return share one). */
    private static List<String> returnNumbers(List<FamilyExportDao.LoanRow> loans, List<FamilyExportDao.HandInRow> handIns) {
        Set<String> numbers = new TreeSet<>();
        loans.stream().filter(l -> l.returnId() != null).forEach(l -> numbers.add(String.valueOf(l.returnId())));
        handIns.forEach(h -> numbers.add(String.valueOf(h.id())));
        return List.copyOf(numbers);
    }

    /** The agreement's printed documents, each with the address that prints it again. */
    private static List<FamilyExport.Document> documents(FamilyExportDao.AgreementRow agreement,
                                                         List<AgreementDao.RenewalRow> renewals,
                                                         List<SwapDao.SwapRow> swaps,
                                                         List<HandoverService.Handover> handovers,
                                                         List<FamilyExportDao.LoanRow> loans,
                                                         List<FamilyExportDao.HandInRow> handIns) {
        String base = "/api/agreements/" + agreement.number();
        List<FamilyExport.Document> documents = new ArrayList<>();
        documents.add(new FamilyExport.Document("AGREEMENT", agreement.documentKeptAt() == null
                ? "Convention de prêt (non signée, imprimée à la demande)" : "Convention de prêt signée",
                agreement.documentKeptAt(), base + "/document.pdf"));
        documents.add(new FamilyExport.Document("SUMMARY", "Résumé du prêt pour la famille", null,
                base + "/summary.pdf"));
        List<AgreementDao.RenewalRow> amendments = AgreementDocumentService.amendments(renewals, agreement.documentKeptAt());
        for (int n = 1; n <= amendments.size(); n++) {
            documents.add(new FamilyExport.Document("AMENDMENT", "Avenant n° " + n, amendments.get(n - 1).renewedAt(),
                    base + "/amendments/" + n + ".pdf"));
        }
        for (SwapDao.SwapRow swap : swaps) {
            documents.add(new FamilyExport.Document("SWAP_AMENDMENT", "Avenant d'échange n° " + swap.number() + " ("
                    + swap.outTag() + " remplacé par " + swap.inTag() + ")", swap.swappedAt(),
                    base + "/swaps/" + swap.number() + ".pdf"));
        }
        for (HandoverService.Handover handover : handovers) {
            documents.add(new FamilyExport.Document("HANDOVER_AMENDMENT", "Avenant de passation n° "
                    + handover.number() + " de " + handover.fromAgreement() + " à " + handover.toAgreement() + " ("
                    + handover.toUai() + ")", handover.handedAt(), handover.amendment()));
        }
        for (FamilyExportDao.LoanRow loan : loans) {
            if (loan.returnId() != null) {
                documents.add(new FamilyExport.Document("RETURN_RECEIPT", "Reçu de retour de " + loan.assetTag(),
                        loan.receivedAt(), "/api/returns/" + loan.returnId() + "/receipt.pdf"));
            }
            // a hand-in that did not become the return keeps its own receipt
            handIns.stream().filter(h -> h.loanId() == loan.loanId() && !h.status().equals("CONFIRMED"))
                    .forEach(h -> documents.add(new FamilyExport.Document("HAND_IN_RECEIPT", "Reçu de remise de "
                            + loan.assetTag() + " à l'établissement " + h.receivedUai(), h.receivedAt(),
                            "/api/returns/" + h.id() + "/receipt.pdf")));
        }
        return documents;
    }

    /** SQL has no empty IN list: a value no record has stands for none. */
    private static List<String> orNone(List<String> ids) {
        return ids.isEmpty() ? List.of("") : ids;
    }
}
