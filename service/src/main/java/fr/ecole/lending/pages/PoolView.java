package fr.ecole.lending.pages;

import java.util.List;

/**
 * A school's pool: its devices, by status, found by tag, serial or model, the labels of those ticked
 * to print; a device to add, a delivery to import, and what the last of these answered.
 */
public final class PoolView extends SchoolPageView<PoolView> {
    public record Status(String value, String label, boolean chosen) {
    }

    public record Line(String assetTag, String kind, String model, String serial, String status) {
    }

    public record Kind(String value, String label) {
    }

    /**
     * The form "Ajouter un appareil" as typed, kept whole after a refusal, with the field refused
     * (its {@code id} in the page) and why. Field names are the page's: French, as the labels.
     */
    public record DeviceForm(String kind, String model, String serial, String assetTag, String accessories,
                             String iccid, String phone, String dataPlanGb, String planEnds,
                             String errorField, String error) {
        static final DeviceForm EMPTY = new DeviceForm("", "", "", "", "", "", "", "", "", null, null);

        DeviceForm refused(String field, String why) {
            return new DeviceForm(kind, model, serial, assetTag, accessories, iccid, phone, dataPlanGb, planEnds,
                    field, why);
        }

        public boolean inError(String field) {
            return field.equals(errorField);
        }
    }

    private final List<Status> statuses;
    private final String query;
    private final List<Line> devices;
    private final boolean cut;
    private final List<Kind> kinds;
    private final long maxDeliveryBytes;
    private List<String> deliveryTags = List.of();
    private DeviceForm form = DeviceForm.EMPTY;
    private String focus;

    PoolView(BrowserSession.SignedIn signedIn, String school, String schoolName, List<Status> statuses, String query,
             List<Line> devices, boolean cut, List<Kind> kinds, long maxDeliveryBytes) {
        super("parc.ftlh", "Parc de l'établissement", signedIn, school, schoolName);
        this.statuses = statuses;
        this.query = query;
        this.devices = devices;
        this.cut = cut;
        this.kinds = kinds;
        this.maxDeliveryBytes = maxDeliveryBytes;
    }

    @Override
    PoolView self() {
        return this;
    }

    /** A delivery too long for its tags to fit in a link: its sheet is asked for by a button. */
    PoolView deliveryTags(List<String> tags) {
        this.deliveryTags = tags;
        return this;
    }

    /** The add form as it is to show, and the id of the field that has the focus when the page opens. */
    PoolView form(DeviceForm typed, String focused) {
        this.form = typed;
        this.focus = focused;
        return this;
    }

    public List<Status> getStatuses() {
        return statuses;
    }

    /** The status chosen in the filter ("" for all), kept by the form that prints the ticked labels. */
    public String getStatus() {
        return statuses.stream().filter(Status::chosen).map(Status::value).findFirst().orElse("");
    }

    public String getQuery() {
        return query;
    }

    public List<Line> getDevices() {
        return devices;
    }

    /** More devices than one page shows: the filter narrows them. */
    public boolean isCut() {
        return cut;
    }

    public List<Kind> getKinds() {
        return kinds;
    }

    public List<String> getDeliveryTags() {
        return deliveryTags;
    }

    public DeviceForm getForm() {
        return form;
    }

    /** The field that has the focus when the page opens: the one refused, or the next serial to type. */
    public String getFocus() {
        return focus == null ? "" : focus;
    }

    public String getLabelSheetHref() {
        return getSchool() == null ? null : PoolResource.labelSheet(getSchool(), List.of());
    }

    /** The largest delivery file, in bytes: its form's body is held to it. */
    public long getDeliveryMaxBytes() {
        return maxDeliveryBytes;
    }

    /** The same in words: "4 Mio", "256 Kio". */
    public String getDeliveryMaxSize() {
        return maxDeliveryBytes % (1024 * 1024) == 0 ? maxDeliveryBytes / (1024 * 1024) + " Mio"
                : maxDeliveryBytes / 1024 + " Kio";
    }

    public String getDeliveryExampleHref() {
        return Assets.APP + "/livraison-exemple.csv";
    }
}
