package fr.ecole.lending.labels;

/**
 * What a label's QR code holds: {@code <base URL>/d/<asset tag>} for a device and
 * {@code <base URL>/a/<number>} for an agreement, so that a phone's camera opens them; or, without
 * a base URL, the bare tag or number. The scan at the desk reads both forms.
 */
public final class Payloads {
    private final String baseUrl;

    /** {@code baseUrl} empty: bare tags and numbers. */
    public Payloads(String baseUrl) {
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip().replaceAll("/+$", "");
    }

    public String device(String assetTag) {
        return baseUrl == null ? assetTag : baseUrl + "/d/" + assetTag;
    }

    public String agreement(String number) {
        return baseUrl == null ? number : baseUrl + "/a/" + number;
    }
}
