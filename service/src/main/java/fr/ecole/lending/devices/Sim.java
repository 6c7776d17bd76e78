package fr.ecole.lending.devices;

import java.time.LocalDate;

/** The SIM card of a 4G dongle and its data plan. */
public record Sim(String iccid, String phone, Integer dataPlanGb, LocalDate planEnds) {
}
