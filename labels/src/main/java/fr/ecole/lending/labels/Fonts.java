package fr.ecole.lending.labels;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * DejaVu Sans, a free Unicode font, read from the classpath: labels print any Latin, Greek,
 * Cyrillic, Arabic or Hebrew name the same on a machine with no fonts installed.
 */
public final class Fonts {
    private static final String FOLDER = "/net/sf/jasperreports/fonts/dejavu/";
    static final String REGULAR = FOLDER + "DejaVuSans.ttf";
    static final String BOLD = FOLDER + "DejaVuSans-Bold.ttf";
    private static final byte[] REGULAR_BYTES = read(REGULAR);
    private static final byte[] BOLD_BYTES = read(BOLD);
    private static final Font AWT_REGULAR = awt(REGULAR_BYTES);
    private static final Font AWT_BOLD = awt(BOLD_BYTES);

    private Fonts() {
    }

    /**
     * The font embedded in {@code document} (a subset of it), drawing each character with its own glyph.
     * PDFBox otherwise applies the font's substitutions (GSUB) as it writes: "ff", "fi", "fl", "ffi"
     * become one ligature glyph, which the text layer gives back as a character of its own (U+FB00 to
     * U+FB04), so that a copied or searched name, or one read aloud, is not the name printed.
     */
    public static PDType0Font embed(PDDocument document, boolean bold) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bold ? BOLD_BYTES : REGULAR_BYTES));
        font.setEnableGsub(false);
        document.registerTrueTypeFontForClosing(font);
        return PDType0Font.load(document, font, true);
    }

    static Font awt(boolean bold, float size) {
        return (bold ? AWT_BOLD : AWT_REGULAR).deriveFont(size);
    }

    private static byte[] read(String path) {
        try (InputStream in = Fonts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Font awt(byte[] ttf) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(ttf));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("the label font cannot be read", e);
        }
    }
}
