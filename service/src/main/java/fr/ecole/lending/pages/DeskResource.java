package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
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
 * The lending desk ({@code /poste}) and a label's QR address ({@code /d/<tag>}): one scan field, and
 * what the scan found. A scan only reads, so it is a GET: the page works as a plain form, and its
 * script (htmx) swaps the answer in without reloading.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class DeskResource {
    private final BrowserSession sessions;
    private final DeskScans scans;

    DeskResource(BrowserSession sessions, DeskScans scans) {
        this.sessions = sessions;
        this.scans = scans;
    }

    @GET
    @Path("poste")
    public Response desk(@QueryParam("code") String code, @Context HttpHeaders headers) {
        String backTo = code == null ? "/poste" : "/poste?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), backTo, Role.DESK, Role.ADMIN);
        DeskScans.Answer answer = code == null || code.isBlank() ? null : scans.scan(signedIn.user(), code);
        return Response.ok(new DeskView(signedIn, answer)).build();
    }

    /** A label's QR address: the device at the desk; one the desk may not see answers 404, as an unknown tag. */
    @GET
    @Path("d/{tag}")
    public Response label(@PathParam("tag") String tag, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(),
                "/d/" + URLEncoder.encode(tag, StandardCharsets.UTF_8), Role.DESK, Role.ADMIN);
        DeskScans.Answer answer = scans.scan(signedIn.user(), tag);
        return Response.status(answer.found() ? 200 : 404).entity(new DeskView(signedIn, answer)).build();
    }
}
