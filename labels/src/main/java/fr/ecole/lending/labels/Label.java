package fr.ecole.lending.labels;

import java.util.List;

/**
 * What one label shows: a QR code of {@code payload}, caption lines (the first printed large: the
 * asset tag in clear), and optionally a Code 128 barcode of {@code barcode} for 1-D scanners.
 */
public record Label(String payload, List<String> lines, String barcode) {
    public Label {
        if (payload == null || payload.isEmpty()) {
            throw new LabelException("payload", "Une étiquette a besoin d'un contenu à encoder.");
        }
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
