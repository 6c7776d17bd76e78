package fr.ecole.lending.scanning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

@Path("/api")
@RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
public class LabelResource {
    private final LabelService labels;

    public LabelResource(LabelService labels) {
        this.labels = labels;
    }

    @GET
    @Path("devices/{assetTag}/label.png")
    @Produces("image/png")
    @Operation(summary = "Étiquette d'un appareil en PNG (QR code et numéro d'inventaire)")
    @Errors({"404 unknown_device"})
    public Response devicePng(@Auth User caller, @PathParam("assetTag") AssetTag assetTag) {
        return Response.ok(labels.devicePng(caller, assetTag), "image/png").build();
    }

    @GET
    @Path("devices/{assetTag}/label.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "Étiquette d'un appareil en SVG")
    @Errors({"404 unknown_device"})
    public Response deviceSvg(@Auth User caller, @PathParam("assetTag") AssetTag assetTag) {
        return Response.ok(labels.deviceSvg(caller, assetTag), "image/svg+xml; charset=utf-8").build();
    }

    @GET
    @Path("agreements/{number}/label.png")
    @Produces("image/png")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
    @Operation(summary = "QR code d'une convention en PNG")
    @Errors({"404 unknown_agreement"})
    public Response agreementPng(@Auth User caller, @PathParam("number") String number) {
        return Response.ok(labels.agreementPng(caller, number), "image/png").build();
    }

    /**
     * A print-ready sheet of the pool's labels: all of them, those of a status or kind, or exactly
     * the tags listed ({@code assetTags=A,B,C}); on label stock {@code layout} with margins in mm.
     */
    @GET
    @Path("establishments/{uai}/labels.pdf")
    @Produces("application/pdf")
    @Operation(summary = "Planche A4 d'étiquettes du parc d'un établissement (PDF)")
    @Errors({"422 invalid_value", "422 other_establishment", "422 too_many_labels", "422 no_labels",
            "422 invalid_label"})
    public Response sheet(@Auth User caller,
                          @PathParam("uai") Uai uai,
                          @Parameter(schema = @Schema(implementation = DeviceStatus.class)) @QueryParam("status") String status,
                          @Parameter(schema = @Schema(implementation = DeviceKind.class)) @QueryParam("kind") String kind,
                          @QueryParam("assetTags") String assetTags,
                          @QueryParam("layout") String layout,
                          @QueryParam("marginTop") String marginTop,
                          @QueryParam("marginLeft") String marginLeft,
                          @QueryParam("line") String line) {
        List<String> tags = assetTags == null || assetTags.isBlank() ? List.of()
                : Arrays.stream(assetTags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        byte[] pdf = labels.sheet(caller, uai, new LabelService.SheetRequest(
                QueryParams.enumValue(DeviceStatus.class, status, "status"),
                QueryParams.enumValue(DeviceKind.class, kind, "kind"), tags, layout,
                millimetres(marginTop, "marginTop"), millimetres(marginLeft, "marginLeft"), line));
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"etiquettes-" + uai + ".pdf\"").build();
    }

    /** What a scanned code stands for: {@code {"type": "DEVICE"|"AGREEMENT", ...}}. */
    @GET
    @Path("scan")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Identifier un code scanné : appareil ou convention")
    @Errors({"404 unknown_code", "422 missing_value"})
    public ObjectNode scan(@Auth User caller, @QueryParam("code") String code) {
        return labels.scan(caller, code);
    }

    private static Double millimetres(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip().replace(',', '.'));
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("invalid_value", name, "« " + name + " » est une marge en millimètres, par exemple 4.5.");
    }
}
