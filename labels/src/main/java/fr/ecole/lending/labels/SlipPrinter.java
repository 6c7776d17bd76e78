package fr.ecole.lending.labels;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;

/**
 * Slips to cut out and hand out, ten to an A4 page (2 × 5 of 105 × 59.4 mm, cut lines drawn): on
 * each, a QR code with its code in clear under it, and a short text beside them set as large as the
 * slip allows.
 */
public final class SlipPrinter {
    public static final int COLUMNS = 2;
    public static final int ROWS = 5;
    private static final double PAGE_WIDTH = 210;
    private static final double PAGE_HEIGHT = 297;
    private static final double WIDTH = PAGE_WIDTH / COLUMNS;
    private static final double HEIGHT = PAGE_HEIGHT / ROWS;
    private static final double POINTS_PER_MM = 72 / 25.4;
    private static final double PADDING = 5;
    private static final double QR_SIDE = 38;
    private static final float CODE_SIZE = 13;
    private static final float LARGEST = 9;
    private static final float SMALLEST = 5;

    private SlipPrinter() {
    }

    public static int perPage() {
        return COLUMNS * ROWS;
    }

    /** The slips on as many pages as they take; fonts embedded (subsets of DejaVu Sans). */
    public static byte[] pdf(List<Slip> slips) {
        if (slips.isEmpty()) {
            throw new LabelException("slips", "Aucun papillon à imprimer.");
        }
        try (PDDocument document = new PDDocument()) {
            PDFont regular = Fonts.embed(document, false);
            PDFont bold = Fonts.embed(document, true);
            for (int first = 0; first < slips.size(); first += perPage()) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    cutLines(content);
                    for (int i = first; i < Math.min(first + perPage(), slips.size()); i++) {
                        int cell = i - first;
                        draw(content, slips.get(i), (cell % COLUMNS) * WIDTH, (cell / COLUMNS) * HEIGHT, regular, bold);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Light dashed lines between the slips, to cut along. */
    private static void cutLines(PDPageContentStream content) throws IOException {
        content.saveGraphicsState();
        content.setStrokingColor(new Color(170, 170, 170));
        content.setLineWidth(0.4f);
        content.setLineDashPattern(new float[] {3, 3}, 0);
        for (int column = 1; column < COLUMNS; column++) {
            content.moveTo(LabelPrinter.points(column * WIDTH), 0);
            content.lineTo(LabelPrinter.points(column * WIDTH), LabelPrinter.points(PAGE_HEIGHT));
        }
        for (int row = 1; row < ROWS; row++) {
            content.moveTo(0, LabelPrinter.points(row * HEIGHT));
            content.lineTo(LabelPrinter.points(PAGE_WIDTH), LabelPrinter.points(row * HEIGHT));
        }
        content.stroke();
        content.restoreGraphicsState();
    }

    private static void draw(PDPageContentStream content, Slip slip, double left, double top, PDFont regular,
                             PDFont bold) throws IOException {
        BitMatrix qr = Codes.qr(slip.payload());
        double module = QR_SIDE / (qr.getWidth() + 2 * Codes.QUIET_ZONE);
        double qrLeft = left + PADDING + Codes.QUIET_ZONE * module;
        double qrTop = top + PADDING + Codes.QUIET_ZONE * module;
        content.saveGraphicsState();
        content.transform(new Matrix(LabelPrinter.points(module), 0, 0, -LabelPrinter.points(module),
                LabelPrinter.points(qrLeft), LabelPrinter.points(PAGE_HEIGHT - qrTop)));
        LabelPrinter.darkRuns(qr, (x, y, length) -> content.addRect(x, y, length, 1));
        content.fill();
        content.restoreGraphicsState();

        String code = LabelPrinter.printable(bold, slip.code());
        float codeWidth = width(bold, code, CODE_SIZE);
        double codeBaseline = top + PADDING + QR_SIDE + 5;
        text(content, bold, CODE_SIZE, code, LabelPrinter.points(left + PADDING + QR_SIDE / 2) - codeWidth / 2,
                codeBaseline);

        double textLeft = left + PADDING + QR_SIDE + 3;
        float room = LabelPrinter.points(left + WIDTH - PADDING - textLeft);
        double bottom = top + HEIGHT - PADDING;
        float size = LARGEST;
        List<Line> lines = lines(slip, regular, bold, size, room);
        while (size > SMALLEST && top + PADDING + height(lines) > bottom) {
            size -= 0.5f;
            lines = lines(slip, regular, bold, size, room);
        }
        double baseline = top + PADDING;
        for (Line line : lines) {
            baseline += line.size() / POINTS_PER_MM * 1.25;
            if (baseline > bottom) {
                break;
            }
            text(content, line.font(), line.size(), line.text(), LabelPrinter.points(textLeft), baseline);
        }
    }

    /** A line of the slip's text as it prints. */
    private record Line(PDFont font, float size, String text) {
    }

    private static List<Line> lines(Slip slip, PDFont regular, PDFont bold, float size, float room) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String text : wrap(bold, LabelPrinter.printable(bold, slip.heading()), size, room)) {
            lines.add(new Line(bold, size, text));
        }
        for (String paragraph : slip.text().split("\n")) {
            for (String text : wrap(regular, LabelPrinter.printable(regular, paragraph), size, room)) {
                lines.add(new Line(regular, size, text));
            }
        }
        return lines;
    }

    private static double height(List<Line> lines) {
        return lines.stream().mapToDouble(line -> line.size() / POINTS_PER_MM * 1.25).sum();
    }

    /** The text in lines no wider than {@code room} points, broken between words (inside one only when it is wider alone). */
    static List<String> wrap(PDFont font, String text, float size, float room) throws IOException {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.strip().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            String longer = line.isEmpty() ? word : line + " " + word;
            if (width(font, longer, size) <= room) {
                line = longer;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            line = word;
            while (width(font, line, size) > room && line.length() > 1) {
                int cut = line.length() - 1;
                while (cut > 1 && width(font, line.substring(0, cut), size) > room) {
                    cut--;
                }
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static void text(PDPageContentStream content, PDFont font, float size, String text, float x,
                             double baseline) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, LabelPrinter.points(PAGE_HEIGHT - baseline));
        content.showText(text);
        content.endText();
    }

    private static float width(PDFont font, String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }
}
