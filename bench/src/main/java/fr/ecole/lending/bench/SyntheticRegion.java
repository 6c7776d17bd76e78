package fr.ecole.lending.bench;

import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.geography.Uai;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A synthetic country for the benchmark, written with plain batched inserts into a migrated,
 * empty database: the national directory's size in establishments, and one région (code 53, with
 * the départements 022, 029, 035 and 056) whose households, devices and loans fill it.
 *
 * <p>Full size: 66,000 establishments, 200,000 households (one pupil at a school of its commune and
 * one diagnostic each, a tenth diagnosed twice), 100,000 devices in the région's lycées, each lent ten times over the past
 * year in bundles of two or three: 1,000,000 loans under 400,000 agreements. The last round is
 * still out for most devices, a few are lost or in repair. A seed makes it the same every run.
 */
final class SyntheticRegion {
    static final String REGION = "53";
    private static final List<String> REGION_DEPARTEMENTS = List.of("22", "29", "35", "56");
    private static final int COMMUNES_PER_DEPARTEMENT = 120;
    private static final int ROUNDS = 10;
    private static final long DAY = 86_400_000L;
    private static final int BATCH = 5_000;

    /** What was written, for the checks of the benchmark. */
    record Counts(int establishments, int lycees, int households, int devices, int agreements, int loans) {
    }

    private final double scale;
    private final Instant now;
    private final SplittableRandom random = new SplittableRandom(20261122L);
    /** One household in 5 smartphone only, 6 sharing a device, 7 parents without autonomy, 10 other language, 30 adapted equipment. */
    private static final int[] FACT_ODDS = {5, 6, 7, 10, 30};
    private final SplittableRandom facts = new SplittableRandom(20261123L); // apart: the other draws stay as they were

    SyntheticRegion(double scale, Instant now) {
        this.scale = scale;
        this.now = now;
    }

