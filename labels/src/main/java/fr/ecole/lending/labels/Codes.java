package fr.ecole.lending.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The codes on a label, as module matrices: the QR code and the Code 128 barcode. */
final class Codes {
    /** Modules of blank around a QR code, as the standard asks, so that scanners find its edges. */
    static final int QUIET_ZONE = 4;
    /** Beyond this a label's QR code gets too dense to scan from a small sticker. */
    static final int MAX_PAYLOAD = 120;
    /** Level Q restores up to a quarter of the code: a scratched or smudged label still scans. */
    private static final Map<EncodeHintType, Object> QR_HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
            EncodeHintType.MARGIN, 0);

    private Codes() {
    }

    /** The QR code's modules, without its quiet zone. */
    static BitMatrix qr(String payload) {
        if (payload.length() > MAX_PAYLOAD) {
            throw new LabelException("payload", "Le contenu à encoder compte " + payload.length()
                    + " caractères ; une étiquette en prend au plus " + MAX_PAYLOAD + ".");
        }
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0, QR_HINTS);
        } catch (WriterException e) {
            throw new LabelException("payload", "Ce contenu ne peut pas être encodé en QR code.");
        }
    }

    /** The Code 128 bars (one row), without quiet zone; printable ASCII only. */
    static boolean[] code128(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 32 || text.charAt(i) > 126) {
                throw new LabelException("barcode", "Un code-barres Code 128 ne prend que des caractères ASCII imprimables.");
            }
        }
        return new Code128Writer().encode(text);
    }
}
