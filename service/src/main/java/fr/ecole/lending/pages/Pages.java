package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.AgreementDocumentService;
import fr.ecole.lending.agreements.FollowUpService;
import fr.ecole.lending.agreements.HandoverService;
import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.agreements.ReturnService;
import fr.ecole.lending.agreements.SwapService;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.TokenAuthenticator;
import fr.ecole.lending.auth.TokenHasher;
import fr.ecole.lending.care.DeviceCareService;
import fr.ecole.lending.devices.DeviceRegistration;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.funders.FunderService;
import fr.ecole.lending.http.ClientAddress;
import fr.ecole.lending.messages.MessageService;
import fr.ecole.lending.referrals.ReferralService;
import fr.ecole.lending.reports.ReportService;
import fr.ecole.lending.surveys.SurveyAnswers;
import fr.ecole.lending.surveys.SurveyService;
import fr.ecole.lending.scanning.LabelService;
import fr.ecole.lending.territory.CatchmentService;
import fr.ecole.lending.territory.EnrolmentService;
import fr.ecole.lending.territory.OutlineService;
import fr.ecole.lending.users.UserService;
import freemarker.template.Configuration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.views.common.ViewMessageBodyWriter;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The pages served beside the API, for people at a desk, in a social service or a collectivity. They
 * call the same services as the API's resources, so the roles and scopes are decided in one place.
 */
public final class Pages {
    /** What the pages call: the services the API's resources call too. */
    public record Services(UserService users, TokenAuthenticator authenticator, TokenHasher tokens,
                           ClientAddress clientAddress, LabelService labels, FamilyService families,
                           DiagnosticService diagnostics, DeviceService devices,
                           DeviceRegistration registration, LendingService lending,
                           ReturnService returns, SwapService swaps, HandoverService handovers,
                           DeviceCareService care,
                           EstablishmentService establishments, AgreementDocumentService documents,
                           FollowUpService followUps, ReportService reports, Audit audit,
                           CatchmentService catchments, EnrolmentService enrolments, OutlineService outlines,
                           ReferralService referrals, SurveyService surveys, SurveyAnswers surveyAnswers,
                           MessageService messages, FunderService funders,
                           Clock clock) {
    }

    private Pages() {
    }

    /**
     * {@code maxDeliveryBytes}: the largest delivery file the pool page may send, the desk's CSV limit
     * that the body limit filter holds its form to; the page says it, and checks it before sending.
     * {@code contactsKeptAfterHandled}: how long a request to be called back stays once handled, which
     * the survey page tells its readers.
     */
    public static void register(Environment environment, Services services, long maxDeliveryBytes,
                                Period contactsKeptAfterHandled) {
        FreemarkerViewRenderer freemarker = new FreemarkerViewRenderer(Configuration.VERSION_2_3_34);
        // a template's error never shows its stack trace in the page: it fails the request, logged with a reference
        freemarker.configure(Map.of("template_exception_handler", "rethrow", "log_template_exceptions", "false"));
        environment.jersey().register(new ViewMessageBodyWriter(environment.metrics(), List.of(freemarker)));
        environment.jersey().register(new PageExceptionMapper());
        environment.servlets().addFilter("page-security-headers", new SecurityHeaders())
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
        Assets.register(environment);

        BrowserSession sessions = new BrowserSession(services.authenticator(), services.tokens());
        environment.jersey().register(new PageNotFoundMapper(sessions));
        environment.jersey().register(new SignInResource(services.users(), sessions, services.clientAddress()));
        DeskScans scans = new DeskScans(services.labels(), services.families(), environment.getObjectMapper());
        DeskSwaps swaps = new DeskSwaps(services.devices(), services.swaps());
        Desk desk = new Desk(scans, services.families(), services.diagnostics(), services.devices(), services.lending(),
                services.returns(), swaps, services.establishments(), services.documents(), services.clock());
        BetweenLoans betweenLoans = new BetweenLoans(desk, services.families(), services.devices(), services.care(),
                services.establishments(), services.documents(), services.messages(), services.handovers());
        DeskHandovers handovers = new DeskHandovers(services.handovers(), services.lending(), services.families(),
                services.establishments());
        environment.jersey().register(new DeskResource(sessions, desk, betweenLoans, services.documents(),
                services.followUps(), swaps, handovers));
        environment.jersey().register(new PoolResource(sessions, new Pool(desk, services.devices(), services.registration(),
                services.labels(), services.establishments(), maxDeliveryBytes)));
        environment.jersey().register(new SurveyDeskResource(sessions, new SurveyDesk(desk, services.surveys(),
                services.surveyAnswers(), services.establishments(), contactsKeptAfterHandled)));
        environment.jersey().register(new SocialResource(sessions, new Social(services.families(), services.diagnostics())));
        environment.jersey().register(new SurveyFormResource(new SurveyForm(services.surveyAnswers()),
                services.clientAddress()));
        environment.jersey().register(new ReferralsResource(sessions, new Referrals(services.families(),
                services.diagnostics(), services.referrals())));
        environment.jersey().register(new AdminResource(sessions, services.users(), services.audit(),
                new AdminImports(services.establishments(), services.catchments(), services.enrolments(),
                        services.diagnostics(), services.outlines(), environment.getObjectMapper())));
        environment.jersey().register(new DashboardResource(sessions, new Dashboard(services.reports(), services.outlines(), services.clock()),
                services.reports()));
        environment.jersey().register(new FunderPageResource(sessions, services.reports(), services.funders()));
    }
}
