package fr.ecole.lending.devices;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
public class DeviceResource {
    private final DeviceService devices;
    private final DeviceRegistration registration;

    public DeviceResource(DeviceService devices, DeviceRegistration registration) {
        this.devices = devices;
        this.registration = registration;
    }

    @POST
    @Path("establishments/{uai}/devices")
    @Operation(summary = "Ajouter un appareil au parc d'un établissement")
    @ApiResponse(responseCode = "201", description = "Appareil créé",
            content = @Content(schema = @Schema(implementation = Device.class)))
    @Errors({"422 missing_value", "422 invalid_value", "422 invalid_asset_tag", "422 invalid_iccid",
            "422 invalid_territory", "409 duplicate_asset_tag", "409 duplicate_serial", "409 duplicate_device",
            "409 no_funder", "409 other_funder", "404 unknown_funder"})
    public Response create(@Auth User caller, @PathParam("uai") Uai uai, NewDevice request) {
        Device device = registration.create(caller, uai, request);
        return Response.created(UriBuilder.fromPath("/api/devices/{tag}").build(device.assetTag()))
                .entity(device).build();
    }

    /** A delivery: a CSV of devices registered together; the answer names the sheet of their labels. */
    @POST
    @Path("establishments/{uai}/imports/devices")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Importer une livraison d'appareils (CSV) ; la réponse nomme la planche de leurs étiquettes")
    @Errors({"413 too_many_rows", "422 invalid_asset_tag", "409 duplicate_asset_tag", "409 duplicate_serial"})
    public DeviceRegistration.DeliveryImport importDelivery(@Auth User caller, @PathParam("uai") Uai uai, InputStream csv) {
        return registration.importDelivery(caller, uai, csv);
    }

    @GET
    @Path("establishments/{uai}/devices")
    @Operation(summary = "Lister le parc d'un établissement")
    @Errors({"422 invalid_value"})
    public Page<Device> list(@Auth User caller, @PathParam("uai") Uai uai,
                             @Parameter(schema = @Schema(implementation = DeviceStatus.class)) @QueryParam("status") String status,
                             @Parameter(schema = @Schema(implementation = DeviceKind.class)) @QueryParam("kind") String kind,
                             @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return devices.list(caller, uai, QueryParams.enumValue(DeviceStatus.class, status, "status"),
                QueryParams.enumValue(DeviceKind.class, kind, "kind"), PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("establishments/{uai}/devices/held")
    @Operation(summary = "Les appareils d'autres parcs que l'établissement détient (conventions passées, retours reçus)")
    @Errors({"403 outside_scope", "404 unknown_establishment"})
    public Page<Device> held(@Auth User caller, @PathParam("uai") Uai uai, @QueryParam("limit") String limit,
                             @QueryParam("cursor") String cursor) {
        return devices.held(caller, uai, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("devices/{assetTag}")
    @Operation(summary = "Lire un appareil et son prêt en cours")
    @Errors({"404 unknown_device"})
    public Device get(@Auth User caller, @PathParam("assetTag") AssetTag assetTag) {
        return devices.get(caller, assetTag);
    }

    /** A device moves to another school's pool, within the territory of its funder. */
    @POST
    @Path("devices/{assetTag}/transfer")
    @Operation(summary = "Transférer un appareil au parc d'un autre établissement")
    @Errors({"404 unknown_device", "422 invalid_uai", "409 device_on_loan", "409 no_funder", "409 other_funder"})
    public Device transfer(@Auth User caller, @PathParam("assetTag") AssetTag assetTag, DeviceService.Transfer request) {
        return devices.transfer(caller, assetTag, request);
    }

    @GET
    @Path("devices/{assetTag}/repairs")
    @Operation(summary = "Les réparations d'un appareil")
    @Errors({"404 unknown_device"})
    public List<DeviceDao.RepairRow> repairs(@Auth User caller, @PathParam("assetTag") AssetTag assetTag) {
        return devices.repairs(caller, assetTag);
    }

    /** The pool's 4G dongles and their data plans, to renew plans before they lapse. */
    @GET
    @Path("establishments/{uai}/sims")
    @Operation(summary = "Les clés 4G du parc et leurs forfaits, pour renouveler avant échéance")
    @Errors({"422 invalid_value"})
    public List<Device> sims(@Auth User caller, @PathParam("uai") Uai uai,
                             @QueryParam("endingBefore") String endingBefore) {
        LocalDate before = null;
        if (endingBefore != null && !endingBefore.isBlank()) {
            try {
                before = LocalDate.parse(endingBefore.strip());
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("invalid_value", "endingBefore", "« endingBefore » est une date AAAA-MM-JJ.");
            }
        }
        return devices.dongles(caller, uai, before);
    }

    @GET
    @Path("devices/{assetTag}/history")
    @Operation(summary = "L'historique d'un appareil, du plus ancien au plus récent")
    @Errors({"404 unknown_device"})
    public Page<DeviceEvent> history(@Auth User caller, @PathParam("assetTag") AssetTag assetTag,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return devices.history(caller, assetTag, PageRequest.parse(limit, cursor));
    }
}
