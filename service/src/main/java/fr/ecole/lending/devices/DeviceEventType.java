package fr.ecole.lending.devices;

/** What can happen to a device, as its history tells it. */
public enum DeviceEventType {
    CREATED, LENT, RETURNED, REPAIR_OUT, REPAIR_BACK, WIPED, TRANSFERRED, LOST, RETIRED, STATUS_CHANGED,
    /** Handed in at another school, on behalf of the device's own, which has still to confirm it. */
    HANDED_IN,
    /** The device's own school did not take a hand-in as a return: the loan goes on. */
    HAND_IN_REFUSED,
    /** Its agreement followed the pupil to another school: the device is out under that school's agreement. */
    HANDED_OVER
}
