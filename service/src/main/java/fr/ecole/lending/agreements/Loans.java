package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** What ending a loan does to its agreement, whether the device came back (a return) or not (lost). */
public final class Loans {
    private Loans() {
    }

    /** Closes the loan's agreement once none of its devices is out any more; returns its status. */
    public static AgreementStatus closeWhenNothingIsOut(Handle handle, Audit audit, User actor,
                                                        AgreementDao.OpenLoanRow loan, Instant now) {
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        if (agreements.countOpenLoans(loan.agreementId()) > 0) {
            return AgreementStatus.ACTIVE;
        }
        agreements.close(loan.agreementId(), now);
        audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.AGREEMENT, loan.agreementNumber(),
                Map.of("status", Map.of("before", AgreementStatus.ACTIVE, "after", AgreementStatus.CLOSED)));
        return AgreementStatus.CLOSED;
    }
}
