package fr.ecole.lending.territory;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.NationalFile;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class OutlineResource {
    private final OutlineService outlines;

    public OutlineResource(OutlineService outlines) {
        this.outlines = outlines;
    }

    /** The communes' outlines for the collectivities' maps: IGN's Admin Express, or any GeoJSON of communes. */
    @POST
    @Path("imports/communes-geo")
    @Consumes({"application/geo+json", MediaType.APPLICATION_JSON})
    @NationalFile
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Importer les contours des communes (GeoJSON, FeatureCollection en WGS 84)")
    @Errors({"422 not_a_feature_collection", "422 invalid_geojson"})
    public OutlineService.OutlineImport importOutlines(@Auth User caller, InputStream geoJson) {
        return outlines.importOutlines(caller, geoJson);
    }
}
