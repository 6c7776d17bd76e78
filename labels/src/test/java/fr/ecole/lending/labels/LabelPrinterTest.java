package fr.ecole.lending.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** Labels are tested the way they are used: printed (rendered), then read back by a scanner (ZXing). */
class LabelPrinterTest {
    static final int DPI = 200;

    static Label label(int i) {
        String tag = "TAG" + String.format("%05d", i) + "X";
        return new Label("https://pret.example.org/d/" + tag, List.of(tag, "Ordinateur portable",
                "Collège les Hautes Ourmes", "Propriété du département d'Ille-et-Vilaine"), tag);
    }

    static String decode(BufferedImage image, BarcodeFormat format) {
        try {
            Result result = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format),
                    DecodeHintType.TRY_HARDER, true));
            return result.getText();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** Renders each page at 200 dpi and reads back the QR code of every label cell. */
    static List<String> scanSheet(byte[] pdf, Layout layout, int count) throws IOException {
        List<String> read = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, DPI, ImageType.GRAY);
                for (int cell = 0; cell < layout.labelsPerPage() && read.size() < count; cell++) {
                    int x = pixels(layout.x(cell % layout.columns()));
                    int y = pixels(layout.y(cell / layout.columns()));
                    int side = pixels(layout.labelHeight());
                    read.add(decode(image.getSubimage(x, y, Math.min(side, image.getWidth() - x),
                            Math.min(side, image.getHeight() - y)), BarcodeFormat.QR_CODE));
                }
            }
        }
        return read;
    }

    static int pixels(double millimetres) {
        return (int) Math.round(millimetres / 25.4 * DPI);
    }

    static int pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    @Test
    void everyLabelOfAPrintedSheetScansBackToItsPayload() throws IOException {
        for (Layout layout : List.of(Layout.A4_3X8, Layout.A4_2X7, Layout.ROLL_62)) {
            List<Label> labels = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                labels.add(label(i));
            }
            byte[] pdf = LabelPrinter.pdf(labels, layout);
            assertThat(scanSheet(pdf, layout, labels.size())).as(layout.name())
                    .containsExactlyElementsOf(labels.stream().map(Label::payload).toList());
        }
    }

    @Test
    void layoutsPutTheRightNumberOfLabelsOnAPage() throws IOException {
        List<Label> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(label(i));
        }
        assertThat(Layout.A4_3X8.labelsPerPage()).isEqualTo(24);
        assertThat(Layout.A4_2X7.labelsPerPage()).isEqualTo(14);
        assertThat(pages(LabelPrinter.pdf(fifty, Layout.A4_3X8))).isEqualTo(3);
        assertThat(pages(LabelPrinter.pdf(fifty, Layout.A4_2X7))).isEqualTo(4);
        assertThat(pages(LabelPrinter.pdf(fifty.subList(0, 3), Layout.ROLL_62))).isEqualTo(3);
        assertThat(pages(LabelPrinter.pdf(fifty.subList(0, 24), Layout.A4_3X8))).isEqualTo(1);
    }

    @Test
    void marginsMoveTheLabelsToTheTenthOfAMillimetreAndMustFitThePage() throws IOException {
        Layout shifted = Layout.A4_2X7.withMargins(16.24, 5.06);
        assertThat(shifted.marginTop()).isEqualTo(16.2);
        assertThat(shifted.marginLeft()).isEqualTo(5.1);
        List<Label> labels = List.of(label(1), label(2), label(3));
        assertThat(scanSheet(LabelPrinter.pdf(labels, shifted), shifted, 3))
                .containsExactlyElementsOf(labels.stream().map(Label::payload).toList());
        assertThatThrownBy(() -> Layout.A4_3X8.withMargins(10.0, null))
                .isInstanceOfSatisfying(LabelException.class, e -> assertThat(e.parameter()).isEqualTo("marginTop"));
        assertThatThrownBy(() -> Layout.A4_2X7.withMargins(null, 20.0))
                .isInstanceOfSatisfying(LabelException.class, e -> assertThat(e.parameter()).isEqualTo("marginLeft"));
        assertThatThrownBy(() -> Layout.named("4x10"))
                .isInstanceOfSatisfying(LabelException.class, e -> assertThat(e.parameter()).isEqualTo("layout"));
    }

    @Test
    void aPngLabelScansBackAndAScratchedOneStillDoes() throws IOException {
        Label label = label(7);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(LabelPrinter.png(label)));
        assertThat(decode(image, BarcodeFormat.QR_CODE)).isEqualTo(label.payload());

        // a scratch across a corner of the code: level Q error correction restores it
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        int quiet = 4 * 8;
        int side = image.getWidth() - 2 * quiet;
        g.fillRect(quiet + side / 2, quiet + side * 3 / 5, side / 5, side / 8);
        g.dispose();
        assertThat(decode(image, BarcodeFormat.QR_CODE)).isEqualTo(label.payload());
    }

    @Test
    void anSvgLabelIsVectorModulesThatScanBack() throws IOException {
        Label label = label(9);
        String svg = LabelPrinter.svg(label);
        assertThat(svg).startsWith("<svg").contains("<path", label.lines().get(0)).doesNotContain("<image");
        // draw the path's rectangles as a scanner would see them
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) ").matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int scale = 6;
        BufferedImage image = new BufferedImage(modules * scale, modules * scale, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)").matcher(svg);
        while (run.find()) {
            g.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
                    Integer.parseInt(run.group(3)) * scale, scale);
        }
        g.dispose();
        assertThat(decode(image, BarcodeFormat.QR_CODE)).isEqualTo(label.payload());
    }

    @Test
    void theCode128OfAThermalLabelScansBackToTheTag() throws IOException {
        Label label = new Label("K7M3P9XHA", List.of("K7M 3P9 XHA", "Clé 4G"), "K7M3P9XHA");
        byte[] pdf = LabelPrinter.pdf(List.of(label), Layout.ROLL_62);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 300, ImageType.GRAY);
            // the barcode sits at the bottom right, beside the QR code
            int top = page.getHeight() * 2 / 3;
            BufferedImage bars = page.getSubimage(page.getWidth() * 2 / 5, top, page.getWidth() * 3 / 5,
                    page.getHeight() - top);
            assertThat(decode(bars, BarcodeFormat.CODE_128)).isEqualTo("K7M3P9XHA");
        }
    }

    @Test
    void namesInOtherScriptsPrintAndOnesTheFontLacksDoNotStopTheSheet() throws IOException {
        Label label = new Label("X", List.of("ΑΒΓ-1", "Олена Коваленко", "محمد", "王小明"), null);
        byte[] pdf = LabelPrinter.pdf(List.of(label), Layout.A4_3X8);
        assertThat(pages(pdf)).isEqualTo(1);
    }

    /** A copied or searched name, or one read aloud, is the name printed: no ligature stands for its letters. */
    @Test
    void aSheetsTextLayerGivesBackTheLettersPrinted() throws IOException {
        List<String> names = List.of("Le Goff", "Joffrey Fiflet", "Raffaella Flamand", "Office");
        byte[] pdf = LabelPrinter.pdf(List.of(new Label("X", names, null)), Layout.A4_3X8);
        StringBuilder glyphs = new StringBuilder();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // each glyph's own characters, before the extractor's clean-up folds ligatures back into letters
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    glyphs.append(text.getUnicode());
                }
            }.getText(document);
        }
        assertThat(glyphs.toString()).contains(names).doesNotContainPattern("[\\x{FB00}-\\x{FB06}]");
    }

    @Test
    void aLongLineOfCharactersBeyondTheBasicPlaneIsCutBetweenCharacters() throws IOException {
        Label label = new Label("X", List.of("TAG", "😀".repeat(40), "𝔸".repeat(40)), null);
        assertThat(pages(LabelPrinter.pdf(List.of(label), Layout.A4_3X8))).isEqualTo(1);
        assertThat(LabelPrinter.svg(label)).startsWith("<svg");
    }

    @Test
    void anSvgLabelsTextIsOutlinesThatNeedNoFontAndFitTheLabel() {
        String svg = LabelPrinter.svg(new Label("X", List.of("KR8 R22 8ZZ",
                "Ecole élémentaire publique Volga, une ligne bien trop longue pour tenir"), null));
        assertThat(svg).doesNotContain("<text", "font-family");
        assertThat(svg).contains("<title>KR8 R22 8ZZ / Ecole élémentaire");
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) ").matcher(svg);
        assertThat(size.find()).isTrue();
        double width = Double.parseDouble(size.group(1));
        Matcher x = Pattern.compile("[MLQC](\\d+\\.\\d+) ").matcher(svg);
        while (x.find()) {
            assertThat(Double.parseDouble(x.group(1))).isBetween(0.0, width);
        }
    }

    @Test
    void anEmptySheetIsRefusedRatherThanPrintedBlank() {
        assertThatThrownBy(() -> LabelPrinter.pdf(List.of(), Layout.A4_3X8))
                .isInstanceOfSatisfying(LabelException.class, e -> assertThat(e.parameter()).isEqualTo("labels"));
    }

    @Test
    void aPayloadTooLongForALabelIsRefused() {
        assertThatThrownBy(() -> LabelPrinter.png(new Label("x".repeat(121), List.of(), null)))
                .isInstanceOfSatisfying(LabelException.class, e -> assertThat(e.parameter()).isEqualTo("payload"));
    }
}
