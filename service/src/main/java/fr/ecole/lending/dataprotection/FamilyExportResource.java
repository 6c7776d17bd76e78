package fr.ecole.lending.dataprotection;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.families.FamilyResource;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.PdfResponse;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

@Path("/api")
public class FamilyExportResource {
    private static final String PDF = "application/pdf";
    private final FamilyExportService exports;

    public FamilyExportResource(FamilyExportService exports) {
        this.exports = exports;
    }

    /**
     * Everything held about the family: JSON, or with {@code ?format=pdf} (or {@code Accept:
     * application/pdf} first) a printable copy for a family without e-mail.
     */
    @GET
    @Path("families/{id}/export")
    @Produces({MediaType.APPLICATION_JSON, PDF})
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Tout ce qui est conservé sur une famille (JSON, ou PDF avec format=pdf)")
    @Errors({"404 unknown_family", "422 invalid_value"})
    @ApiResponse(responseCode = "200", description = "Ce qui est conservé sur la famille : JSON, ou PDF avec format=pdf", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = FamilyExport.class)),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))})
    public Response export(@Auth User caller,
                           @PathParam("id") String id,
                           @Parameter(schema = @Schema(allowableValues = {"json", "pdf"})) @QueryParam("format") String format,
                           @Context HttpHeaders headers) {
        long familyId = FamilyResource.familyId(id);
        if (pdf(format, headers.getAcceptableMediaTypes())) {
            return PdfResponse.of(FamilyExportPdf.render(exports.export(caller, familyId, "pdf")), "famille-" + familyId);
        }
        return Response.ok(exports.export(caller, familyId, "json"), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static boolean pdf(String format, List<MediaType> accepted) {
        if (format == null || format.isBlank()) {
            return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.valueOf(PDF))
                    && !accepted.get(0).isWildcardType();
        }
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "pdf" -> true;
            default -> throw ApiException.invalid("invalid_value", "format", "« format » vaut json ou pdf.");
        };
    }
}
