package fr.ecole.lending.dataprotection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/data-protection.md as the tests read it: under each "### `table`" heading, a Markdown table
 * whose rows start with a "`column`" cell; for the tables of family data, the cell "in the export"
 * names where the column's value appears in a family's export.
 */
final class Register {
    static final String PATH = "docs/data-protection.md";
    private static final Pattern TABLE = Pattern.compile("^### `([a-z_0-9]+)`");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_0-9]+)` \\|");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** Table, then column, then its "in the export" cell (null where the table has no such column). */
    final Map<String, Map<String, String>> tables = new LinkedHashMap<>();

    static Register read() {
        try {
            return new Register(Files.readAllLines(Path.of("..", PATH), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Register(List<String> lines) {
        Map<String, String> columns = null;
        int exportCell = -1;
        for (String line : lines) {
            Matcher table = TABLE.matcher(line);
            if (table.find()) {
                columns = new LinkedHashMap<>();
                tables.put(table.group(1), columns);
                exportCell = -1;
                continue;
            }
            if (line.startsWith("## ")) {
                columns = null;
            }
            if (columns == null) {
                continue;
            }
            List<String> cells = cells(line);
            if (line.startsWith("| column |")) {
                exportCell = cells.indexOf("in the export");
            }
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                columns.put(row.group(1), exportCell < 0 || exportCell >= cells.size() ? null : cells.get(exportCell));
            }
        }
    }

    /**
     * The export paths the register names ("family.guardian.name", "agreements[].loans[].outAt"): every
     * cell of "in the export" but those starting with a dash (a value left out, and why).
     */
    List<String> exportPaths() {
        List<String> paths = new ArrayList<>();
        for (Map<String, String> columns : tables.values()) {
            for (String cell : columns.values()) {
                if (cell == null || cell.startsWith("—")) {
                    continue;
                }
                Matcher code = CODE.matcher(cell);
                while (code.find()) {
                    paths.add(code.group(1));
                }
            }
        }
        return paths;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        String[] parts = line.split("\\|", -1);
        for (int i = 1; i < parts.length - 1; i++) {
            cells.add(parts[i].strip());
        }
        return cells;
    }
}
