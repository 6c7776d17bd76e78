package fr.ecole.lending.labels;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;

/**
 * Renders labels: one label as PNG or SVG, or many as PDF pages laid out on label stock. In SVG
 * and PDF the QR modules are vector rectangles, sharp at any printer resolution.
 */
public final class LabelPrinter {
    private static final double POINTS_PER_MM = 72 / 25.4;
    /** Blank around a label's content on a sheet, in millimetres. */
    private static final double PADDING = 2;
    /** Thinner bars than this do not scan reliably once printed. */
    private static final double MIN_BAR_WIDTH_MM = 0.19;
    private static final int PNG_MODULE_PIXELS = 8;
    private static final int CODE128_QUIET_ZONE = 10;

    private LabelPrinter() {
    }

    /** One label as a PNG: the QR code with its quiet zone, the caption lines under it. */
    public static byte[] png(Label label) {
        BitMatrix qr = Codes.qr(label.payload());
        int side = (qr.getWidth() + 2 * Codes.QUIET_ZONE) * PNG_MODULE_PIXELS;
        float titleSize = PNG_MODULE_PIXELS * 3.2f;
        float lineSize = PNG_MODULE_PIXELS * 2.2f;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D measure = probe.createGraphics();
        int width = side;
        int textHeight = 0;
        for (int i = 0; i < label.lines().size(); i++) {
            FontMetrics metrics = measure.getFontMetrics(Fonts.awt(i == 0, i == 0 ? titleSize : lineSize));
            width = Math.max(width, metrics.stringWidth(label.lines().get(i)) + 4 * PNG_MODULE_PIXELS);
            textHeight += metrics.getHeight();
        }
        measure.dispose();
        GrayPng image = new GrayPng(width, side + textHeight + 2 * PNG_MODULE_PIXELS);
        // the modules straight into the pixels: far quicker than a rectangle per module
        byte[] pixels = image.pixels();
        int left = (width - side) / 2 + Codes.QUIET_ZONE * PNG_MODULE_PIXELS;
        int top = Codes.QUIET_ZONE * PNG_MODULE_PIXELS;
        for (int y = 0; y < qr.getHeight(); y++) {
            int row = image.offset(left, top + y * PNG_MODULE_PIXELS);
            for (int x = 0; x < qr.getWidth(); x++) {
                if (qr.get(x, y)) {
                    Arrays.fill(pixels, row + x * PNG_MODULE_PIXELS, row + (x + 1) * PNG_MODULE_PIXELS, (byte) 0);
                }
            }
            // a module is as high as it is wide: its first pixel row, repeated
            for (int copy = 1; copy < PNG_MODULE_PIXELS; copy++) {
                System.arraycopy(pixels, row, pixels, image.offset(left, top + y * PNG_MODULE_PIXELS + copy),
                        qr.getWidth() * PNG_MODULE_PIXELS);
            }
        }
        Graphics2D g = image.image().createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int baseline = side;
            for (int i = 0; i < label.lines().size(); i++) {
                g.setFont(Fonts.awt(i == 0, i == 0 ? titleSize : lineSize));
                FontMetrics metrics = g.getFontMetrics();
                baseline += metrics.getAscent();
                String line = label.lines().get(i);
                g.drawString(line, (width - metrics.stringWidth(line)) / 2, baseline);
                baseline += metrics.getDescent() + metrics.getLeading();
            }
        } finally {
            g.dispose();
        }
        return image.png();
    }

    /** One label as SVG, in module units: the QR code as one path, the caption lines under it. */
    public static String svg(Label label) {
        BitMatrix qr = Codes.qr(label.payload());
        int side = qr.getWidth() + 2 * Codes.QUIET_ZONE;
        double lineHeight = 3;
        double height = side + label.lines().size() * lineHeight + 1;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(side).append(' ')
                .append(format(height)).append("\" width=\"").append(format(side * 1.0)).append("mm\" height=\"")
                .append(format(height)).append("mm\" shape-rendering=\"crispEdges\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"");
        try {
            darkRuns(qr, (x, y, length) -> svg.append('M').append(x + Codes.QUIET_ZONE).append(' ')
                    .append(y + Codes.QUIET_ZONE).append('h').append(length).append("v1h-").append(length).append('z'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        svg.append("\"/>\n");
        // the text as outlines of DejaVu Sans: the SVG reads the same on a machine without the font
        double baseline = side;
        for (int i = 0; i < label.lines().size(); i++) {
            baseline += lineHeight - (i == 0 ? 0 : 0.4);
            svg.append("<path fill=\"#000\" d=\"").append(outline(label.lines().get(i), i == 0,
                    i == 0 ? 2.6f : 1.8f, side, baseline)).append("\"/>\n");
        }
        svg.append("<title>").append(escape(String.join(" / ", label.lines()))).append("</title>\n");
        return svg.append("</svg>\n").toString();
    }

    /**
     * A line of text as SVG path data, centred in {@code width}, its baseline at {@code baseline}:
     * characters the font lacks become "?", and a line too wide is set smaller, then cut.
     */
    private static String outline(String text, boolean bold, float size, double width, double baseline) {
        FontRenderContext context = new FontRenderContext(null, true, true);
        Font font = Fonts.awt(bold, size);
        StringBuilder printable = new StringBuilder();
        text.codePoints().forEach(c -> printable.appendCodePoint(font.canDisplay(c) ? c : '?'));
        double room = width - 2;
        Font fitted = font;
        GlyphVector glyphs = fitted.createGlyphVector(context, printable.toString());
        if (glyphs.getLogicalBounds().getWidth() > room) {
            fitted = font.deriveFont((float) Math.max(size * 0.6, size * room / glyphs.getLogicalBounds().getWidth()));
            glyphs = fitted.createGlyphVector(context, printable.toString());
        }
        String line = printable.toString();
        while (glyphs.getLogicalBounds().getWidth() > room && line.length() > 1) {
            line = line.substring(0, line.offsetByCodePoints(line.length(), -1));
            glyphs = fitted.createGlyphVector(context, line + "…");
        }
        double left = (width - glyphs.getLogicalBounds().getWidth()) / 2;
        PathIterator path = glyphs.getOutline((float) left, (float) baseline).getPathIterator(null);
        StringBuilder d = new StringBuilder();
        double[] at = new double[6];
        while (!path.isDone()) {
            switch (path.currentSegment(at)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(format(at[0])).append(' ').append(format(at[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(format(at[0])).append(' ').append(format(at[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(format(at[0])).append(' ').append(format(at[1]))
                        .append(' ').append(format(at[2])).append(' ').append(format(at[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(format(at[0])).append(' ').append(format(at[1]))
                        .append(' ').append(format(at[2])).append(' ').append(format(at[3])).append(' ')
                        .append(format(at[4])).append(' ').append(format(at[5]));
                default -> d.append('Z');
            }
            path.next();
        }
        return d.toString();
    }

    /** Labels laid out on as many pages as they take; fonts are embedded (subsets of DejaVu Sans). */
    public static byte[] pdf(List<Label> labels, Layout layout) {
        if (labels.isEmpty()) {
            throw new LabelException("labels", "Aucune étiquette à imprimer : aucun appareil ne correspond à la demande.");
        }
        try (PDDocument document = new PDDocument()) {
            PDFont regular = Fonts.embed(document, false);
            PDFont bold = Fonts.embed(document, true);
            PDRectangle size = new PDRectangle(points(layout.pageWidth()), points(layout.pageHeight()));
            // a pool's labels repeat their lines (kind, school): fitting a line is done once
            Map<String, FittedLine> fitted = new HashMap<>();
            int perPage = layout.labelsPerPage();
            for (int first = 0; first < labels.size(); first += perPage) {
                PDPage page = new PDPage(size);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    for (int i = first; i < Math.min(first + perPage, labels.size()); i++) {
                        int cell = i - first;
                        drawCell(content, labels.get(i), layout, layout.x(cell % layout.columns()),
                                layout.y(cell / layout.columns()), regular, bold, fitted);
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

    /** Where a run of dark modules goes: row {@code y}, from column {@code x}, {@code length} modules. */
    interface RunSink {
        void run(int x, int y, int length) throws IOException;
    }

    /** The QR code's dark modules, row by row, as runs: fewer shapes to draw than modules. */
    static void darkRuns(BitMatrix qr, RunSink sink) throws IOException {
        for (int y = 0; y < qr.getHeight(); y++) {
            int x = 0;
            while (x < qr.getWidth()) {
                if (!qr.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < qr.getWidth() && qr.get(x, y)) {
                    x++;
                }
                sink.run(start, y, x - start);
            }
        }
    }

    /** A caption line as it prints: the characters the font has, the size that fits, cut if need be. */
    private record FittedLine(String text, float size) {
    }

    private static void drawCell(PDPageContentStream content, Label label, Layout layout, double left, double top,
                                 PDFont regular, PDFont bold, Map<String, FittedLine> fitted) throws IOException {
        double pageHeight = layout.pageHeight();
        BitMatrix qr = Codes.qr(label.payload());
        double qrSide = layout.labelHeight() - 2 * PADDING;
        double module = qrSide / (qr.getWidth() + 2 * Codes.QUIET_ZONE);
        double qrLeft = left + PADDING + Codes.QUIET_ZONE * module;
        double qrTop = top + PADDING + Codes.QUIET_ZONE * module;
        // drawn in module units (one unit a module, y downwards): short integers in the page's content
        content.saveGraphicsState();
        content.transform(new Matrix(points(module), 0, 0, -points(module), points(qrLeft), points(pageHeight - qrTop)));
        darkRuns(qr, (x, y, length) -> content.addRect(x, y, length, 1));
        content.fill();
        content.restoreGraphicsState();

        double textLeft = left + PADDING + qrSide + 1;
        double textWidth = left + layout.labelWidth() - PADDING - textLeft;
        double cursor = top + PADDING + 1;
        boolean[] bars = label.barcode() == null ? null : Codes.code128(label.barcode());
        // a Code 128 needs blank of ten bar widths on each side to be found by a scanner
        double bar = bars == null ? 0 : textWidth / (bars.length + 2 * CODE128_QUIET_ZONE);
        double barsHeight = bars != null && bar >= MIN_BAR_WIDTH_MM ? Math.min(8, layout.labelHeight() / 4) : 0;
        double textBottom = top + layout.labelHeight() - PADDING - (barsHeight > 0 ? barsHeight + 1 : 0);
        for (int i = 0; i < label.lines().size(); i++) {
            PDFont font = i == 0 ? bold : regular;
            FittedLine fit = fitted.computeIfAbsent((i == 0 ? "B" : "R") + textWidth + "\n" + label.lines().get(i),
                    key -> fitLine(font, key.substring(key.indexOf('\n') + 1), font == bold ? 11 : 7, points(textWidth)));
            float fontSize = fit.size();
            String line = fit.text();
            double lineHeight = fontSize / POINTS_PER_MM * 1.2;
            if (cursor + lineHeight > textBottom) {
                break;
            }
            cursor += lineHeight;
            content.beginText();
            content.setFont(font, fontSize);
            content.newLineAtOffset(points(textLeft), points(pageHeight - cursor + lineHeight * 0.2));
            content.showText(line);
            content.endText();
        }
        if (barsHeight > 0) {
            double barsTop = top + layout.labelHeight() - PADDING - barsHeight;
            // drawn in bar units, like the QR modules
            content.saveGraphicsState();
            content.transform(new Matrix(points(bar), 0, 0, points(barsHeight),
                    points(textLeft + CODE128_QUIET_ZONE * bar), points(pageHeight - barsTop - barsHeight)));
            int x = 0;
            while (x < bars.length) {
                if (!bars[x]) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < bars.length && bars[x]) {
                    x++;
                }
                content.addRect(start, 0, x - start, 1);
            }
            content.fill();
            content.restoreGraphicsState();
        }
    }

    private static FittedLine fitLine(PDFont font, String text, float largest, float room) {
        try {
            String line = printable(font, text);
            float fontSize = largest;
            while (fontSize > 5 && width(font, line, fontSize) > room) {
                fontSize -= 0.5f;
            }
            return new FittedLine(fit(font, line, fontSize, room), fontSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The line with each character the font cannot draw replaced by "?" (a script DejaVu lacks), so
     * that a name never fails a sheet or a document.
     */
    public static String printable(PDFont font, String line) {
        StringBuilder out = new StringBuilder(line.length());
        line.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(codePoint));
            try {
                font.encode(character);
                out.append(character);
            } catch (IllegalArgumentException | IOException missing) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static float width(PDFont font, String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** The line, cut with an ellipsis when it is wider than {@code room} points. */
    private static String fit(PDFont font, String line, float size, float room) throws IOException {
        if (width(font, line, size) <= room) {
            return line;
        }
        String cut = line;
        while (!cut.isEmpty() && width(font, cut + "…", size) > room) {
            // by whole characters: a character outside the BMP is two chars in Java
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut + "…";
    }

    static float points(double millimetres) {
        return (float) (millimetres * POINTS_PER_MM);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
