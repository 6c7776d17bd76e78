package fr.ecole.lending.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import fr.ecole.lending.labels.Label;
import fr.ecole.lending.labels.LabelPrinter;
import fr.ecole.lending.labels.Layout;
import fr.ecole.lending.labels.Payloads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The labels library against ZXing alone, in the same process: a print-ready sheet of 1,000 labels
 * against encoding the same 1,000 QR codes ({@code labels_pdf}), and single label PNGs against
 * ZXing's own way of writing one, {@code MatrixToImageWriter} ({@code label_png}).
 */
final class LabelBench {
    private static final int LABELS = 1_000;
    private static final int ROUNDS = 7;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.ERROR_CORRECTION,
            ErrorCorrectionLevel.Q, EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    private final int warmupSeconds;
    private final List<Label> labels = new ArrayList<>();
    /** The width of the library's PNG, for ZXing to make a QR code as large. */
    private final int side;

    LabelBench(int warmupSeconds) {
        this.warmupSeconds = warmupSeconds;
        Payloads payloads = new Payloads("https://pret.exemple.fr");
        for (int i = 0; i < LABELS; i++) {
            String tag = String.format("B%08d", i);
            labels.add(new Label(payloads.device(tag), List.of("Ordinateur portable", tag, "Lycée de la région 53"),
                    tag));
        }
        try {
            side = ImageIO.read(new ByteArrayInputStream(LabelPrinter.png(labels.get(0)))).getWidth();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Map<String, Object>> run() {
        warmUp();
        List<Double> sheet = new ArrayList<>();
        List<Double> codes = new ArrayList<>();
        List<Double> pngs = new ArrayList<>();
        List<Double> plainPngs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            sheet.add(Stats.time(() -> LabelPrinter.pdf(labels, Layout.A4_3X8)));
            codes.add(Stats.time(this::encodeAll));
            pngs.add(LABELS / 4 / (Stats.time(() -> labels.subList(0, LABELS / 4).forEach(LabelPrinter::png)) / 1000));
            plainPngs.add(LABELS / 4 / (Stats.time(() -> labels.subList(0, LABELS / 4).forEach(this::plainPng)) / 1000));
        }
        return List.of(
                BenchCommand.figure("labels_pdf", Stats.median(sheet), "ms", Stats.median(codes),
                        "<= 2x ZXing encoding the same codes"),
                BenchCommand.figure("label_png", Stats.median(pngs), "per second", Stats.median(plainPngs),
                        ">= 2.5x ZXing + MatrixToImageWriter"));
    }

    private void warmUp() {
        long deadline = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            LabelPrinter.pdf(labels, Layout.A4_3X8);
            encodeAll();
            labels.subList(0, 50).forEach(LabelPrinter::png);
            labels.subList(0, 50).forEach(this::plainPng);
        }
    }

    private void encodeAll() {
        for (Label label : labels) {
            encode(label.payload(), 0);
        }
    }

    /** A label's QR code as ZXing's own writer makes a PNG of it, at the size the library prints it. */
    private byte[] plainPng(Label label) {
        BitMatrix matrix = encode(label.payload(), side);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BitMatrix encode(String payload, int side) {
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, side, side, HINTS);
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }
}
