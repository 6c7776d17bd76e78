package fr.ecole.lending.db;

import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of the SQLite database, taken while the service keeps lending.
 *
 * <p>The copy is SQLite's {@code VACUUM INTO}: one read transaction, so the copy is the database as
 * it stood at one instant, and in WAL mode the service's writer never waits for it. SQLite's backup
 * API (sqlite-jdbc's {@code backup to}) copies 100 pages a step and starts again from the first page
 * whenever another connection writes: against a busy desk it took a hundred times longer. The copy
 * goes to a temporary file beside the target, readable by its owner only, is synced, checked, and
 * only then renamed: a half-written backup never carries the final name.
 */
public final class Backup {
    /** The tables whose row counts tell the operator what was copied. */
    static final List<String> COUNTED = List.of("establishments", "families", "pupils", "diagnostics", "devices",
            "agreements", "loans", "returns", "users", "audit_log");

    private Backup() {
    }

    /** What was copied: the database, the backup file, its size, the rows of the main tables. */
    public record Copy(Path database, Path target, long bytes, Map<String, Long> counts,
                       List<String> foreignKeyViolations) {
    }

    /** A backup refused or failed: the message is one sentence for the operator, the exit is non-zero. */
    public static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Copies the database of {@code factory} to {@code target}; an existing target is replaced only
     * with {@code replace}.
     */
    public static Copy copy(DataSourceFactory factory, Path target, boolean replace) throws IOException, SQLException {
        String url = factory.getUrl();
        if (Engine.of(url) == Engine.POSTGRESQL) {
            throw new Failure("The database is PostgreSQL: back it up with its own tools, pg_dump or pg_basebackup,"
                    + " as docs/operations.md shows.");
        }
        Path database = Database.sqliteFile(url).orElseThrow(() -> new Failure(
                "The database " + url + " lives in memory: there is no file to back up."));
        if (!Files.isRegularFile(database)) {
            throw new Failure("There is no database at " + database.toAbsolutePath() + ": nothing to back up.");
        }
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new Failure("The folder " + folder + " does not exist: create it first, or name another.");
        }
        if (Files.isDirectory(file)) {
            throw new Failure(file + " is a folder: name the backup file, e.g. " + file.resolve("lending.db") + ".");
        }
        if (Files.exists(file) && Files.isSameFile(file, database) || isCompanion(file, database)) {
            throw new Failure(file + " is the database or one of its own files: name another file.");
        }
        if (Files.exists(file) && !replace) {
            throw new Failure(file + " already exists: name another file, or add --force to replace it.");
        }

        // opened as the server opens it: WAL, busy timeout, foreign keys
        Database.prepare(factory);
        Path partial = Files.createTempFile(folder, "." + file.getFileName() + ".", ".partial");
        try {
            try (Connection connection = DriverManager.getConnection(url, properties(factory));
                 PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, partial.toString());
                vacuum.execute();
            }
            // VACUUM INTO does not sync its output: a power cut could otherwise leave a renamed but empty file
            sync(partial, StandardOpenOption.WRITE);
            Map<String, Long> counts = new LinkedHashMap<>();
            List<String> violations = check(partial, counts);
            if (replace) {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // a link fails if the name is taken by then, where a rename would replace it
                try {
                    Files.createLink(file, partial);
                } catch (FileAlreadyExistsException e) {
                    throw new Failure(file + " appeared during the copy: name another file, or add --force to "
                            + "replace it.");
                }
            }
            sync(folder, StandardOpenOption.READ);
            return new Copy(database.toAbsolutePath(), file, Files.size(file), counts, violations);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** True for the database's own -wal, -shm and -journal files, which --force must never replace. */
    private static boolean isCompanion(Path file, Path database) {
        Path absolute = database.toAbsolutePath().normalize();
        return Stream.of("-wal", "-shm", "-journal")
                .anyMatch(suffix -> file.equals(absolute.resolveSibling(absolute.getFileName() + suffix)));
    }

    /** The pragmas the server sets on every connection (see {@link Database#prepare}). */
    private static Properties properties(DataSourceFactory factory) {
        Properties properties = new Properties();
        properties.putAll(factory.getProperties());
        return properties;
    }

    /**
     * Checks the copy on a read-only connection: its integrity (a failure discards it), its foreign
     * keys (violations are the database's own, and reported), and counts the main tables.
     */
    private static List<String> check(Path copy, Map<String, Long> counts) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy, readOnly.toProperties());
             Statement statement = connection.createStatement()) {
            List<String> problems = rows(statement, "PRAGMA integrity_check");
            if (!problems.equals(List.of("ok"))) {
                throw new Failure("The copy failed SQLite's integrity check (" + problems.get(0)
                        + "): it was discarded; run PRAGMA integrity_check on the database itself.");
            }
            List<String> violations = rows(statement, "PRAGMA foreign_key_check");
            for (String table : COUNTED) {
                // table names come from the constant list above, never from input
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
            return violations;
        }
    }

    /** The rows of a pragma, each as its columns joined by spaces. */
    private static List<String> rows(Statement statement, String pragma) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(pragma)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column > 1 ? " " : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void sync(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}
