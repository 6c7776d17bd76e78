package fr.ecole.lending.agreements;

import fr.ecole.lending.devices.DeviceKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A loan agreement as the API shows it, with every device lent under it. */
public record Agreement(
        String number,
        AgreementStatus status,
        long familyId,
        String uai,
        LocalDate dueDate,
        boolean overdue,
        Long diagnosticId,
        NewAgreement.OverrideReason override,
        String termsVersion,
        String signedBy,
        Instant signedAt,
        int renewals,
        Instant createdAt,
        Instant closedAt,
        List<Loan> loans) {

    /**
     * One device of the agreement: out since {@code outAt}, back at {@code returnedAt}, or declared
     * lost at {@code lostAt} (both null while out).
     */
    public record Loan(String assetTag, DeviceKind kind, Instant outAt, Instant returnedAt, Instant lostAt) {
    }
}
