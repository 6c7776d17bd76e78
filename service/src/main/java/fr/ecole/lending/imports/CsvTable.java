package fr.ecole.lending.imports;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvValidationException;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * Reads the {@code ;}-separated CSV files of the national open data (with or without a UTF-8
 * byte-order mark) row by row, giving each row's cells by column name and its line number.
 */
public final class CsvTable {
    private CsvTable() {
    }

    /** A data row: its cells by header name, and the line of the file it starts on (header = line 1). */
    public record Row(long line, Map<String, Integer> columns, String[] cells) {
        /** The cell, stripped; one holding an invisible character refuses the whole file (see {@link #read}). */
        public String get(String column) {
            Integer index = columns.get(column);
            String cell = index == null || index >= cells.length ? "" : cells[index].strip();
            int found = Check.formatCharacter(cell);
            if (found >= 0) {
                throw new InvisibleCharacter(line, column, found);
            }
            return cell;
        }
    }

    /**
     * A cell the service reads holds a format character (Cf, see {@link Check#visible}). Not an
     * {@link ApiException}, which an import turns into one rejected line: the whole file is refused.
     */
    private static final class InvisibleCharacter extends RuntimeException {
        private final String column;

        private InvisibleCharacter(long line, String column, int character) {
            super("La ligne " + line + " du fichier, colonne « " + column + " », contient un caractère invisible ou de "
                    + "mise en forme (" + Check.codePoint(character) + ") : retapez la valeur dans le tableur, puis "
                    + "renvoyez le fichier.", null, false, false);
            this.column = column;
        }
    }

    /**
     * Reads {@code body}, refusing it whole (422) when it is not UTF-8 or lacks one of
     * {@code required}; hands every data row to {@code rowHandler}.
     */
    public static void read(InputStream body, List<String> required, BiConsumer<Row, Integer> rowHandler) {
        readUntil(body, required, (row, width) -> {
            rowHandler.accept(row, width);
            return true;
        });
    }

    /**
     * Reads like {@link #read}, stopping (the rest of the body unread) as soon as {@code rowHandler}
     * answers false.
     */
    public static void readUntil(InputStream body, List<String> required, BiPredicate<Row, Integer> rowHandler) {
        if (body == null) {
            throw emptyFile();
        }
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        try (CSVReader csv = new CSVReaderBuilder(reader)
                .withCSVParser(new CSVParserBuilder().withSeparator(';').build())
                .build()) {
            String[] header = csv.readNext();
            if (header == null) {
                throw emptyFile();
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                String name = i == 0 && header[i].startsWith("\uFEFF") ? header[i].substring(1) : header[i];
                columns.putIfAbsent(name.strip(), i);
            }
            for (String column : required) {
                if (!columns.containsKey(column)) {
                    throw ApiException.invalid("missing_column", column, "La colonne « " + column
                            + " » manque à l'en-tête du fichier : vérifiez qu'il s'agit bien de l'export attendu, "
                            + "séparé par des points-virgules.");
                }
            }
            long line = csv.getLinesRead() + 1;
            String[] cells;
            while ((cells = csv.readNext()) != null) {
                for (String cell : cells) {
                    if (cell.indexOf('\0') >= 0) {
                        // no text export holds one, and PostgreSQL could not store it
                        throw ApiException.invalid("invalid_csv", null, "Le fichier contient un caractère nul vers "
                                + "la ligne " + line + " : ce n'est pas un export texte intact ; ré-exportez-le puis "
                                + "renvoyez-le.");
                    }
                }
                if (!(cells.length == 1 && cells[0].isBlank())) {
                    boolean more;
                    try {
                        more = rowHandler.test(new Row(line, columns, cells), header.length);
                    } catch (InvisibleCharacter e) {
                        // a name that prints otherwise than it reads: the file is sent again, corrected
                        throw ApiException.invalid("invisible_character", e.column, e.getMessage());
                    }
                    if (!more) {
                        return;
                    }
                }
                line = csv.getLinesRead() + 1;
            }
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("invalid_encoding", null,
                    "Le fichier n'est pas encodé en UTF-8 : ré-enregistrez-le en UTF-8 puis renvoyez-le.");
        } catch (CsvValidationException e) {
            throw ApiException.invalid("invalid_csv", null,
                    "Le fichier CSV est mal formé vers la ligne " + e.getLineNumber()
                            + " (guillemets non fermés ?) : corrigez-le puis renvoyez-le.");
        } catch (IOException e) {
            throw ApiException.invalid("invalid_csv", null,
                    "Le fichier CSV n'a pas pu être lu jusqu'au bout : renvoyez-le.");
        }
    }

    private static ApiException emptyFile() {
        return ApiException.invalid("empty_file", null,
                "Le fichier est vide : envoyez l'export CSV avec sa ligne d'en-tête.");
    }

    /** A row the import set aside, with the reason, for the person who sent the file. */
    public record Rejection(long line, String error, String message) {
    }
}
