package fr.ecole.lending.agreements;

import fr.ecole.lending.http.ApiException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A signature drawn on screen at the desk, as the page's canvas gives it: a PNG, in base64, with or
 * without its {@code data:image/png;base64,} prefix. It is checked before anything is decoded (size,
 * then the dimensions its header declares), then drawn again on white, so what enters the signed
 * document is a plain picture of the strokes and nothing the client's file carried besides.
 */
public final class DrawnSignature {
    static final String FIELD = "drawing";
    /** A canvas of 600 × 200 with a few strokes weighs a few kilobytes; a photograph is not a signature. */
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_WIDTH = 2000;
    static final int MAX_HEIGHT = 1000;
    /** Fewer dark pixels than this is a tap, not a signature. */
    static final int MIN_INK = 50;
    private static final String DATA_URL = "data:image/png;base64,";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final BufferedImage strokes;

    private DrawnSignature(BufferedImage strokes) {
        this.strokes = strokes;
    }

    /** The drawing sent, checked; null when none was sent (a signature on paper). */
    public static DrawnSignature parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String base64 = text.strip();
        if (base64.startsWith(DATA_URL)) {
            base64 = base64.substring(DATA_URL.length());
        }
        if (base64.length() > MAX_BYTES / 3 * 4 + 4) {
            throw refused("La signature dessinée est trop lourde (" + MAX_BYTES / 1024
                    + " Ko au plus) : effacez-la et faites signer à nouveau.");
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw refused("La signature dessinée n'est pas une image PNG en base64 : faites signer à nouveau.");
        }
        if (png.length < PNG_SIGNATURE.length || !Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw refused("La signature dessinée n'est pas une image PNG : faites signer à nouveau.");
        }
        BufferedImage image = read(png);
        BufferedImage clean = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pen = clean.createGraphics();
        try {
            pen.setColor(Color.WHITE);
            pen.fillRect(0, 0, clean.getWidth(), clean.getHeight());
            pen.drawImage(image, 0, 0, null);
        } finally {
            pen.dispose();
        }
        if (ink(clean) < MIN_INK) {
            throw refused("La signature dessinée est vide : faites signer dans le cadre, ou enregistrez une "
                    + "signature sur papier.");
        }
        return new DrawnSignature(clean);
    }

    /** The strokes, dark on white, as a PNG of their own making. */
    public byte[] png() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(strokes, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int width() {
        return strokes.getWidth();
    }

    public int height() {
        return strokes.getHeight();
    }

    /** Decodes the PNG only once its header has said it is of a signature's size. */
    private static BufferedImage read(byte[] png) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_WIDTH || height > MAX_HEIGHT || width < 1 || height < 1) {
                    throw refused("La signature dessinée mesure " + width + " × " + height + " points (" + MAX_WIDTH
                            + " × " + MAX_HEIGHT + " au plus) : faites signer dans le cadre de la page.");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException refusal) {
                throw refusal;
            }
            throw refused("La signature dessinée est illisible : faites signer à nouveau.");
        }
    }

    private static int ink(BufferedImage gray) {
        int dark = 0;
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                if ((gray.getRGB(x, y) & 0xff) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }

    private static ApiException refused(String message) {
        return ApiException.invalid("invalid_drawing", FIELD, message);
    }
}
