package fr.ecole.lending.imports;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * CSV as a French spreadsheet opens it as is: {@code ;} separated, UTF-8 announced by a byte-order
 * mark. Every file the service hands out is written through here.
 */
public final class SpreadsheetCsv {
    private SpreadsheetCsv() {
    }

    /** A writer onto {@code out}, the byte-order mark already written; the caller closes or flushes it. */
    public static ICSVWriter writer(Writer out) {
        try {
            out.write('\uFEFF');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CSVWriterBuilder(out).withSeparator(';').build();
    }

    /** The same onto a stream, buffered. */
    public static ICSVWriter writer(OutputStream out) {
        return writer(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }
}
