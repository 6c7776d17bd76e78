package fr.ecole.lending.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.labels.Layout;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Labels printed from the demo data, read back by a scanner, and what the desk gets from a scan. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LabelsIT {
    static final String BASE = "https://pret.example.org";
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overrides(TestApp.newFolder(), "demoData", "true",
            "labelBaseUrl", BASE));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static byte[] bytes(String path, String token) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(new Api(APP).base() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path + " " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.body();
    }

    static String decode(BufferedImage image) {
        try {
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, true))
                    .getText();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * Each label of a sheet as a scanner reads it. A code that ZXing misses at 200 dpi (about one in
     * a few hundred, where its modules fall between pixels) is read again at other resolutions, as a
     * phone held a little closer or further would.
     */
    static List<String> scanSheet(byte[] pdf, Layout layout, int count) throws IOException {
        int[] resolutions = {200, 300, 250, 400};
        List<String> read = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage[] rendered = new BufferedImage[resolutions.length];
                for (int cell = 0; cell < layout.labelsPerPage() && read.size() < count; cell++) {
                    String code = null;
                    for (int r = 0; r < resolutions.length && code == null; r++) {
                        if (rendered[r] == null) {
                            rendered[r] = renderer.renderImageWithDPI(page, resolutions[r], ImageType.GRAY);
                        }
                        code = decode(cell(rendered[r], layout, cell, resolutions[r]));
                    }
                    read.add(code);
                }
            }
        }
        return read;
    }

    /** The square of a sheet's cell that holds its QR code, at {@code dpi}. */
    static BufferedImage cell(BufferedImage page, Layout layout, int cell, int dpi) {
        int x = px(layout.marginLeft() + (cell % layout.columns()) * (layout.labelWidth() + layout.gapX()), dpi);
        int y = px(layout.marginTop() + (cell / layout.columns()) * (layout.labelHeight() + layout.gapY()), dpi);
        int side = px(layout.labelHeight(), dpi);
        return page.getSubimage(x, y, Math.min(side, page.getWidth() - x), Math.min(side, page.getHeight() - y));
    }

    static int px(double mm, int dpi) {
        return (int) Math.round(mm / 25.4 * dpi);
    }

    static List<String> tagsOf(Api api, String uai) {
        List<String> tags = new ArrayList<>();
        api.get("/api/establishments/" + uai + "/devices?limit=500").json().path("items")
                .forEach(device -> tags.add(device.path("assetTag").asText()));
        return tags;
    }

    @Test
    void aSheetPrintedFromTheDemoScansBackCompletely() throws Exception {
        Api api = new Api(APP);
        List<String> tags = tagsOf(api, "0350963G");
        assertThat(tags).hasSizeGreaterThanOrEqualTo(20);
        byte[] pdf = bytes("/api/establishments/0350963G/labels.pdf?layout=3x8&line=" +
                java.net.URLEncoder.encode("Propriété du collège", StandardCharsets.UTF_8), TestApp.ADMIN_TOKEN);
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(scanSheet(pdf, Layout.A4_3X8, tags.size()))
                .containsExactlyElementsOf(tags.stream().map(tag -> BASE + "/d/" + tag).toList());

        byte[] pdf2x7 = bytes("/api/establishments/0350963G/labels.pdf?layout=2x7&kind=DONGLE_4G&marginTop=15.6",
                TestApp.ADMIN_TOKEN);
        List<String> dongles = new ArrayList<>();
        api.get("/api/establishments/0350963G/devices?kind=DONGLE_4G").json().path("items")
                .forEach(d -> dongles.add(BASE + "/d/" + d.path("assetTag").asText()));
        assertThat(scanSheet(pdf2x7, Layout.A4_2X7.withMargins(15.6, null), dongles.size())).containsExactlyElementsOf(dongles);
    }

    @Test
    void oneLabelAsPngOrSvgCarriesTheDevicesLink() throws Exception {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes("/api/devices/KR8R228ZZ/label.png", TestApp.ADMIN_TOKEN)));
        assertThat(decode(png)).isEqualTo(BASE + "/d/KR8R228ZZ");
        String svg = new String(bytes("/api/devices/KR8R228ZZ/label.svg", TestApp.ADMIN_TOKEN), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("KR8 R22 8ZZ", "Collège les Hautes Ourmes");
        BufferedImage agreement = ImageIO.read(new ByteArrayInputStream(
                bytes("/api/agreements/" + number(1) + "/label.png", TestApp.ADMIN_TOKEN)));
        assertThat(decode(agreement)).isEqualTo(BASE + "/a/" + number(1));
    }

    @Test
    void aScanTellsTheDeskWhatItHolds() {
        Api api = new Api(APP);
        Reply device = api.get("/api/scan?code=" + BASE + "/d/PAPBLVJ5I");
        assertThat(device.status()).as(device.text()).isEqualTo(200);
        assertThat(device.json().path("type").asText()).isEqualTo("DEVICE");
        assertThat(device.json().path("assetTag").asText()).isEqualTo("PAPBLVJ5I");
        assertThat(device.json().path("openLoan").path("agreementNumber").asText()).isEqualTo(number(1));

        assertThat(api.get("/api/scan?code=KR8R228ZZ").json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(api.get("/api/scan?code=" + BASE.toUpperCase() + "/D/KR8R228ZZ").json().path("type").asText())
                .as("a scanner sending upper case").isEqualTo("DEVICE");
        JsonNode agreement = api.get("/api/scan?code=" + BASE + "/a/" + number(3)).json();
        assertThat(agreement.path("type").asText()).isEqualTo("AGREEMENT");
        assertThat(agreement.path("loans")).hasSize(2);
        assertThat(api.get("/api/scan?code=" + number(3)).json().path("type").asText()).isEqualTo("AGREEMENT");

        Reply mistyped = api.get("/api/scan?code=KR8R228ZY");
        assertThat(mistyped.status()).isEqualTo(404);
        assertThat(mistyped.error()).isEqualTo("unknown_code");
        assertThat(mistyped.json().path("message").asText()).contains("contrôle");
        for (String code : List.of("", "nonsense", "https://elsewhere.example/x/1", "AGR-1999-000001", "%27%3B")) {
            assertThat(api.get("/api/scan?code=" + code).error()).as(code).isEqualTo("unknown_code");
        }
        // a desk does not learn of another school's device by scanning it
        assertThat(api.as("demo-desk-token").get("/api/scan?code=73ZUKJRTM").error()).isEqualTo("unknown_code");
        assertThat(api.as("demo-desk-token").get("/api/scan?code=KR8R228ZZ").status()).isEqualTo(200);
    }

    @Test
    void aDeliveryIsRegisteredAndItsLabelsPrintInOneRequest() throws Exception {
        Api api = new Api(APP);
        String csv = "kind;serial;model;accessories;simIccid;simPhone;simDataPlanGb;simPlanEnds\n"
                + "LAPTOP;DLV-0001;Dell Latitude 3140;chargeur|housse;;;;\n"
                + "LAPTOP;DLV-0002;Dell Latitude 3140;chargeur;;;;\n"
                + "DONGLE_4G;DLV-0003;Huawei E8372;;89331501234567890999;0712345678;50;2030-08-31\n"
                + "PHONE;DLV-0004;Modèle;;;;;\n"
                + "LAPTOP;DLV-0001;Doublon;;;;;\n"
                + "DONGLE_4G;DLV-0005;Sans SIM;;;;;\n";
        Reply imported = api.postRaw("/api/establishments/0350963G/imports/devices", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        List<String> created = new ArrayList<>();
        imported.json().path("created").forEach(tag -> created.add(tag.asText()));
        assertThat(created).hasSize(3);
        assertThat(imported.json().path("rejected")).extracting(r -> r.path("line").asInt()).containsExactly(5, 6, 7);

        String sheet = imported.json().path("labels").asText();
        byte[] pdf = bytes(sheet, TestApp.ADMIN_TOKEN);
        assertThat(scanSheet(pdf, Layout.A4_3X8, created.size()))
                .containsExactlyElementsOf(created.stream().map(tag -> BASE + "/d/" + tag).toList());
    }

    @Test
    void badSheetRequestsAreRefusedNamingTheParameter() {
        Api api = new Api(APP);
        assertThat(api.get("/api/establishments/0350963G/labels.pdf?layout=4x10").field()).isEqualTo("layout");
        assertThat(api.get("/api/establishments/0350963G/labels.pdf?layout=3x8&marginTop=12").field()).isEqualTo("marginTop");
        assertThat(api.get("/api/establishments/0350963G/labels.pdf?marginLeft=abc").field()).isEqualTo("marginLeft");
        assertThat(api.get("/api/establishments/0350963G/labels.pdf?assetTags=73ZUKJRTM").field()).isEqualTo("assetTags[0]");
        assertThat(api.get("/api/establishments/0350963G/labels.pdf?status=BROKEN").field()).isEqualTo("status");
        assertThat(api.get("/api/establishments/0350963G/labels.pdf?kind=TABLET&status=LOST").error()).isEqualTo("no_labels");
        Reply emoji = api.get("/api/establishments/0350963G/labels.pdf?kind=LAPTOP&line="
                + java.net.URLEncoder.encode("😀".repeat(40), StandardCharsets.UTF_8));
        assertThat(emoji.status()).as("a line of characters beyond the basic plane prints, cut").isEqualTo(200);
        assertThat(api.as("demo-desk-token").get("/api/establishments/0350028R/labels.pdf").status()).isEqualTo(403);
        assertThat(api.as("demo-desk-token").get("/api/devices/73ZUKJRTM/label.png").status()).isEqualTo(404);
    }

    static String number(int id) {
        return String.format("AGR-%d-%06d", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).getYear(), id);
    }
}
