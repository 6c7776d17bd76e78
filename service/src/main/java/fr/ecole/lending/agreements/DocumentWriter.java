package fr.ecole.lending.agreements;

import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.labels.Fonts;
import fr.ecole.lending.labels.LabelPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes a printable A4 document, top to bottom: headings, wrapped paragraphs, an image; new
 * pages as the text needs them. Text in DejaVu Sans, embedded, so every name prints as written, and
 * without ligatures, so its text layer gives every name back as written ({@link Fonts#embed}).
 * Every printed document of the service is written with it: agreements, receipts, letters, a family's export.
 */
public final class DocumentWriter implements AutoCloseable {
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument document = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private PDPageContentStream content;
    private float y;

    public DocumentWriter() {
        try {
            regular = Fonts.embed(document, false);
            bold = Fonts.embed(document, true);
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DocumentWriter title(String text) {
        return write(text, bold, 16, 10);
    }

    public DocumentWriter heading(String text) {
        space(6);
        return write(text, bold, 11.5f, 4);
    }

    public DocumentWriter paragraph(String text) {
        return write(text, regular, 10, 4);
    }

    public DocumentWriter line(String label, String value) {
        return write(label + " : " + value, regular, 10, 2);
    }

    public DocumentWriter space(float points) {
        y -= points;
        return this;
    }

    /** The head of an amendment (a renewal's, a swap's): its title, the school and the guardian. */
    public DocumentWriter amendmentHead(String title, Establishment school, String guardianName) {
        return title(title)
                .line("Établissement", school.name() + " (" + school.uai() + "), " + school.communeName())
                .line("Responsable légal", guardianName)
                .space(8);
    }

    /** The places where the guardian and the school sign an amendment, at its foot. */
    public DocumentWriter signaturePlaces() {
        return space(30)
                .paragraph("Signature du responsable légal :")
                .space(40)
                .paragraph("Pour l'établissement :");
    }

    /** An image (the agreement's QR code) at the top right of the current page. */
    public DocumentWriter imageTopRight(byte[] png, float size) {
        try {
            PDImageXObject image = PDImageXObject.createFromByteArray(document, png, "qr");
            content.drawImage(image, MARGIN + WIDTH - size, PDRectangle.A4.getHeight() - MARGIN - size, size, size);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new page unless {@code points} of height remain: what follows stays together (a signature and its line). */
    public DocumentWriter room(float points) {
        if (y - points < MARGIN) {
            try {
                newPage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** An image (a drawn signature) where the text has reached, scaled to fit {@code width} × {@code height} points. */
    public DocumentWriter image(byte[] png, float width, float height) {
        try {
            PDImageXObject image = PDImageXObject.createFromByteArray(document, png, "signature");
            float scale = Math.min(width / image.getWidth(), height / image.getHeight());
            float drawnHeight = image.getHeight() * scale;
            if (y - drawnHeight < MARGIN) {
                newPage();
            }
            y -= drawnHeight;
            content.drawImage(image, MARGIN, y, image.getWidth() * scale, drawnHeight);
            y -= 4;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DocumentWriter newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
        return this;
    }

    public byte[] bytes() {
        try {
            content.close();
            content = null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DocumentWriter write(String text, PDFont font, float size, float after) {
        try {
            for (String line : wrap(LabelPrinter.printable(font, text), font, size)) {
                if (y - size * 1.3f < MARGIN) {
                    newPage();
                }
                y -= size * 1.3f;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(line);
                content.endText();
            }
            y -= after;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, PDFont font, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
