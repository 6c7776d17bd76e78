package fr.ecole.lending.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must hold in the database whatever desks did, read straight from it (a SQLite file or a
 * PostgreSQL database): the service's own code is not trusted to report on itself. Each method
 * returns the broken facts in plain words (empty when all is well), so that a failing test says what
 * it found.
 */
public final class LendingChecks {
    private LendingChecks() {
    }

    /** A JDBC URL for the SQLite file {@code file}. */
    public static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** A statement that breaks a rule on purpose, with its bound values. */
    public record Change(String sql, Object... values) {
    }

    public static Change change(String sql, Object... values) {
        return new Change(sql, values);
    }

    /** Every rule of lending that the rows break: loans, devices, agreements, returns and their audit. */
    public static List<String> violations(String url) {
        return violationsAfter(url);
    }

    /**
     * The rules broken once {@code changes} are made, seen from inside the transaction that makes them,
     * which is then rolled back: the checks can be shown to fail on the service's own database, on either
     * engine, and nobody else ever sees the broken rows (both engines roll back DROP INDEX and DROP
     * TRIGGER too).
     */
    public static List<String> violationsAfter(String url, Change... changes) {
        List<String> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url)) {
            // one snapshot for every query: the service may still be writing (PostgreSQL's default,
            // READ COMMITTED, would take one a statement)
            if (url.startsWith("jdbc:postgresql:")) {
                db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            db.setAutoCommit(false);
            try {
                for (Change change : changes) {
                    execute(db, change);
                }
                violations(db, found);
            } finally {
                db.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
        return found;
    }

    private static void violations(Connection db, List<String> found) throws SQLException {
        rows(db, found, "device %s has %s open loans", """
                SELECT d.asset_tag, COUNT(*) FROM loans l JOIN devices d ON d.id = l.device_id
                WHERE l.returned_at IS NULL AND l.lost_at IS NULL GROUP BY d.id HAVING COUNT(*) > 1""");
        // counted in a subquery: PostgreSQL does not let WHERE name a column of the SELECT list
        rows(db, found, "device %s is %s with %s open loans", """
                SELECT asset_tag, status, open_loans FROM (
                    SELECT d.asset_tag, d.status, (SELECT COUNT(*) FROM loans l WHERE l.device_id = d.id
                                                   AND l.returned_at IS NULL AND l.lost_at IS NULL) AS open_loans
                    FROM devices d) counted
                WHERE (status = 'ON_LOAN' AND open_loans <> 1) OR (status <> 'ON_LOAN' AND open_loans <> 0)""");
        rows(db, found, "device %s is %s but %s", """
                SELECT d.asset_tag, d.status, CASE WHEN r.id IS NULL THEN 'has no open repair ticket'
                                                   ELSE 'has an open repair ticket' END
                FROM devices d LEFT JOIN repairs r ON r.device_id = d.id AND r.back_at IS NULL
                WHERE (d.status = 'IN_REPAIR') <> (r.id IS NOT NULL)""");
        rows(db, found, "agreement %s has no loan", """
                SELECT a.number FROM agreements a WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.agreement_id = a.id)""");
        rows(db, found, "agreement %s has no number", "SELECT a.id FROM agreements a WHERE a.number IS NULL");
        rows(db, found, "agreement %s is %s with %s open loans", """
                SELECT number, status, open_loans FROM (
                    SELECT a.number, a.status, a.closed_at, (SELECT COUNT(*) FROM loans l WHERE l.agreement_id = a.id
                                               AND l.returned_at IS NULL AND l.lost_at IS NULL) AS open_loans
                    FROM agreements a) counted
                WHERE (status = 'CLOSED' AND open_loans > 0) OR (status = 'ACTIVE' AND open_loans = 0)
                   OR ((status = 'CLOSED') <> (closed_at IS NOT NULL))""");
        rows(db, found, "agreement %s was written without its audit entry", """
                SELECT a.number FROM agreements a WHERE NOT EXISTS (SELECT 1 FROM audit_log g
                    WHERE g.entity = 'AGREEMENT' AND g.action = 'CREATE' AND g.entity_id = a.number)""");
        rows(db, found, "an audit entry names agreement %s, which does not exist", """
                SELECT g.entity_id FROM audit_log g WHERE g.entity = 'AGREEMENT' AND g.action = 'CREATE'
                AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.number = g.entity_id)""");
        rows(db, found, "device %s went out on agreement %s without a LENT event", """
                SELECT d.asset_tag, a.number FROM loans l JOIN devices d ON d.id = l.device_id
                JOIN agreements a ON a.id = l.agreement_id
                WHERE NOT EXISTS (SELECT 1 FROM device_events e WHERE e.device_id = l.device_id
                                  AND e.agreement_id = l.agreement_id AND e.event = 'LENT')""");
        rows(db, found, "the loan of %s on %s is %s", """
                SELECT d.asset_tag, a.number, CASE WHEN r.id IS NULL THEN 'ended without a return'
                                                   ELSE 'open with a return' END
                FROM loans l JOIN devices d ON d.id = l.device_id JOIN agreements a ON a.id = l.agreement_id
                LEFT JOIN returns r ON r.loan_id = l.id
                WHERE (l.returned_at IS NOT NULL) <> (r.id IS NOT NULL)""");
        rows(db, found, "return %s was written without its audit entry", """
                SELECT r.id FROM returns r WHERE NOT EXISTS (SELECT 1 FROM audit_log g
                    WHERE g.entity = 'RETURN' AND g.action = 'CREATE' AND g.entity_id = CAST(r.id AS TEXT))""");
        // the wipe rule: a device that came back holds the last family's data until staff confirm its wipe
        rows(db, found, "device %s went out again on agreement %s without a wipe since its return", """
                SELECT d.asset_tag, a.number FROM device_events lent JOIN devices d ON d.id = lent.device_id
                JOIN agreements a ON a.id = lent.agreement_id
                JOIN (SELECT later.id AS lent_id, MAX(back.id) AS back_id FROM device_events later
                      JOIN device_events back ON back.device_id = later.device_id AND back.event = 'RETURNED'
                                              AND back.id < later.id
                      WHERE later.event = 'LENT' GROUP BY later.id) last_back ON last_back.lent_id = lent.id
                WHERE NOT EXISTS (SELECT 1 FROM device_events w WHERE w.device_id = lent.device_id
                                  AND w.event = 'WIPED' AND w.id > last_back.back_id AND w.id < lent.id)""");
        rows(db, found, "device %s %s", """
                SELECT asset_tag, CASE WHEN needs_wipe THEN 'waits for a wipe it already had'
                                       ELSE 'is taken as wiped without a wipe since its return' END FROM (
                    SELECT d.asset_tag, d.needs_wipe,
                           (SELECT MAX(e.id) FROM device_events e WHERE e.device_id = d.id AND e.event = 'RETURNED') AS back,
                           (SELECT MAX(e.id) FROM device_events e WHERE e.device_id = d.id AND e.event = 'WIPED') AS wiped
                    FROM devices d) last
                WHERE back IS NOT NULL AND needs_wipe <> (wiped IS NULL OR wiped < back)""");
        statusByHistory(db, found);
    }

    /**
     * Replays each device's history: its status must be the one its last lending, return or repair
     * left it in (a broken return sends it to repair, a repair's end makes it available).
     */
    private static void statusByHistory(Connection db, List<String> found) throws SQLException {
        Map<String, String> expected = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT d.asset_tag, e.event FROM device_events e JOIN devices d ON d.id = e.device_id
                     ORDER BY e.id""")) {
            while (rows.next()) {
                String status = switch (rows.getString(2)) {
                    case "CREATED", "RETURNED", "REPAIR_BACK" -> "AVAILABLE";
                    case "LENT" -> "ON_LOAN";
                    case "REPAIR_OUT" -> "IN_REPAIR";
                    case "LOST" -> "LOST";
                    case "RETIRED" -> "RETIRED";
                    // a plain status change does not say which status: unknown until the next event that does
                    case "STATUS_CHANGED" -> "?";
                    default -> null;
                };
                if (status != null) {
                    expected.put(rows.getString(1), status);
                }
            }
        }
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT asset_tag, status FROM devices ORDER BY id")) {
            while (rows.next()) {
                String history = expected.get(rows.getString(1));
                if (history == null) {
                    found.add("device " + rows.getString(1) + " has no history");
                } else if (!history.equals("?") && !history.equals(rows.getString(2))) {
                    found.add("device " + rows.getString(1) + " is " + rows.getString(2) + " but its history says "
                            + history);
                }
            }
        }
    }

    /** The asset tags lent under agreement {@code number}, or empty when there is no such agreement. */
    public static Optional<Set<String>> tagsOf(String url, String number) {
        try (Connection db = DriverManager.getConnection(url);
             PreparedStatement query = db.prepareStatement("""
                     SELECT d.asset_tag FROM agreements a LEFT JOIN loans l ON l.agreement_id = a.id
                     LEFT JOIN devices d ON d.id = l.device_id WHERE a.number = ?""")) {
            query.setString(1, number);
            try (ResultSet rows = query.executeQuery()) {
                Set<String> tags = null;
                while (rows.next()) {
                    if (tags == null) {
                        tags = new TreeSet<>();
                    }
                    if (rows.getString(1) != null) {
                        tags.add(rows.getString(1));
                    }
                }
                return Optional.ofNullable(tags);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /** The agreement made with {@code idempotencyKey} (number and asset tags), or empty when none was. */
    public static Optional<Map.Entry<String, Set<String>>> agreementOfKey(String url, String idempotencyKey) {
        try (Connection db = DriverManager.getConnection(url);
             PreparedStatement query = db.prepareStatement("SELECT number FROM agreements WHERE idempotency_key = ?")) {
            query.setString(1, idempotencyKey);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String number = rows.getString(1);
                if (rows.next()) {
                    throw new IllegalStateException("two agreements carry the key " + idempotencyKey);
                }
                return Optional.of(Map.entry(number, tagsOf(url, number).orElseThrow()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /** Whether the loan of {@code assetTag} on agreement {@code number} ended with a return. */
    public static boolean returned(String url, String number, String assetTag) {
        try (Connection db = DriverManager.getConnection(url);
             PreparedStatement query = db.prepareStatement("""
                     SELECT COUNT(*) FROM loans l JOIN agreements a ON a.id = l.agreement_id
                     JOIN devices d ON d.id = l.device_id JOIN returns r ON r.loan_id = l.id
                     WHERE a.number = ? AND d.asset_tag = ? AND l.returned_at IS NOT NULL""")) {
            query.setString(1, number);
            query.setString(2, assetTag);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /** Every agreement in the file, by number, with the asset tags lent under it (empty when none). */
    public static Map<String, Set<String>> agreements(String url) {
        Map<String, Set<String>> agreements = new HashMap<>();
        for (List<String> row : query(url, """
                SELECT a.number, d.asset_tag FROM agreements a LEFT JOIN loans l ON l.agreement_id = a.id
                LEFT JOIN devices d ON d.id = l.device_id""")) {
            Set<String> tags = agreements.computeIfAbsent(row.get(0), number -> new TreeSet<>());
            if (row.get(1) != null) {
                tags.add(row.get(1));
            }
        }
        return agreements;
    }

    /** The rows of {@code sql}, every value as text. */
    public static List<List<String>> query(String url, String sql) {
        try (Connection db = DriverManager.getConnection(url);
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> all = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                all.add(row);
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /** One value of the first column of {@code sql}'s first row, as a long; {@code values} fill its {@code ?}. */
    /** How many open loans the device of this tag has: one while it is out, whatever happened to its agreement. */
    public static long openLoans(String url, String tag) {
        return count(url, "SELECT COUNT(*) FROM loans l JOIN devices d ON d.id = l.device_id WHERE d.asset_tag = ?"
                + " AND l.returned_at IS NULL AND l.lost_at IS NULL", tag);
    }

    public static long count(String url, String sql, Object... values) {
        try (Connection db = DriverManager.getConnection(url);
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /** A consistent copy of a SQLite database, taken while the service may be writing to it (VACUUM INTO). */
    public static void copy(String url, Path target) {
        try (Connection db = DriverManager.getConnection(url);
             PreparedStatement vacuum = db.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy " + url, e);
        }
    }

    /** Runs {@code sql} with {@code values} bound, on the database at {@code url}: for tests that break a copy on purpose. */
    public static void execute(String url, String sql, Object... values) {
        try (Connection db = DriverManager.getConnection(url)) {
            execute(db, change(sql, values));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change " + url, e);
        }
    }

    private static void execute(Connection db, Change change) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(change.sql())) {
            for (int i = 0; i < change.values().length; i++) {
                statement.setObject(i + 1, change.values()[i]);
            }
            statement.execute();
        }
    }

    private static void rows(Connection db, List<String> found, String format, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rows.getObject(i + 1);
                }
                found.add(String.format(format, values));
            }
        }
    }
}
