package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.funders.FunderService;
import fr.ecole.lending.reports.ReportResource;
import fr.ecole.lending.reports.ReportService;
import fr.ecole.lending.reports.ReportTable;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A funder's own page ({@code /financeur}): where the devices it paid for are and how many are out,
 * by establishment, and the same report as CSV. The same report the API gives it, the same protection.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
public final class FunderPageResource {
    static final String PAGE = "/financeur";
    static final String CSV = PAGE + "/appareils.csv";

    private final BrowserSession sessions;
    private final ReportService reports;
    private final FunderService funders;

    FunderPageResource(BrowserSession sessions, ReportService reports, FunderService funders) {
        this.sessions = sessions;
        this.reports = reports;
        this.funders = funders;
    }

    @GET
    @Path("financeur")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public FunderView page(@Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), PAGE, Role.FUNDER);
        String name = funders.get(signedIn.user().funderId()).name();
        return new FunderView(signedIn, name, report(signedIn));
    }

    /** The report as a French spreadsheet opens it, exactly the API's CSV. */
    @GET
    @Path("financeur/appareils.csv")
    @Produces("text/csv")
    public Response csv(@Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), PAGE, Role.FUNDER);
        ReportTable table = report(signedIn);
        return Response.ok(ReportResource.csv(table), "text/csv; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"appareils-finances-" + table.to() + ".csv\"").build();
    }

    /** Its devices wherever they are, by establishment, over the school year so far. */
    private ReportTable report(BrowserSession.SignedIn signedIn) {
        return reports.report(signedIn.user(), "loans", null, "establishment", null, null, null, false);
    }
}
