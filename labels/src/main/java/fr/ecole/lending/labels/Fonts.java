package fr.ecole.lending.labels;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

    public static byte[] regular() {
        return REGULAR_BYTES;
    }

    public static byte[] bold() {
        return BOLD_BYTES;
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
