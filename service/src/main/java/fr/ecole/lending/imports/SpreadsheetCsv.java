package fr.ecole.lending.imports;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV as a French spreadsheet opens it as is: {@code ;} separated, UTF-8 announced by a byte-order
 * mark, decimals with a comma. Every file the service hands out is written through here, and every
 * cell through {@link #cell}: no text a person typed is ever run as a formula when the file is opened.
 */
public final class SpreadsheetCsv implements Closeable, Flushable {
    /** What a spreadsheet takes for a formula (or a DDE call): one of these first, after any spaces. */
    private static final Pattern FORMULA = Pattern.compile("^ *[=+\\-@\t\r]");
    /** A plain number, sign included: a spreadsheet computes nothing from it but itself. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+([.,]\\d+)?");

    private final ICSVWriter csv;

    private SpreadsheetCsv(ICSVWriter csv) {
        this.csv = csv;
    }

    /** A writer onto {@code out}, the byte-order mark already written; the caller closes or flushes it. */
    public static SpreadsheetCsv writer(Writer out) {
        try {
            out.write('\uFEFF');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SpreadsheetCsv(new CSVWriterBuilder(out).withSeparator(';').build());
    }

    /** The same onto a stream, buffered. */
    public static SpreadsheetCsv writer(OutputStream out) {
        return writer(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /** One row; each value written by {@link #cell}. */
    public void row(List<?> values) {
        csv.writeNext(values.stream().map(SpreadsheetCsv::cell).toArray(String[]::new), false);
    }

    /** One row; each value written by {@link #cell}. */
    public void row(Object... values) {
        row(Arrays.asList(values));
    }

    /**
     * A value as its cell: nothing for null, a decimal with a comma, and text that a spreadsheet would
     * run (it starts with {@code = + - @}, a tab or a carriage return, after spaces or not) behind a
     * single quote, the prefix OWASP recommends, which the spreadsheet shows as text. A plain number
     * ({@code -3}, {@code +33612345678}) is left as it is, typed or not: it cannot compute anything.
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        if (value instanceof Number) {
            return text.replace('.', ',');
        }
        return FORMULA.matcher(text).find() && !NUMBER.matcher(text).matches() ? "'" + text : text;
    }

    @Override
    public void flush() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
