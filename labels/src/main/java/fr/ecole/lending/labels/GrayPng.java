package fr.ecole.lending.labels;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An 8-bit grayscale image whose bytes are laid out as a PNG's scanlines (a filter-type byte before
 * each row), so that it is compressed as it stands: no copy of the raster, no per-row filter search
 * as in ImageIO's writer, which took half of a label's time.
 *
 * <p>Draw on {@link #image()} (Java2D) or into {@link #pixels()} at {@link #offset(int, int)}, then
 * call {@link #png()} once: it filters the rows in place.
 */
final class GrayPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte FILTER_NONE = 0;
    private static final byte FILTER_UP = 2;
    private static final ComponentColorModel GRAY = new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false, ComponentColorModel.OPAQUE, DataBuffer.TYPE_BYTE);

    private final int width;
    private final int height;
    /** Row {@code y} is its filter byte at {@code y * (width + 1)}, then its {@code width} pixels. */
    private final byte[] scanlines;
    private final BufferedImage image;

    /** A white image. */
    GrayPng(int width, int height) {
        this.width = width;
        this.height = height;
        scanlines = new byte[(width + 1) * height];
        Arrays.fill(scanlines, (byte) 0xFF);
        for (int y = 0; y < height; y++) {
            scanlines[y * (width + 1)] = FILTER_NONE;
        }
        // the raster skips each row's filter byte: Java2D draws on the scanlines themselves
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(scanlines, scanlines.length),
                width, height, width + 1, 1, new int[] {1}, null);
        image = new BufferedImage(GRAY, raster, false, null);
    }

    BufferedImage image() {
        return image;
    }

    byte[] pixels() {
        return scanlines;
    }

    /** Where pixel ({@code x}, {@code y}) is in {@link #pixels()}. */
    int offset(int x, int y) {
        return y * (width + 1) + 1 + x;
    }

    /**
     * The PNG. A row equal to the one above is stored with the "Up" filter, all zeros, which costs
     * deflate next to nothing (a label is mostly rows repeated: a QR module is 8 pixels high, and
     * blank); other rows unfiltered. The fastest deflate level: black and white compress well at any.
     */
    byte[] png() {
        int stride = width + 1;
        // from the bottom up, so that the row above is still unfiltered when compared
        for (int y = height - 1; y > 0; y--) {
            int row = y * stride + 1;
            if (Arrays.equals(scanlines, row, row + width, scanlines, row - stride, row - stride + width)) {
                scanlines[row - 1] = FILTER_UP;
                Arrays.fill(scanlines, row, row + width, (byte) 0);
            }
        }
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample; colour type 0 (gray), deflate, standard filters, no interlace: zeros

        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(scanlines);
            deflater.finish();
            // signature, IHDR chunk, then the IDAT chunk's length and type, its data deflated in place
            int idat = SIGNATURE.length + 12 + header.length;
            byte[] out = new byte[idat + 8 + scanlines.length / 16 + 1024];
            System.arraycopy(SIGNATURE, 0, out, 0, SIGNATURE.length);
            chunk(out, SIGNATURE.length, "IHDR", header, header.length);
            int end = idat + 8;
            while (!deflater.finished()) {
                if (end == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                end += deflater.deflate(out, end, out.length - end);
            }
            int length = end - idat - 8;
            putInt(out, idat, length);
            System.arraycopy("IDAT".getBytes(StandardCharsets.US_ASCII), 0, out, idat + 4, 4);
            out = Arrays.copyOf(out, end + 4 + 12);
            putInt(out, end, crc(out, idat + 4, 4 + length));
            chunk(out, end + 4, "IEND", new byte[0], 0);
            return out;
        } finally {
            deflater.end();
        }
    }

    /** Writes a whole chunk (length, type, data, CRC) at {@code at}. */
    private static void chunk(byte[] out, int at, String type, byte[] data, int length) {
        putInt(out, at, length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, out, at + 4, 4);
        System.arraycopy(data, 0, out, at + 8, length);
        putInt(out, at + 8 + length, crc(out, at + 4, 4 + length));
    }

    /** A chunk's CRC covers its type and data. */
    private static int crc(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }
}
