package fr.ecole.lending.devices;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One line of a device's history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceEvent(@JsonIgnore long id, Instant at, DeviceEventType event, String actor,
                          String agreementNumber, String note) {
}
