package fr.ecole.lending.pages;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The camera as a scanner: Chromium's fake camera films a label the service printed (its PNG, from the
 * labels library), and the desk finds the device. Headless Chromium on Linux has no BarcodeDetector, so
 * this is ZXing's JavaScript port at work.
 */
@Tag("sqlite-only")
@ExtendWith({DropwizardExtensionsSupport.class, Browser.Extension.class})
class CameraPagesIT {
    static final Path VIDEO = TestApp.newFolder().resolve("label.y4m");
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory(
            "labelBaseUrl", "https://pret.example.fr");
    static final Browser BROWSER = new Browser("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--use-file-for-fake-video-capture=" + VIDEO.toAbsolutePath());
    static String tag;

    @BeforeAll
    static void aLabelOnFilm() throws Exception {
        Api api = new Api(APP);
        PageSteps.user(api, "pret.camera", "DESK", List.of(COLLEGE), null);
        tag = api.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).expect(201).path("assetTag").asText();
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.base() + "/api/devices/" + tag + "/label.png"))
                .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        writeY4m(ImageIO.read(new ByteArrayInputStream(png.body())), VIDEO);
    }

    /** A few seconds of video (YUV4MPEG2, 4:2:0) of {@code label} on white, as Chromium's fake camera plays it. */
    static void writeY4m(BufferedImage label, Path file) {
        int width = 640;
        int height = 480;
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        // scaled smoothly, as a lens would: the default nearest pixel drops a column of modules here and there
        // at a scale such as 1.05, and a few labels (1 in 500 for ZXing) then never read
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double scale = Math.min((width - 40.0) / label.getWidth(), (height - 40.0) / label.getHeight());
        int w = (int) (label.getWidth() * scale);
        int h = (int) (label.getHeight() * scale);
        g.drawImage(label, (width - w) / 2, (height - h) / 2, w, h, null);
        g.dispose();
        byte[] luma = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = frame.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                luma[y * width + x] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
            }
        }
        byte[] chroma = new byte[width * height / 4];
        java.util.Arrays.fill(chroma, (byte) 128);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 20; i++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(luma);
                    out.write(chroma);
                    out.write(chroma);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCameraReadsAPrintedLabelAndTheDeskFindsTheDevice() {
        PageSteps.signInThrough(BROWSER, "http://localhost:" + APP.getLocalPort(), "/poste", "pret.camera");
        BROWSER.find("#camera-bouton").sendKeys(Keys.ENTER);
        new WebDriverWait(BROWSER.driver(), Duration.ofSeconds(30)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), "Ordinateur portable " + tag));
        assertThat(BROWSER.find("#reponse").getText()).contains("Trouvé", tag, "disponible");
        assertThat(BROWSER.find("#camera").isDisplayed()).isFalse();
        assertThat(BROWSER.focused().getAttribute("id")).isEqualTo("code");
        assertThat(BROWSER.seriousAccessibilityViolations()).isEmpty();
    }
}
