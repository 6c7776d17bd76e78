package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PdfResponse;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * The school's pool ({@code /poste/parc}): the devices listed, a device added, a delivery imported
 * (a CSV file sent from the form itself, so that it works without scripts), and the labels of the
 * devices ticked, of a delivery or of the whole pool. Forms that change something carry the session's
 * token, and a form naming a school the user does not work for changes nothing (403).
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class PoolResource {
    private static final String POOL = "/poste/parc";
    private static final String POLICY = "Content-Security-Policy";

    private final BrowserSession sessions;
    private final Pool pool;

    PoolResource(BrowserSession sessions, Pool pool) {
        this.sessions = sessions;
        this.pool = pool;
    }

    /** The sheet of labels of the devices {@code tags} of {@code school}, or of its whole pool when none are listed. */
    static String labelSheet(String school, List<String> tags) {
        return "/poste/etiquettes.pdf?ecole=" + URLEncoder.encode(school, StandardCharsets.UTF_8)
                + (tags.isEmpty() ? "" : "&appareils=" + URLEncoder.encode(String.join(",", tags), StandardCharsets.UTF_8));
    }

    /** The pool; after a device was added ({@code ajout}), the message naming it and its label. */
    @GET
    @Path("poste/parc")
    public PoolView pool(@QueryParam("ecole") String school, @QueryParam("etat") String status,
                         @QueryParam("q") String query, @QueryParam("ajout") String added, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), POOL, Role.DESK, Role.ADMIN);
        return added == null || added.isBlank() ? pool.view(signedIn, school, status, query)
                : pool.added(signedIn, school, added.strip());
    }

    /**
     * A device added: the page is then asked for again (303), so that reloading it adds nothing; a
     * refusal shows the form as typed, the field refused and why, and writes nothing.
     */
    @POST
    @Path("poste/parc/appareil")
    public Response add(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                        @FormParam("type") String kind, @FormParam("modele") String model,
                        @FormParam("serie") String serial, @FormParam("inventaire") String assetTag,
                        @FormParam("accessoires") String accessories, @FormParam("iccid") String iccid,
                        @FormParam("telephone") String phone, @FormParam("forfait") String dataPlanGb,
                        @FormParam("fin_forfait") String planEnds, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, POOL, Role.DESK, Role.ADMIN);
        String uai = pool.school(signedIn, school);
        PoolView.DeviceForm typed = new PoolView.DeviceForm(text(kind), text(model), text(serial), text(assetTag),
                text(accessories), text(iccid), text(phone), text(dataPlanGb), text(planEnds), null, null);
        Pool.Addition addition = pool.add(signedIn.user(), uai, typed);
        if (addition.assetTag() != null) {
            return Response.seeOther(URI.create(POOL + "?ecole=" + URLEncoder.encode(uai, StandardCharsets.UTF_8)
                    + "&ajout=" + URLEncoder.encode(addition.assetTag(), StandardCharsets.UTF_8))).build();
        }
        PoolView.DeviceForm refused = addition.refused();
        return Response.ok(pool.view(signedIn, uai, null, null)
                .answered(DeskView.Outcome.error("Appareil non ajouté. " + refused.error()), List.of())
                .form(refused, refused.errorField()).at("ajout")).build();
    }

    /** A delivery: the CSV file chosen in the form, taken whole or refused whole. */
    @POST
    @Path("poste/parc/livraison")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public PoolView importDelivery(@FormDataParam(BrowserSession.CSRF_FIELD) String csrf,
                                   @FormDataParam("ecole") String school, @FormDataParam("livraison") InputStream csv,
                                   @FormDataParam("livraison") FormDataContentDisposition file,
                                   @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, POOL, Role.DESK, Role.ADMIN);
        String uai = pool.school(signedIn, school);
        boolean chosen = csv != null && file != null && file.getFileName() != null && !file.getFileName().isBlank();
        return pool.delivered(signedIn, uai, csv, chosen);
    }

    /** The labels of the devices ticked in the list: a POST, for a list of 500 devices is too long for an address. */
    @POST
    @Path("poste/parc/etiquettes")
    @Produces({"application/pdf", MediaType.TEXT_HTML + ";charset=UTF-8"})
    public Response chosenLabels(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("ecole") String school,
                                 @FormParam("etat") String status, @FormParam("q") String query,
                                 @FormParam("appareil") List<String> tags, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, POOL, Role.DESK, Role.ADMIN);
        String uai = pool.school(signedIn, school);
        List<String> chosen = tags == null ? List.of() : tags.stream().map(String::strip).filter(tag -> !tag.isEmpty())
                .distinct().toList();
        if (uai == null || chosen.isEmpty()) {
            return Response.ok(pool.view(signedIn, uai, status, query).answered(DeskView.Outcome.error(uai == null
                    ? "Choisissez d'abord l'établissement au poste de prêt."
                    : "Aucun appareil coché : cochez au moins un appareil de la liste, puis Imprimer les étiquettes "
                    + "choisies."), List.of())).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        return sheet(signedIn, uai, chosen, status, query);
    }

    /**
     * The label sheet of the school's whole pool, or of exactly the devices listed in {@code appareils}
     * (a delivery, a device just added), as the API prints it on its default stock.
     */
    @GET
    @Path("poste/etiquettes.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML + ";charset=UTF-8"})
    public Response labelSheet(@QueryParam("ecole") String school, @QueryParam("appareils") String tags,
                               @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), POOL, Role.DESK, Role.ADMIN);
        String uai = pool.school(signedIn, school);
        if (uai == null) {
            throw ApiException.invalid("invalid_value", "ecole", "Choisissez l'établissement dont imprimer les étiquettes.");
        }
        List<String> listed = tags == null ? List.of() : Arrays.stream(tags.split(",")).map(String::strip)
                .filter(tag -> !tag.isEmpty()).distinct().toList();
        return sheet(signedIn, uai, listed, null, null);
    }

    /**
     * The sheet as a PDF, or the pool's page saying why it cannot be printed (a device not found, too
     * many), each with its own policy whatever the address: the PDF's lets the browser's viewer open it.
     */
    private Response sheet(BrowserSession.SignedIn signedIn, String uai, List<String> tags, String status, String query) {
        try {
            return Response.fromResponse(PdfResponse.of(pool.sheet(signedIn.user(), uai, tags), "etiquettes-" + uai))
                    .header(POLICY, SecurityHeaders.PDF).build();
        } catch (ApiException refused) {
            return Response.status(refused.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header(POLICY, SecurityHeaders.CSP)
                    .entity(pool.view(signedIn, uai, status, query).answered(DeskView.Outcome.error(
                            "Étiquettes non imprimées : " + refused.getMessage()), List.of())).build();
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
