package fr.ecole.lending.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of a PDF as its text layer holds it: what copying from a viewer, a search or a screen reader
 * gets. PDFBox's extractor lays the words out, but each keeps the characters its glyphs map to: the
 * extractor's own clean-up, which folds a ligature glyph ({@code ﬀ}, U+FB00) back into letters, would
 * hide what every other reader of the file gets.
 */
public final class TextLayer {
    private TextLayer() {
    }

    public static String of(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    StringBuilder glyphs = new StringBuilder();
                    positions.forEach(position -> glyphs.append(position.getUnicode()));
                    writeString(glyphs.toString());
                }
            }.getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The images a PDF draws, all pages together (an agreement's QR code is one, a drawn signature another). */
    public static int images(byte[] pdf) {
        int images = 0;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }
}
