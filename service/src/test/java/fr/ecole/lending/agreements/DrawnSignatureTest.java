package fr.ecole.lending.agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class DrawnSignatureTest {
    /** A canvas as the page's: {@code width} × {@code height}, transparent, with {@code strokes} lines drawn. */
    static BufferedImage canvas(int width, int height, int strokes) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pen = image.createGraphics();
        pen.setColor(new Color(0x16, 0x16, 0x16));
        pen.setStroke(new BasicStroke(3));
        for (int i = 0; i < strokes; i++) {
            pen.drawLine(20 + 40 * i, 150, 60 + 40 * i, 40);
        }
        pen.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static String dataUrl(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    static String refusal(String drawing) {
        try {
            DrawnSignature.parse(drawing);
        } catch (ApiException refused) {
            assertThat(refused.field()).isEqualTo("drawing");
            assertThat(refused.code()).isEqualTo("invalid_drawing");
            return refused.getMessage();
        }
        throw new AssertionError("accepted: " + drawing.substring(0, Math.min(60, drawing.length())));
    }

    @Test
    void noDrawingIsASignatureOnPaper() {
        assertThat(DrawnSignature.parse(null)).isNull();
        assertThat(DrawnSignature.parse("  ")).isNull();
    }

    @Test
    void aDrawingIsTakenWithOrWithoutItsDataUrlPrefixAndComesBackDarkOnWhite() throws Exception {
        byte[] drawn = png(canvas(600, 200, 5));
        for (String sent : new String[] {dataUrl(drawn), Base64.getEncoder().encodeToString(drawn)}) {
            DrawnSignature signature = DrawnSignature.parse(sent);
            assertThat(signature.width()).isEqualTo(600);
            assertThat(signature.height()).isEqualTo(200);
            BufferedImage kept = ImageIO.read(new ByteArrayInputStream(signature.png()));
            // the transparent background is white, the strokes stay dark
            assertThat(kept.getRGB(5, 5) & 0xffffff).isEqualTo(0xffffff);
            assertThat(kept.getRGB(40, 95) & 0xff).isLessThan(128);
        }
    }

    @Test
    void whatTheClientsFileCarriedBesidesTheStrokesIsNotKept() throws Exception {
        BufferedImage image = canvas(600, 200, 5);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode text = new IIOMetadataNode("tEXtEntry");
        text.setAttribute("keyword", "Comment");
        text.setAttribute("value", "hidden-payload-0123456789");
        IIOMetadataNode texts = new IIOMetadataNode("tEXt");
        texts.appendChild(text);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(texts);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        }
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).contains("hidden-payload");

        byte[] kept = DrawnSignature.parse(dataUrl(out.toByteArray())).png();
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("hidden-payload");
    }

    @Test
    void whatIsNotADrawingIsRefusedSayingWhatToDo() throws Exception {
        assertThat(refusal("data:image/png;base64,not base64 at all!")).contains("base64");
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(canvas(600, 200, 5), "gif", gif);
        assertThat(refusal(dataUrl(gif.toByteArray()))).contains("n'est pas une image PNG");
        byte[] truncated = java.util.Arrays.copyOf(png(canvas(600, 200, 5)), 40);
        assertThat(refusal(dataUrl(truncated))).contains("illisible");
        assertThat(refusal(dataUrl(png(canvas(600, 200, 0))))).contains("vide");
        assertThat(refusal(dataUrl(png(canvas(DrawnSignature.MAX_WIDTH + 1, 200, 5))))).contains("2001 × 200");
        assertThat(refusal(dataUrl(png(canvas(600, DrawnSignature.MAX_HEIGHT + 1, 5))))).contains("600 × 1001");
        assertThat(refusal("A".repeat(DrawnSignature.MAX_BYTES / 3 * 4 + 8))).contains("trop lourde");
    }

    @Test
    void aSignatureAtTheLimitsIsTaken() throws Exception {
        assertThat(DrawnSignature.parse(dataUrl(png(canvas(DrawnSignature.MAX_WIDTH, DrawnSignature.MAX_HEIGHT, 5))))
                .width()).isEqualTo(DrawnSignature.MAX_WIDTH);
    }
}
