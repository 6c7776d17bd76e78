package fr.ecole.lending.devices;

import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.establishments.Uai;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import fr.ecole.lending.http.ApiException;
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
    private final LendingService lending;

    public DeviceResource(DeviceService devices, LendingService lending) {
        this.devices = devices;
        this.lending = lending;
    }

    @POST
    @Path("establishments/{uai}/devices")
    public Response create(@Auth User caller, @PathParam("uai") String uai, NewDevice request) {
        Device device = devices.create(caller, Uai.parse(uai, "uai"), request);
        return Response.created(UriBuilder.fromPath("/api/devices/{tag}").build(device.assetTag()))
                .entity(device).build();
    }

    /** A delivery: a CSV of devices registered together; the answer names the sheet of their labels. */
    @POST
    @Path("establishments/{uai}/imports/devices")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public DeviceService.DeliveryImport importDelivery(@Auth User caller, @PathParam("uai") String uai, InputStream csv) {
        return devices.importDelivery(caller, Uai.parse(uai, "uai"), csv);
    }

    @GET
    @Path("establishments/{uai}/devices")
    public Page<Device> list(@Auth User caller, @PathParam("uai") String uai,
                             @QueryParam("status") String status, @QueryParam("kind") String kind,
                             @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return devices.list(caller, Uai.parse(uai, "uai"), QueryParams.enumValue(DeviceStatus.class, status, "status"),
                QueryParams.enumValue(DeviceKind.class, kind, "kind"), PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("devices/{assetTag}")
    public Device get(@Auth User caller, @PathParam("assetTag") String assetTag) {
        return devices.get(caller, assetTag);
    }

    @PATCH
    @Path("devices/{assetTag}")
    public Device changeStatus(@Auth User caller, @PathParam("assetTag") String assetTag,
                               DeviceStatusChange change) {
        return lending.changeStatus(caller, assetTag, change);
    }

    /** Staff confirm a returned device was wiped of the last family's data; only then is it lent again. */
    @POST
    @Path("devices/{assetTag}/wipe")
    public Device confirmWiped(@Auth User caller, @PathParam("assetTag") String assetTag, DeviceNote note) {
        return lending.confirmWiped(caller, assetTag, note);
    }

    /** A device moves to another school's pool, within the territory of its funder. */
    @POST
    @Path("devices/{assetTag}/transfer")
    public Device transfer(@Auth User caller, @PathParam("assetTag") String assetTag, DeviceService.Transfer request) {
        return devices.transfer(caller, assetTag, request);
    }

    /** A device received back at another school has arrived home. */
    @POST
    @Path("devices/{assetTag}/home")
    public Device backHome(@Auth User caller, @PathParam("assetTag") String assetTag) {
        return lending.backHome(caller, assetTag);
    }

    @GET
    @Path("devices/{assetTag}/repairs")
    public List<DeviceDao.RepairRow> repairs(@Auth User caller, @PathParam("assetTag") String assetTag) {
        return devices.repairs(caller, assetTag);
    }

    /** The pool's 4G dongles and their data plans, to renew plans before they lapse. */
    @GET
    @Path("establishments/{uai}/sims")
    public List<Device> sims(@Auth User caller, @PathParam("uai") String uai,
                             @QueryParam("endingBefore") String endingBefore) {
        LocalDate before = null;
        if (endingBefore != null && !endingBefore.isBlank()) {
            try {
                before = LocalDate.parse(endingBefore.strip());
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("invalid_value", "endingBefore", "« endingBefore » est une date AAAA-MM-JJ.");
            }
        }
        return devices.dongles(caller, Uai.parse(uai, "uai"), before);
    }

    @GET
    @Path("devices/{assetTag}/history")
    public Page<DeviceEvent> history(@Auth User caller, @PathParam("assetTag") String assetTag,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return devices.history(caller, assetTag, PageRequest.parse(limit, cursor));
    }
}
