package fr.ecole.lending.devices;

public enum DeviceKind {
    LAPTOP, DONGLE_4G, HEADSET, TABLET;

    /** Words for the desk's messages. */
    public String label() {
        return switch (this) {
            case LAPTOP -> "ordinateur portable";
            case DONGLE_4G -> "clé 4G";
            case HEADSET -> "casque";
            case TABLET -> "tablette";
        };
    }
}