    Counts write(Connection connection) throws SQLException {
        Engine engine = Engine.of(connection.getMetaData().getURL());
        try (Statement setting = connection.createStatement()) {
            // a throw-away database: durability is not what is measured while it is filled
            setting.execute(engine == Engine.SQLITE ? "PRAGMA synchronous = OFF" : "SET synchronous_commit = off");
        }
        connection.setAutoCommit(false);
        long benchUser = benchUser(connection);
        List<String> departements = new ArrayList<>();
        for (int code = 1; code <= 95; code++) {
            if (code != 20) {
                departements.add(String.format("%02d", code));
            }
        }
        // every establishment: region 53 holds its four départements, the others share the rest
        // the région's schools by commune: a household's pupils go to a school of its commune
        Map<String, List<String>> schoolsByCommune = new HashMap<>();
        List<String> lycees = new ArrayList<>();
        int establishments = (int) (66_000 * scale);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO establishments (uai, name, type, commune_insee, commune_name, departement, region,
                                            priority_education, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'NONE', ?)""")) {
            for (int i = 0; i < establishments; i++) {
                String departement = departements.get(i % departements.size());
                String region = REGION_DEPARTEMENTS.contains(departement) ? REGION
                        : String.valueOf(11 + departements.indexOf(departement) % 12);
                String commune = departement + String.format("%03d", 1 + random.nextInt(COMMUNES_PER_DEPARTEMENT));
                double draw = random.nextDouble();
                String type = draw < 0.70 ? "ECOLE" : draw < 0.85 ? "COLLEGE" : draw < 0.93 ? "LYCEE" : "OTHER";
                String digits = String.format("%07d", 1_000_000 + i);
                String uai = digits + Uai.checkLetter(digits);
                insert.setString(1, uai);
                insert.setString(2, type.charAt(0) + type.substring(1).toLowerCase() + " " + i);
                insert.setString(3, type);
                insert.setString(4, commune);
                insert.setString(5, "Commune " + commune);
                insert.setString(6, "0" + departement);
                insert.setString(7, region);
                insert.setLong(8, now.toEpochMilli());
                insert.addBatch();
                flush(i + 1, insert);
                if (REGION.equals(region)) {
                    schoolsByCommune.computeIfAbsent(commune, k -> new ArrayList<>()).add(uai);
                    if (type.equals("LYCEE")) {
                        lycees.add(uai);
                    }
                }
            }
            insert.executeBatch();
        }
        try (Statement communes = connection.createStatement()) {
            communes.execute("""
                    INSERT INTO communes (insee, name, departement, region)
                    SELECT commune_insee, MIN(commune_name), MIN(departement), MIN(region)
                      FROM establishments GROUP BY commune_insee""");
        }
        connection.commit();

        if (lycees.isEmpty()) {
            throw new IllegalArgumentException("scale " + scale + " leaves the région without a lycée");
        }
        int households = (int) (200_000 * scale);
        writeHouseholds(connection, households, schoolsByCommune, benchUser);
        int devices = (int) (100_000 * scale);
        int[] lent = writeDevicesAndLoans(connection, devices, lycees, households, benchUser);
        connection.commit();
        if (engine == Engine.POSTGRESQL) {
            continueIdentities(connection);
            connection.commit();
            // VACUUM runs outside a transaction
            connection.setAutoCommit(true);
        }
        try (Statement settle = connection.createStatement()) {
            // the planner's statistics, as a database in service would have them; on PostgreSQL also the
            // pages marked all-visible as autovacuum leaves them, or an index-only scan reads the table for each row
            settle.execute(engine == Engine.SQLITE ? "ANALYZE" : "VACUUM ANALYZE");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return new Counts(establishments, lycees.size(), households, devices, lent[0], lent[1]);
    }

    /**
     * Rows written with their own ids leave PostgreSQL's identity sequences at 1 (SQLite's AUTOINCREMENT
     * follows the largest id by itself): the service's next row would collide with the first written.
     */
    private static void continueIdentities(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    SELECT setval(pg_get_serial_sequence('families', 'id'), (SELECT MAX(id) FROM families)),
                           setval(pg_get_serial_sequence('devices', 'id'), (SELECT MAX(id) FROM devices)),
                           setval(pg_get_serial_sequence('agreements', 'id'), (SELECT MAX(id) FROM agreements)),
                           setval(pg_get_serial_sequence('loans', 'id'), (SELECT MAX(id) FROM loans))""");
        }
    }

    private long benchUser(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO users (name, role, territory, token_hash, active, created_at)
                VALUES ('bench', 'ADMIN', NULL, 'not-a-token-hash', TRUE, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, now.toEpochMilli());
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Households of the région's communes, each with one pupil at a school of its commune or, for a
     * commune without one, at a school of another commune, the same one for the whole commune.
     */
    private void writeHouseholds(Connection connection, int households, Map<String, List<String>> schoolsByCommune,
                                 long benchUser) throws SQLException {
        List<String> withSchools = new ArrayList<>(new TreeMap<>(schoolsByCommune).keySet());
        try (PreparedStatement family = connection.prepareStatement("""
                INSERT INTO families (id, guardian_name, guardian_phone, guardian_email, preferred_contact, commune_insee,
                                      search_name, phone_digits, created_at, updated_at)
                VALUES (?, ?, NULL, NULL, 'PAPER', ?, ?, NULL, ?, ?)""");
             PreparedStatement pupil = connection.prepareStatement("""
                     INSERT INTO pupils (family_id, position, first_name, uai, level) VALUES (?, 0, 'Élève', ?, '5E')""");
             PreparedStatement diagnostic = connection.prepareStatement("""
                     INSERT INTO diagnostics (family_id, criteria_version, answers, need_laptop, need_dongle, need_headset,
                                              alternative_access, white_zone, no_connection, mobile_capped, low_fixed_speed,
                                              eligible, priority_hundredths, reasons, made_by, made_at, expires,
                                              smartphone_only, shared_device, parents_without_autonomy, other_language, adapted_equipment)
                     VALUES (?, '1', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int id = 1; id <= households; id++) {
                String commune = REGION_DEPARTEMENTS.get(random.nextInt(REGION_DEPARTEMENTS.size()))
                        + String.format("%03d", 1 + random.nextInt(COMMUNES_PER_DEPARTEMENT));
                long created = now.toEpochMilli() - random.nextLong(365 * DAY);
                family.setLong(1, id);
                family.setString(2, "Foyer " + id);
                family.setString(3, commune);
                family.setString(4, "foyer " + id);
                family.setLong(5, created);
                family.setLong(6, created);
                family.addBatch();
                pupil.setLong(1, id);
                List<String> schools = schoolsByCommune.getOrDefault(commune, schoolsByCommune.get(
                        withSchools.get(Math.floorMod(commune.hashCode(), withSchools.size()))));
                pupil.setString(2, schools.get(random.nextInt(schools.size())));
                pupil.addBatch();
                int times = random.nextInt(10) == 0 ? 2 : 1;
                for (int t = 0; t < times; t++) {
                    long made = created + t * 30 * DAY;
                    boolean noConnection = random.nextInt(5) == 0;
                    boolean lowSpeed = noConnection || random.nextInt(6) == 0;
                    boolean whiteZone = lowSpeed && random.nextInt(4) == 0;
                    diagnostic.setLong(1, id);
                    diagnostic.setBoolean(2, random.nextInt(3) == 0);
                    diagnostic.setBoolean(3, noConnection && !whiteZone);
                    diagnostic.setBoolean(4, random.nextInt(4) == 0);
                    diagnostic.setBoolean(5, whiteZone);
                    diagnostic.setBoolean(6, whiteZone);
                    diagnostic.setBoolean(7, noConnection);
                    diagnostic.setBoolean(8, !noConnection && random.nextInt(8) == 0);
                    diagnostic.setBoolean(9, lowSpeed);
                    diagnostic.setBoolean(10, random.nextInt(3) == 0);
                    diagnostic.setInt(11, random.nextInt(1000));
                    diagnostic.setLong(12, benchUser);
                    diagnostic.setLong(13, made);
                    diagnostic.setString(14, LocalDate.ofInstant(Instant.ofEpochMilli(made), SchoolCalendar.ZONE)
                            .plusYears(1).toString());
                    for (int fact = 0; fact < FACT_ODDS.length; fact++) {
                        diagnostic.setBoolean(15 + fact, facts.nextInt(FACT_ODDS[fact]) == 0);
                    }
                    diagnostic.addBatch();
                }
                flush(id, family, pupil, diagnostic);
            }
            family.executeBatch();
            pupil.executeBatch();
            diagnostic.executeBatch();
        }
        connection.commit();
    }

    /** Returns the agreements and loans written. */
    private int[] writeDevicesAndLoans(Connection connection, int devices, List<String> lycees, int households,
                                      long benchUser) throws SQLException {
        String[] kinds = {"LAPTOP", "LAPTOP", "LAPTOP", "LAPTOP", "LAPTOP", "LAPTOP", "DONGLE_4G", "DONGLE_4G",
                "HEADSET", "TABLET"};
        // the devices of each lycée, in order: lent in bundles of consecutive devices
        List<List<Integer>> pools = new ArrayList<>();
        lycees.forEach(uai -> pools.add(new ArrayList<>()));
        String[] status = new String[devices + 1];
        long firstRound = now.toEpochMilli() - 370 * DAY;
        try (PreparedStatement device = connection.prepareStatement("""
                INSERT INTO devices (id, asset_tag, uai, kind, serial, model, accessories, funded_by, status,
                                     created_at, needs_wipe)
                VALUES (?, ?, ?, ?, ?, 'Modèle de banc', '', ?, 'AVAILABLE', ?, FALSE)""");
             PreparedStatement created = connection.prepareStatement("""
                     INSERT INTO device_events (device_id, at, event, actor_id) VALUES (?, ?, 'CREATED', ?)""")) {
            for (int id = 1; id <= devices; id++) {
                int pool = id % lycees.size();
                pools.get(pool).add(id);
                device.setLong(1, id);
                device.setString(2, String.format("B%08d", id));
                device.setString(3, lycees.get(pool));
                device.setString(4, kinds[id % kinds.length]);
                device.setString(5, "S" + id);
                device.setString(6, random.nextInt(5) == 0 ? null : "region:" + REGION);
                device.setLong(7, firstRound - DAY);
                device.addBatch();
                created.setLong(1, id);
                created.setLong(2, firstRound - DAY);
                created.setLong(3, benchUser);
                created.addBatch();
                flush(id, device, created);
                status[id] = "AVAILABLE";
            }
            device.executeBatch();
            created.executeBatch();
        }
        int agreements = 0;
        int loans = 0;
        try (PreparedStatement agreement = connection.prepareStatement("""
                INSERT INTO agreements (id, number, family_id, uai, status, due_date, override_reason, created_by,
                                        idempotency_key, request_fingerprint, created_at, closed_at, terms_version)
                VALUES (?, ?, ?, ?, ?, ?, 'Banc d''essai', ?, ?, 'bench', ?, ?, '1')""");
             PreparedStatement loan = connection.prepareStatement("""
                     INSERT INTO loans (id, agreement_id, device_id, out_at, returned_at, lost_at) VALUES (?, ?, ?, ?, ?, ?)""");
             PreparedStatement back = connection.prepareStatement("""
                     INSERT INTO returns (loan_id, condition, missing_accessories, note, received_by, received_at)
                     VALUES (?, 'GOOD', '', NULL, ?, ?)""");
             PreparedStatement lost = connection.prepareStatement("""
                     INSERT INTO device_events (device_id, at, event, actor_id, agreement_id, note)
                     VALUES (?, ?, 'LOST', ?, ?, 'Perdu')""")) {
            for (int round = 0; round < ROUNDS; round++) {
                boolean last = round == ROUNDS - 1;
                long out = firstRound + round * 36L * DAY;
                for (int p = 0; p < pools.size(); p++) {
                    List<Integer> pool = pools.get(p);
                    int size = 0;
                    for (int start = 0; start < pool.size(); start += size) {
                        size = Math.min(pool.size() - start, 2 + (start / 2) % 2);
                        int agreementId = ++agreements;
                        long closedAt = 0;
                        boolean open = false;
                        for (int k = start; k < start + size; k++) {
                            int deviceId = pool.get(k);
                            long returnedAt = out + (20 + random.nextInt(10)) * DAY;
                            boolean stillOut = last && random.nextInt(10) < 6;
                            boolean gone = last && !stillOut && random.nextInt(30) == 0;
                            loan.setLong(1, ++loans);
                            loan.setLong(2, agreementId);
                            loan.setLong(3, deviceId);
                            loan.setLong(4, out);
                            if (stillOut || gone) {
                                loan.setNull(5, java.sql.Types.BIGINT);
                            } else {
                                loan.setLong(5, returnedAt);
                            }
                            if (gone) {
                                loan.setLong(6, returnedAt);
                            } else {
                                loan.setNull(6, java.sql.Types.BIGINT);
                            }
                            loan.addBatch();
                            if (stillOut) {
                                open = true;
                                status[deviceId] = "ON_LOAN";
                            } else {
                                closedAt = Math.max(closedAt, returnedAt);
                                if (gone) {
                                    status[deviceId] = "LOST";
                                    lost.setLong(1, deviceId);
                                    lost.setLong(2, returnedAt);
                                    lost.setLong(3, benchUser);
                                    lost.setLong(4, agreementId);
                                    lost.addBatch();
                                } else {
                                    back.setLong(1, loans);
                                    back.setLong(2, benchUser);
                                    back.setLong(3, returnedAt);
                                    back.addBatch();
                                }
                            }
                        }
                        agreement.setLong(1, agreementId);
                        agreement.setString(2, "AGR-" + LocalDate.ofInstant(Instant.ofEpochMilli(out), SchoolCalendar.ZONE)
                                .getYear() + "-" + agreementId);
                        agreement.setLong(3, 1 + random.nextInt(households));
                        agreement.setString(4, lycees.get(p));
                        agreement.setString(5, open ? "ACTIVE" : "CLOSED");
                        agreement.setString(6, LocalDate.ofInstant(Instant.ofEpochMilli(out), SchoolCalendar.ZONE)
                                .plus(30, ChronoUnit.DAYS).toString());
                        agreement.setLong(7, benchUser);
                        agreement.setString(8, "bench-" + agreementId);
                        agreement.setLong(9, out);
                        if (open) {
                            agreement.setNull(10, java.sql.Types.BIGINT);
                        } else {
                            agreement.setLong(10, closedAt);
                        }
                        agreement.addBatch();
                        flush(agreementId, agreement, loan, back, lost);
                    }
                }
                agreement.executeBatch();
                loan.executeBatch();
                back.executeBatch();
                lost.executeBatch();
                connection.commit();
            }
        }
        // what the pool holds now: a few of the devices back on the shelf are in repair
        try (PreparedStatement update = connection.prepareStatement("UPDATE devices SET status = ? WHERE id = ?");
             PreparedStatement repair = connection.prepareStatement("""
                     INSERT INTO repairs (device_id, reason, out_at) VALUES (?, 'Écran', ?)""")) {
            int changed = 0;
            for (int id = 1; id <= devices; id++) {
                String current = status[id];
                if (current.equals("AVAILABLE") && random.nextInt(50) == 0) {
                    current = "IN_REPAIR";
                    repair.setLong(1, id);
                    repair.setLong(2, this.now.toEpochMilli() - random.nextLong(10 * DAY));
                    repair.addBatch();
                }
                if (!current.equals("AVAILABLE")) {
                    update.setString(1, current);
                    update.setLong(2, id);
                    update.addBatch();
                    flush(++changed, update);
                }
            }
            update.executeBatch();
            repair.executeBatch();
        }
        return new int[] {agreements, loans};
    }

    /**
     * Sends the rows batched so far every {@link #BATCH} households, devices or agreements, each
     * table's before those of the tables that refer to it: PostgreSQL checks a foreign key at each row.
     */
    private static void flush(int count, PreparedStatement... parentsFirst) throws SQLException {
        if (count % BATCH == 0) {
            for (PreparedStatement statement : parentsFirst) {
                statement.executeBatch();
            }
        }
    }
}
