package fr.ecole.lending.devices;

/** What can happen to a device, as its history tells it. */
public enum DeviceEventType {
    CREATED, LENT, RETURNED, REPAIR_OUT, REPAIR_BACK, WIPED, TRANSFERRED, LOST, RETIRED, STATUS_CHANGED
}
