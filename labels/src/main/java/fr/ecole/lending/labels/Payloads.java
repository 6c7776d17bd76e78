package fr.ecole.lending.labels;

/**
 * What a label's QR code holds: {@code <base URL>/d/<asset tag>} for a device and
 * {@code <base URL>/a/<number>} for an agreement, so that a phone's camera opens them; or, without
 * a base URL, the bare tag or number. The scan at the desk reads both forms. A survey slip's code
 * holds {@code <base URL>/enquete#<code>}: after the {@code #}, the code never reaches a server's log.
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

    public String survey(String code) {
        return baseUrl == null ? code : baseUrl + "/enquete#" + code;
    }

    /** The survey's form, where a family types its code; null without a base URL. */
    public String surveyForm() {
        return baseUrl == null ? null : baseUrl + "/enquete";
    }
}
