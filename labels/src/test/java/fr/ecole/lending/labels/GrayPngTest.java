package fr.ecole.lending.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG writer is checked against ImageIO's reader, pixel for pixel, and against the format's chunk rules. */
class GrayPngTest {

    @Test
    void pixelsDrawnEitherWayReadBackTheSame() throws IOException {
        GrayPng png = new GrayPng(57, 40);
        // repeated rows (stored "Up"), a gradient and text (stored as they are), and bytes set directly
        Graphics2D g = png.image().createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(3, 2, 20, 9);
        g.setPaint(new GradientPaint(0, 0, Color.WHITE, 57, 0, Color.DARK_GRAY));
        g.fillRect(0, 12, 57, 6);
        g.setColor(Color.BLACK);
        g.drawString("Éq", 30, 35);
        g.dispose();
        png.pixels()[png.offset(56, 39)] = 0x42;
        BufferedImage expected = copy(png.image());

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png.png()));

        assertSamePixels(read, expected);
    }

    @Test
    void noiseThatDoesNotCompressStillFits() throws IOException {
        GrayPng png = new GrayPng(300, 300);
        byte[] pixels = png.pixels();
        Random random = new Random(7);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                pixels[png.offset(x, y)] = (byte) random.nextInt(256);
            }
        }
        BufferedImage expected = copy(png.image());

        byte[] bytes = png.png();

        assertThat(bytes.length).isGreaterThan(300 * 300);
        assertSamePixels(ImageIO.read(new ByteArrayInputStream(bytes)), expected);
    }

    @Test
    void chunksFollowTheFormat() {
        GrayPng png = new GrayPng(1, 1);

        ByteBuffer bytes = ByteBuffer.wrap(png.png());

        byte[] signature = new byte[8];
        bytes.get(signature);
        assertThat(signature).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        List<String> types = new ArrayList<>();
        while (bytes.hasRemaining()) {
            int length = bytes.getInt();
            byte[] typeAndData = new byte[4 + length];
            bytes.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertThat(bytes.getInt()).as(type + " CRC").isEqualTo((int) crc.getValue());
            types.add(type);
        }
        assertThat(types).containsExactly("IHDR", "IDAT", "IEND");
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        copy.getRaster().setRect(image.getRaster());
        return copy;
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        int[] actualSamples = actual.getRaster().getPixels(0, 0, actual.getWidth(), actual.getHeight(), (int[]) null);
        int[] expectedSamples = expected.getRaster().getPixels(0, 0, expected.getWidth(), expected.getHeight(), (int[]) null);
        assertThat(actualSamples).isEqualTo(expectedSamples);
    }
}
