package fr.ecole.lending.labels;

/**
 * A slip handed to a family: a QR code of {@code payload}, {@code code} in clear under it, and
 * beside it a heading and a text (paragraphs separated by line breaks), wrapped to the slip.
 */
public record Slip(String payload, String code, String heading, String text) {
    public Slip {
        if (payload == null || payload.isEmpty() || code == null || code.isEmpty()) {
            throw new LabelException("payload", "Un papillon a besoin d'un contenu à encoder et d'un code.");
        }
        heading = heading == null ? "" : heading;
        text = text == null ? "" : text;
    }
}
