package fr.ecole.lending.devices;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A device of a pool, as the API shows it; {@code openLoan} is null unless it is out, and
 * {@code needsWipe} tells a device back from a family that staff have not confirmed wiped yet, and
 * {@code heldAt} the other school that received it back, where it waits to travel home.
 */
public record Device(
        @JsonIgnore long id,
        String assetTag,
        String uai,
        DeviceKind kind,
        String serial,
        String model,
        DeviceStatus status,
        List<String> accessories,
        String fundedBy,
        Sim sim,
        OpenLoan openLoan,
        boolean needsWipe,
        String heldAt,
        Instant createdAt) {

    /**
     * The loan a device is out on: which agreement, since when, until when, and the school whose agreement
     * it is ({@code uai}): another school than the device's own when the agreement followed its pupil.
     */
    public record OpenLoan(String agreementNumber, long familyId, Instant outAt, LocalDate dueDate, String uai) {
    }
}
