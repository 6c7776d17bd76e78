package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.reports.ReportResource;
import fr.ecole.lending.reports.ReportService;
import fr.ecole.lending.reports.ReportTable;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The territory's dashboard ({@code /territoire}) and its reports as CSV, for collectivities and
 * administrators: the pages never open {@code /api} to a session cookie, so the CSV has its own
 * address here, answered by the same service with the same protection.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
public final class DashboardResource {
    private static final String DASHBOARD = "/territoire";

    private final BrowserSession sessions;
    private final Dashboard dashboard;
    private final ReportService reports;

    DashboardResource(BrowserSession sessions, Dashboard dashboard, ReportService reports) {
        this.sessions = sessions;
        this.dashboard = dashboard;
        this.reports = reports;
    }

    static String csv(String report, String groupBy, DashboardView.Asked asked) {
        return DASHBOARD + "/rapports/" + report + ".csv?groupBy=" + groupBy + "&territoire=" + encoded(asked.territory())
                + "&du=" + encoded(asked.from()) + "&au=" + encoded(asked.to());
    }

    /** The survey report's CSV: a school year, not a period. */
    static String surveyCsv(DashboardView.Asked asked, int schoolYear) {
        return DASHBOARD + "/rapports/survey.csv?groupBy=establishment&territoire=" + encoded(asked.territory())
                + "&annee=" + schoolYear;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @GET
    @Path("territoire")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public DashboardView page(@QueryParam("territoire") String territory, @QueryParam("du") String from,
                              @QueryParam("au") String to, @QueryParam("indicateur") String indicator,
                              @QueryParam("carte") String mapBy, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), DASHBOARD, Role.COLLECTIVITY, Role.RECTORAT, Role.ADMIN);
        return dashboard.view(signedIn, territory, from, to, indicator, mapBy);
    }

    /** A report as a French spreadsheet opens it, exactly the API's CSV. */
    @GET
    @Path("territoire/rapports/{name}.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("name") String name, @QueryParam("groupBy") String groupBy,
                        @QueryParam("territoire") String territory, @QueryParam("du") String from,
                        @QueryParam("au") String to, @QueryParam("annee") String schoolYear,
                        @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), DASHBOARD, Role.COLLECTIVITY, Role.RECTORAT, Role.ADMIN);
        ReportTable table = reports.report(signedIn.user(), name, territory, groupBy, from, to, null, schoolYear, false);
        String file = table.report() + "-" + table.territory().replace(':', '-') + "-" + table.to() + ".csv";
        return Response.ok(ReportResource.csv(table), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }
}
