package fr.ecole.lending.app;

import fr.ecole.lending.agreements.AgreementDao;
import fr.ecole.lending.agreements.FollowUpDao;
import fr.ecole.lending.agreements.HandoverDao;
import fr.ecole.lending.agreements.SwapDao;
import fr.ecole.lending.audit.AuditDao;
import fr.ecole.lending.auth.UserDao;
import fr.ecole.lending.dataprotection.AnonymisationDao;
import fr.ecole.lending.dataprotection.FamilyExportDao;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.diagnostics.DiagnosticDao;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.exports.ExportDao;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.funders.FunderDao;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.messages.MessageDao;
import fr.ecole.lending.referrals.ReferralDao;
import fr.ecole.lending.reports.FunderReportDao;
import fr.ecole.lending.reports.ReferralReportDao;
import fr.ecole.lending.reports.ReportDao;
import fr.ecole.lending.reports.SurveyReportDao;
import fr.ecole.lending.surveys.SurveyDao;
import fr.ecole.lending.territory.CatchmentDao;
import fr.ecole.lending.territory.CommuneOutlineDao;
import fr.ecole.lending.territory.EnrolmentDao;
import fr.ecole.lending.users.LoginFailureDao;
import java.sql.Types;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

/**
 * What the service's connections know of its schema: every SQL object, prepared once per pool (a
 * test keeps the list complete), and how the identifiers typed at the edge (a UAI, an asset tag)
 * are bound as parameters, so that they stay typed down to the queries.
 */
public final class SqlObjects implements JdbiPlugin {
    public static final List<Class<?>> ALL = List.of(AgreementDao.class, FollowUpDao.class, AuditDao.class,
            UserDao.class, DeviceDao.class, DiagnosticDao.class, CommuneDao.class, EstablishmentDao.class,
            ExportDao.class, FamilyDao.class, ReportDao.class, CatchmentDao.class, EnrolmentDao.class,
            LoginFailureDao.class, AnonymisationDao.class, FamilyExportDao.class, CommuneOutlineDao.class,
            ReferralDao.class, ReferralReportDao.class, SurveyDao.class, SurveyReportDao.class,
            SwapDao.class, MessageDao.class, HandoverDao.class, FunderDao.class,
            FunderReportDao.class);

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new TextArgument<>(Uai.class) {
            @Override
            String text(Uai value) {
                return value.value();
            }
        });
        jdbi.registerArgument(new TextArgument<>(AssetTag.class) {
            @Override
            String text(AssetTag value) {
                return value.value();
            }
        });
        // Each handle starts from a copy of these settings; unless the SQL objects' metadata is already
        // here, every transaction builds it again for each DAO it attaches (reflection over every method:
        // most of a check-out's processor time).
        Extensions extensions = jdbi.getConfig(Extensions.class);
        ExtensionFactory sqlObjects = extensions.findFactory(SqlObjectFactory.class).orElseThrow();
        for (Class<?> sqlObject : ALL) {
            extensions.findMetadata(sqlObject, sqlObjects);
        }
    }

    /** A value bound as its text. */
    private abstract static class TextArgument<T> extends AbstractArgumentFactory<T> {
        TextArgument(Class<T> type) {
            super(Types.VARCHAR);
        }

        abstract String text(T value);

        @Override
        protected Argument build(T value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setString(position, text(value));
        }
    }
}
