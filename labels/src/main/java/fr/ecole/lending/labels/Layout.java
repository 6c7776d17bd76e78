package fr.ecole.lending.labels;

import java.util.Locale;

/**
 * Where labels sit on a page, in millimetres: the page, the grid of labels, the top-left margin
 * and the gaps between labels. The built-in layouts match common label stock; margins can be
 * adjusted to the tenth of a millimetre for a printer that shifts the sheet.
 */
public record Layout(String name, double pageWidth, double pageHeight, int columns, int rows,
                     double labelWidth, double labelHeight, double marginTop, double marginLeft,
                     double gapX, double gapY) {

    /** A4, 3 × 8 labels of 70 × 37 mm (e.g. Avery L7160-style 24-up stock without side margins). */
    public static final Layout A4_3X8 = new Layout("3x8", 210, 297, 3, 8, 70, 37, 0.5, 0, 0, 0);
    /** A4, 2 × 7 labels of 99.1 × 38.1 mm (e.g. Avery L7163). */
    public static final Layout A4_2X7 = new Layout("2x7", 210, 297, 2, 7, 99.1, 38.1, 15.1, 4.7, 2.5, 0);
    /** One label per page on a 62 mm continuous roll, cut at 29 mm: label printers at a desk. */
    public static final Layout ROLL_62 = new Layout("roll62", 62, 29, 1, 1, 62, 29, 0, 0, 0, 0);

    public Layout {
        if (columns < 1 || rows < 1 || labelWidth <= 0 || labelHeight <= 0) {
            throw new LabelException("layout", "Une disposition compte au moins une étiquette de taille positive.");
        }
        if (marginTop < 0 || marginLeft < 0
                || marginLeft + columns * labelWidth + (columns - 1) * gapX > pageWidth + 0.05
                || marginTop + rows * labelHeight + (rows - 1) * gapY > pageHeight + 0.05) {
            throw new LabelException(marginTop < 0 || marginTop + rows * labelHeight + (rows - 1) * gapY
                    > pageHeight + 0.05 ? "marginTop" : "marginLeft", String.format(Locale.ROOT,
                    "Les étiquettes ne tiennent pas sur la page avec des marges de %.1f mm (haut) et %.1f mm (gauche).",
                    marginTop, marginLeft));
        }
    }

    /** A built-in layout by name: {@code 3x8}, {@code 2x7} or {@code roll62}. */
    public static Layout named(String name) {
        return switch (name == null ? "3x8" : name.strip().toLowerCase(Locale.ROOT)) {
            case "3x8" -> A4_3X8;
            case "2x7" -> A4_2X7;
            case "roll62" -> ROLL_62;
            default -> throw new LabelException("layout", "Disposition « " + name + " » inconnue : 3x8, 2x7 ou roll62.");
        };
    }

    /** The same layout with other margins, rounded to the tenth of a millimetre. */
    public Layout withMargins(Double top, Double left) {
        double newTop = top == null ? marginTop : Math.round(top * 10) / 10.0;
        double newLeft = left == null ? marginLeft : Math.round(left * 10) / 10.0;
        return new Layout(name, pageWidth, pageHeight, columns, rows, labelWidth, labelHeight, newTop, newLeft, gapX, gapY);
    }

    public int labelsPerPage() {
        return columns * rows;
    }

    /** Left edge of the label in column {@code column}, from the page's left. */
    double x(int column) {
        return marginLeft + column * (labelWidth + gapX);
    }

    /** Top edge of the label in row {@code row}, from the page's top. */
    double y(int row) {
        return marginTop + row * (labelHeight + gapY);
    }
}
