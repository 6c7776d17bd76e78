package fr.ecole.lending.app;

import fr.ecole.lending.agreements.AgreementDao;
import fr.ecole.lending.agreements.FollowUpDao;
import fr.ecole.lending.audit.AuditDao;
import fr.ecole.lending.auth.UserDao;
import fr.ecole.lending.dataprotection.AnonymisationDao;
import fr.ecole.lending.dataprotection.FamilyExportDao;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.diagnostics.DiagnosticDao;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.exports.ExportDao;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.reports.ReportDao;
import fr.ecole.lending.territory.CatchmentDao;
import fr.ecole.lending.territory.EnrolmentDao;
import fr.ecole.lending.users.LoginFailureDao;
import java.util.List;

/** Every SQL object of the service, prepared once per pool; a test keeps the list complete. */
public final class SqlObjects {
    public static final List<Class<?>> ALL = List.of(AgreementDao.class, FollowUpDao.class, AuditDao.class,
            UserDao.class, DeviceDao.class, DiagnosticDao.class, CommuneDao.class, EstablishmentDao.class,
            ExportDao.class, FamilyDao.class, ReportDao.class, CatchmentDao.class, EnrolmentDao.class,
            LoginFailureDao.class, AnonymisationDao.class, FamilyExportDao.class);

    private SqlObjects() {
    }
}
