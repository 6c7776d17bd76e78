package fr.ecole.lending.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import fr.ecole.lending.agreements.AgreementCopies;
import fr.ecole.lending.agreements.AgreementDocumentService;
import fr.ecole.lending.agreements.AgreementResource;
import fr.ecole.lending.agreements.CampaignResource;
import fr.ecole.lending.agreements.CampaignService;
import fr.ecole.lending.agreements.FollowUpService;
import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.agreements.ReturnResource;
import fr.ecole.lending.agreements.ReturnService;
import fr.ecole.lending.agreements.HandoverResource;
import fr.ecole.lending.agreements.HandoverService;
import fr.ecole.lending.agreements.SwapResource;
import fr.ecole.lending.agreements.SwapService;
import fr.ecole.lending.agreements.Terms;
import fr.ecole.lending.apidocs.ApiDescription;
import fr.ecole.lending.apidocs.ApiDocsResource;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.audit.AuditResource;
import fr.ecole.lending.auth.Administrator;
import fr.ecole.lending.auth.BearerTokenFilter;
import fr.ecole.lending.auth.JsonUnauthorizedHandler;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.SharedTokenKey;
import fr.ecole.lending.auth.TokenAuthenticator;
import fr.ecole.lending.auth.TokenHasher;
import fr.ecole.lending.auth.TokenInUrl;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.care.DeviceCareResource;
import fr.ecole.lending.care.DeviceCareService;
import fr.ecole.lending.dataprotection.DailyPurge;
import fr.ecole.lending.dataprotection.ErasureResource;
import fr.ecole.lending.dataprotection.ErasureService;
import fr.ecole.lending.dataprotection.FamilyExportResource;
import fr.ecole.lending.dataprotection.FamilyExportService;
import fr.ecole.lending.dataprotection.RetentionService;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Migrations;
import fr.ecole.lending.demo.DemoData;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.DeviceRegistration;
import fr.ecole.lending.devices.DeviceResource;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.diagnostics.Criteria;
import fr.ecole.lending.diagnostics.DiagnosticResource;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.establishments.EstablishmentResource;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.exports.ExportResource;
import fr.ecole.lending.exports.ExportService;
import fr.ecole.lending.families.FamilyResource;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.funders.FunderResource;
import fr.ecole.lending.funders.FunderService;
import fr.ecole.lending.families.PromotionService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.AdminPaths;
import fr.ecole.lending.http.ApiExceptionMapper;
import fr.ecole.lending.http.BodyDates;
import fr.ecole.lending.http.BodyLimitFilter;
import fr.ecole.lending.http.BodyText;
import fr.ecole.lending.http.ClientAddress;
import fr.ecole.lending.http.JsonErrorHandler;
import fr.ecole.lending.http.JsonExceptionMapper;
import fr.ecole.lending.http.PrivateResponses;
import fr.ecole.lending.http.QuerylessThreadName;
import fr.ecole.lending.http.TypedParams;
import fr.ecole.lending.http.UnexpectedExceptionMapper;
import fr.ecole.lending.http.WebApplicationExceptionMapper;
import fr.ecole.lending.labels.Payloads;
import fr.ecole.lending.messages.MessageSender;
import fr.ecole.lending.messages.MessageResource;
import fr.ecole.lending.messages.MessageService;
import fr.ecole.lending.messages.SendingHealthCheck;
import fr.ecole.lending.pages.Pages;
import fr.ecole.lending.referrals.ReferralResource;
import fr.ecole.lending.referrals.ReferralService;
import fr.ecole.lending.reports.ReportResource;
import fr.ecole.lending.reports.ReportService;
import fr.ecole.lending.surveys.SurveyAnswerResource;
import fr.ecole.lending.surveys.SurveyAnswers;
import fr.ecole.lending.surveys.SurveyQuestions;
import fr.ecole.lending.surveys.SurveyResource;
import fr.ecole.lending.surveys.SurveyService;
import fr.ecole.lending.scanning.LabelResource;
import fr.ecole.lending.scanning.LabelService;
import fr.ecole.lending.territory.CatchmentResource;
import fr.ecole.lending.territory.CatchmentService;
import fr.ecole.lending.territory.OutlineResource;
import fr.ecole.lending.territory.OutlineService;
import fr.ecole.lending.territory.EnrolmentService;
import fr.ecole.lending.users.LoginThrottle;
import fr.ecole.lending.users.PasswordHasher;
import fr.ecole.lending.users.UserResource;
import fr.ecole.lending.users.UserService;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.forms.MultiPartBundle;
import io.dropwizard.migrations.MigrationsBundle;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: every part of the service is built and wired here, once. */
public class LendingApplication extends Application<LendingConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(LendingApplication.class);

    public static void main(String[] args) throws Exception {
        new LendingApplication().run(args);
    }

    @Override
    public String getName() {
        return "lending";
    }

    @Override
    public void initialize(Bootstrap<LendingConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new BackupCommand());
        bootstrap.addCommand(new PurgeCommand());
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(LendingConfiguration configuration) {
                // "db migrate" opens the database as the server does (folder created, pragmas set), and
                // takes the lock the server's start-up migrates under
                Migrations.holdLockUntilExit(configuration.getDataSourceFactory());
                return configuration.getDataSourceFactory();
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.CHANGELOG;
            }
        });
        // files sent from a plain form: a delivery chosen on the pool page
        bootstrap.addBundle(new MultiPartBundle());
    }

    @Override
    public void run(LendingConfiguration configuration, Environment environment) {
        strictJson(environment.getObjectMapper());
        Clock clock = Clock.systemUTC();

        Migrations.migrate(configuration.getDataSourceFactory());
        Database database = Database.build(environment, configuration.getDataSourceFactory(), new SqlObjects());
        TokenHasher tokens = TokenHasher.of(configuration.getTokenSecret(), Path.of(configuration.getSecretFile()));
        SharedTokenKey.require(database, tokens);
        Audit audit = new Audit(database, clock);
        EstablishmentService establishments = new EstablishmentService(database, audit, clock);
        DeviceService devices = new DeviceService(database, audit, clock);
        FunderService funders = new FunderService(database, audit, clock);
        DeviceRegistration registration = new DeviceRegistration(database, audit, clock);
        FamilyService families = new FamilyService(database, audit, clock);
        Terms terms = new Terms(configuration.getTermsFolder());
        Payloads payloads = new Payloads(configuration.getLabelBaseUrl());
        LendingService lending = new LendingService(database, terms, audit, clock);
        ReturnService returns = new ReturnService(database, audit, clock);
        DiagnosticService diagnostics = new DiagnosticService(database, families,
                Criteria.load(configuration.getCriteriaFile()), audit, clock);
        ReferralService referrals = new ReferralService(database, families, audit, clock);
        SurveyQuestions questions = new SurveyQuestions(diagnostics.criteria());
        SurveyAnswers surveyAnswers = new SurveyAnswers(database, questions, configuration.getSurveyAnswers(), audit, clock);
        SurveyService surveys = new SurveyService(database, questions, audit, clock, payloads);
        // sessions' last uses are written by one thread beside the requests; beyond a thousand waiting, refused
        // (and written at a later request)
        ExecutorService sessionUses = environment.lifecycle().executorService("session-uses-%d")
                .minThreads(1).maxThreads(1).workQueue(new ArrayBlockingQueue<>(1000))
                .rejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy()).build();
        TokenAuthenticator authenticator = new TokenAuthenticator(database, tokens, clock,
                configuration.getAuthenticatedUsersRemembered().toJavaDuration(),
                configuration.getSessionIdleTimeout().toJavaDuration(), sessionUses);
        UserService users = new UserService(database, tokens, new PasswordHasher(configuration.getPasswordHashCost()), new LoginThrottle(database, configuration.getLoginFreeAttempts(), clock),
                audit, clock, authenticator::forgetAll);
        String dataProtectionContact = configuration.getDataProtectionContact() == null
                || configuration.getDataProtectionContact().isBlank() ? null : configuration.getDataProtectionContact().strip();
        if (dataProtectionContact == null) {
            LOG.warn("No dataProtectionContact (LENDING_DATA_PROTECTION_CONTACT): agreements and exports will not "
                    + "say how to reach the data-protection officer");
        }
        CatchmentService catchments = new CatchmentService(database, audit);
        RetentionService retention = new RetentionService(database, audit, configuration.getRetention(), clock);
        if (configuration.getRetention().isDaily()) {
            environment.lifecycle().manage(new DailyPurge(retention, configuration.getRetention().getDailyAt(), clock));
        }
        EnrolmentService enrolments = new EnrolmentService(database, audit);
        OutlineService outlines = new OutlineService(database, audit, clock);

        String adminToken = configuration.getAdminToken();
        if ((adminToken == null || adminToken.isBlank()) && configuration.isDemoData()) {
            adminToken = TokenHasher.newToken();
        }
        String adminPassword = configuration.getAdminPassword();
        boolean adminPasswordMade = (adminPassword == null || adminPassword.isBlank()) && configuration.isDemoData();
        if (adminPasswordMade) {
            adminPassword = TokenHasher.newToken().substring(0, 16);
        }
        long adminId = 0;
        if (adminToken != null && !adminToken.isBlank()) {
            adminId = Administrator.ensure(database, tokens, adminToken);
        } else if (adminPassword != null && !adminPassword.isBlank()) {
            adminId = Administrator.ensureExists(database, tokens);
        }
        if (adminId != 0) {
            User admin = new User(adminId, Administrator.NAME, Role.ADMIN, null, Set.of());
            if (adminPassword != null && !adminPassword.isBlank()) {
                users.ensurePassword(admin, adminId, adminPassword);
            }
            if (configuration.isDemoData()) {
                DemoData demo = new DemoData(establishments, registration, families, lending, returns, diagnostics,
                        catchments, enrolments, outlines, users, surveys, surveyAnswers,
                        funders, environment.getObjectMapper(), clock);
                // demo users get their known tokens once, with the demo: never again over a live database
                List<DemoData.DemoUser> demoUsers = demo.loadIfEmpty(admin) ? demo.provisionUsers(admin) : demo.users();
                StringBuilder message = new StringBuilder("Demo mode. Sign in at /connexion; users, their passwords "
                        + "and the API tokens the demo gave them:\n  ").append(Administrator.NAME).append(" (ADMIN): ")
                        .append(adminPasswordMade ? "password " + adminPassword : "password from LENDING_ADMIN_PASSWORD")
                        .append(", token ").append(adminToken);
                for (DemoData.DemoUser user : demoUsers) {
                    message.append("\n  ").append(user.name()).append(" (").append(user.role()).append("): ")
                            .append(user.password() == null ? "no password" : "password " + user.password())
                            .append(", token ").append(user.token());
                }
                LOG.info(message.toString());
            }
        }

        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            // every error goes out in the API's one shape, from the mappers below
            server.setRegisterDefaultExceptionMappers(false);
        }
        // the servlet layer's own refusals (unreadable headers), in the same shape as the application's
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        // and what Jetty refuses before the application sees it (a malformed request line, an ambiguous path)
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler.ServerLevel()));
        environment.jersey().register(new ApiExceptionMapper());
        environment.jersey().register(new JsonExceptionMapper());
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper());
        environment.jersey().register(new QuerylessThreadName());
        environment.jersey().register(BodyLimitFilter.limits(configuration.getMaxJsonBodyBytes(),
                configuration.getMaxCsvBodyBytes(), configuration.getMaxDeskCsvBodyBytes()));

        // the admin port has no authentication: it answers what operations need, and nothing that changes
        // or shows the running service (config.yml binds it to the machine itself)
        environment.admin().addFilter("operations-only", new AdminPaths())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        // no copy of an answer kept by a browser or a proxy: every one may hold personal data
        environment.servlets().addFilter("private-responses", new PrivateResponses())
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");

        // tokens come in the Authorization header only
        environment.jersey().register(new TokenInUrl());
        environment.jersey().register(new AuthDynamicFeature(new BearerTokenFilter.Builder()
                .setAuthenticator(authenticator)
                .setAuthorizer((user, role, request) -> user.role().name().equals(role))
                .setPrefix("Bearer")
                .setRealm("lending")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .buildAuthFilter()));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        // every text is a tag to look for (an unknown one is simply not found): no refusal to name a field in
        environment.jersey().register(new TypedParams().with(Uai.class, Uai::parse)
                .with(AssetTag.class, (text, field) -> AssetTag.of(text)));
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(User.class));

        environment.jersey().register(new EstablishmentResource(establishments));
        environment.jersey().register(new DeviceResource(devices, registration));
        DeviceCareService care = new DeviceCareService(database, audit, clock);
        environment.jersey().register(new DeviceCareResource(care));
        environment.jersey().register(new FamilyResource(families, new PromotionService(database, audit, clock)));
        AgreementDocumentService documents = new AgreementDocumentService(database, lending, terms, audit, clock,
                payloads, dataProtectionContact);
        FollowUpService followUps = new FollowUpService(database, audit, clock, configuration.getSms().isOn());
        environment.jersey().register(new AgreementResource(lending, documents, new AgreementCopies(database, audit, clock)));
        // e-mails leave after the transaction that queued them committed; none without a mail host
        MessageSender mailSender = MessageSender.mail(database, configuration.getMail(), clock);
        environment.lifecycle().manage(mailSender);
        environment.healthChecks().register("mail", new SendingHealthCheck(mailSender, database));
        // SMS, through the gateway when one is configured, on a thread of their own: a slow gateway delays no e-mail
        MessageSender smsSender = MessageSender.sms(database, configuration.getSms(), clock);
        environment.lifecycle().manage(smsSender);
        environment.healthChecks().register("sms", new SendingHealthCheck(smsSender, database));
        MessageService messages = new MessageService(database, audit, clock);
        environment.jersey().register(new MessageResource(messages));
        environment.jersey().register(new ReturnResource(returns, documents));
        SwapService swaps = new SwapService(database, lending, returns, audit, clock);
        environment.jersey().register(new SwapResource(swaps));
        HandoverService handovers = new HandoverService(database, lending, terms, audit, clock);
        environment.jersey().register(new HandoverResource(handovers));
        environment.jersey().register(new CampaignResource(new CampaignService(database, lending, diagnostics, audit,
                clock), followUps));
        environment.jersey().register(new ErasureResource(new ErasureService(database, audit, clock)));
        ClientAddress clientAddress = ClientAddress.trusting(configuration.getTrustedProxies());
        environment.jersey().register(new UserResource(users, clientAddress));
        environment.jersey().register(new FunderResource(funders));
        environment.jersey().register(new AuditResource(audit));
        environment.jersey().register(new DiagnosticResource(diagnostics));
        environment.jersey().register(new ReferralResource(referrals));
        environment.jersey().register(new ExportResource(new ExportService(database)));
        environment.jersey().register(new FamilyExportResource(new FamilyExportService(database, diagnostics, audit,
                clock, dataProtectionContact)));
        environment.jersey().register(new CatchmentResource(catchments, enrolments));
        environment.jersey().register(new OutlineResource(outlines));
        ReportService reports = new ReportService(database, audit, clock);
        environment.jersey().register(new ReportResource(reports));
        environment.jersey().register(new SurveyResource(surveys, surveyAnswers));
        environment.jersey().register(new SurveyAnswerResource(surveyAnswers, clientAddress));
        LabelService labels = new LabelService(database, lending, environment.getObjectMapper(), payloads);
        environment.jersey().register(new LabelResource(labels));
        Pages.register(environment, new Pages.Services(users, authenticator, tokens, clientAddress, labels, families,
                diagnostics, devices, registration, lending, returns, swaps, handovers, care, establishments, documents,
                followUps, reports, audit, catchments, enrolments, outlines, referrals, surveys, surveyAnswers, messages,
                funders, clock),
                configuration.getMaxDeskCsvBodyBytes(), configuration.getRetention().getContactRequestsAfterHandled());
        // the API's description covers whatever resources are registered above, read when first asked for
        environment.jersey().register(new ApiDocsResource(new ApiDescription(() -> ApiDescription.resourceClasses(
                environment.jersey().getResourceConfig().getClasses()))));
    }

    /** A body that does not fit is refused rather than guessed at: no unknown field, no coerced type. */
    static void strictJson(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.registerModule(BodyDates.module());
        mapper.registerModule(BodyText.module());
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }
}
