package fr.ecole.lending.dataprotection;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import fr.ecole.lending.agreements.AgreementDao;
import fr.ecole.lending.agreements.AgreementStatus;
import fr.ecole.lending.agreements.HandoverService;
import fr.ecole.lending.agreements.SwapDao;
import fr.ecole.lending.diagnostics.DiagnosticView;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.referrals.Referral;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the service holds about one family (the right of access, art. 15 RGPD): the family and
 * its pupils, its diagnostics, the help it was referred to, its agreements with what happened to each device, the reminders and e-mails sent,
 * and who read or changed the record. docs/data-protection.md names, column by column, where each
 * stored value appears here.
 */
public record FamilyExport(Instant exportedAt, Staff exportedBy, String dataProtectionContact, Family family,
                           List<DiagnosticView> diagnostics, List<Referral> referrals,
                           List<ExportedAgreement> agreements,
                           List<Reminder> reminders, List<Message> messages, List<AuditLine> audit) {

    /** A member of staff as the family is told of them: name and role. */
    public record Staff(String name, String role) {
    }

    public record ExportedAgreement(String number, AgreementStatus status, String uai, LocalDate dueDate,
                                    Long diagnosticId, String overrideReason, String termsVersion, String signedBy,
                                    Instant signedAt, Instant createdAt, String createdBy, Instant closedAt,
                                    List<Loan> loans, List<AgreementDao.RenewalRow> renewals,
                                    List<SwapDao.SwapRow> swaps, List<HandoverService.Handover> handovers,
                                    List<Document> documents, List<Event> history) {
    }

    /** A device of the agreement; {@code return} once it came back; {@code handIns} where it was brought to another school. */
    public record Loan(String assetTag, String kind, String model, String serial, Instant outAt, Instant returnedAt,
                       Instant lostAt, @JsonProperty("return") Return handedBack, List<HandIn> handIns) {
    }

    /**
     * The device brought back to another school, received there on behalf of the lending school,
     * which confirmed it (the return then has the same {@code id}), refused it, or took the device back itself.
     */
    public record HandIn(long id, String status, String receivedUai, Instant receivedAt, String receivedBy,
                         String condition, List<String> missingAccessories, String note, Instant decidedAt,
                         String decidedBy, String refusalReason) {
    }

    public record Return(long id, String condition, List<String> missingAccessories, String note, Instant receivedAt,
                         String receivedBy, String receivedUai) {
    }

    /**
     * A printed document of the agreement, listed rather than inlined (a signed agreement is tens of
     * kilobytes with its fonts): {@code date} is when it was kept or happened, null for one printed on demand.
     */
    public record Document(String kind, String title, Instant date, String href) {
    }

    /** A step of a lent device's history under the agreement. */
    public record Event(Instant at, String event, String assetTag, String actor, String note) {
    }

    public record Reminder(Instant remindedAt, String uai, String channel, String remindedBy) {
    }

    /** An e-mail sent (or waiting to be) to the family: the reminders by e-mail, the copies of its agreements. */
    public record Message(String kind, String channel, String recipient, String subject, String body, String attachment,
                          String status, int attempts, Instant createdAt, Instant sentAt) {
    }

    /** An entry of the audit log about the family's records: when, who, what. */
    public record AuditLine(Instant at, Staff who, String action, String entity, String entityId,
                            @JsonRawValue String detail) {
    }
}
