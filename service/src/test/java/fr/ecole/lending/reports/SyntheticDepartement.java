package fr.ecole.lending.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.diagnostics.Answers;
import fr.ecole.lending.diagnostics.Criteria;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.diagnostics.EligibilityDecider;
import fr.ecole.lending.establishments.PriorityEducation;
import fr.ecole.lending.support.Api;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A synthetic Ille-et-Vilaine for measuring the reports: its households are made from the real pupil
 * counts of {@code fixtures/territory} (source: ministère de l'Éducation nationale, Licence Ouverte 2.0;
 * see its SOURCE.md) and written by plain batched JDBC into a service's database, once the service has
 * migrated it and imported the directory and the carte scolaire.
 *
 * <ul>
 *   <li>Each school's pupils (its latest count) live: for an école, in its commune; for a public collège,
 *       in the communes of its catchment; for any other collège, a lycée or an EREA, in the catchments of
 *       the public collèges of its commune (where that town recruits), or in its commune when it has
 *       none. A commune gets its share in proportion to its écoles' pupils (shared equally between the
 *       collèges of a split commune): the communes without an école of their own (their children go to a
 *       neighbour's) get no households.</li>
 *   <li>Each commune's pupils, shuffled, make households of one, two or three pupils (half, a third, a
 *       sixth): siblings attend any of the commune's schools, so that the finest groups (a commune's
 *       households whose pupils attend the same schools) are as varied as a real territory's.</li>
 *   <li>About 8 % of households are diagnosed, with answers drawn so that every column varies (4G
 *       coverage mostly that of the commune, so that white zones cluster as they do), decided by the
 *       service's own criteria; two in five of the eligible have a laptop on loan. Households never
 *       diagnosed count in no report, and are not written.</li>
 * </ul>
 * The seed makes the households the same every run; the record keys are the database's, random per
 * record as for every row the service writes.
 */
final class SyntheticDepartement {
    static final long SEED = 20_261_203L;
    static final double DIAGNOSED = 0.08;
    private static final long DAY = 86_400_000L;
    private static final int BATCH = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PRIMARY_LEVELS = {"PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"};
    private static final String[] COLLEGE_LEVELS = {"6E", "5E", "4E", "3E"};
    private static final String[] LYCEE_LEVELS = {"2NDE", "1ERE", "TLE"};

    /** A diagnosed household: its commune, its schools (UAIs in order, space separated), and 0 or 1 per report figure. */
    record Household(long id, String commune, String schools, Map<String, Long> figures) {
    }

    /**
     * What was written: the seed, the pupils placed, every household made and the diagnosed ones, and which
     * collèges serve each commune (the imported carte scolaire).
     */
    record Written(long seed, long pupils, long households, List<Household> diagnosed,
                   Map<String, Set<String>> collegesServing) {
    }

    private record School(String type, String commune, PriorityEducation priority) {
    }

    private final long seed;
    private final SplittableRandom random;
    private final Instant now;
    private final Criteria criteria = Criteria.builtIn();

    SyntheticDepartement(long seed, Instant now) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.now = now;
    }

    Written write(Connection connection) throws SQLException {
        Map<String, School> schools = schools(connection);
        Map<String, Set<String>> serving = collegesServing(connection);
        Map<String, Long> pupils = latestCounts("fr-en-ecoles-effectifs-nb_classes.csv", "Numéro de l'école",
                "Rentrée scolaire", "Nombre total d'élèves");
        pupils.putAll(latestCounts("fr-en-effectifs-second-degre.csv", "Numero_d_etablissement", "Annee_scolaire",
                "Nombre_d_eleves"));
        pupils.keySet().retainAll(schools.keySet());
        Map<String, List<String>> seats = seats(schools, serving, pupils);
        Map<String, String> coverage = new TreeMap<>();
        for (String commune : seats.keySet()) {
            coverage.put(commune, pick(new String[] {"NONE", "LIMITED", "GOOD", "VERY_GOOD"}, 5, 20, 50, 25));
        }

        connection.setAutoCommit(false);
        Writer writer = new Writer(connection, schools);
        long placed = 0;
        long households = 0;
        List<Household> diagnosed = new ArrayList<>();
        for (Map.Entry<String, List<String>> commune : seats.entrySet()) {
            List<String> left = commune.getValue();
            shuffle(left);
            placed += left.size();
            for (int start = 0; start < left.size(); ) {
                int size = Math.min(left.size() - start, pick(new Integer[] {1, 2, 3}, 3, 2, 1));
                List<String> household = left.subList(start, start + size);
                start += size;
                households++;
                if (random.nextDouble() < DIAGNOSED) {
                    diagnosed.add(writer.household(commune.getKey(), household, coverage.get(commune.getKey())));
                }
            }
        }
        writer.finish();
        connection.commit();
        connection.setAutoCommit(true);
        return new Written(seed, placed, households, diagnosed, serving);
    }

    /**
     * The pupils of each commune, as the UAIs of their schools: an école's in its commune, a collège's or
     * lycée's spread over where it recruits (see above).
     */
    private Map<String, List<String>> seats(Map<String, School> schools, Map<String, Set<String>> serving,
                                            Map<String, Long> pupils) {
        Map<String, Long> primary = new TreeMap<>();
        Map<String, Map<String, Double>> catchment = new TreeMap<>();
        for (Map.Entry<String, Long> school : new TreeMap<>(pupils).entrySet()) {
            if (schools.get(school.getKey()).type().equals("ECOLE")) {
                primary.merge(schools.get(school.getKey()).commune(), school.getValue(), Long::sum);
            }
        }
        serving.forEach((commune, colleges) -> colleges.forEach(college -> catchment.computeIfAbsent(college,
                k -> new TreeMap<>()).merge(commune, primary.getOrDefault(commune, 0L) / (double) colleges.size(),
                Double::sum)));
        Map<String, List<String>> seats = new TreeMap<>();
        for (Map.Entry<String, Long> school : new TreeMap<>(pupils).entrySet()) {
            String uai = school.getKey();
            School where = schools.get(uai);
            Map<String, Double> area = new TreeMap<>();
            if (where.type().equals("ECOLE")) {
                area.put(where.commune(), 1.0);
            } else if (catchment.containsKey(uai)) {
                area.putAll(catchment.get(uai));
            } else {
                catchment.forEach((college, communes) -> {
                    if (schools.containsKey(college) && schools.get(college).commune().equals(where.commune())) {
                        communes.forEach((commune, weight) -> area.merge(commune, weight, Double::sum));
                    }
                });
            }
            area.values().removeIf(weight -> weight <= 0);
            if (area.isEmpty()) {
                area.put(where.commune(), 1.0);
            }
            String[] communes = area.keySet().toArray(String[]::new);
            double[] upTo = new double[communes.length];
            double sum = 0;
            for (int i = 0; i < communes.length; i++) {
                sum += area.get(communes[i]);
                upTo[i] = sum;
            }
            for (long p = 0; p < school.getValue(); p++) {
                int at = Arrays.binarySearch(upTo, random.nextDouble() * sum);
                String commune = communes[Math.min(at < 0 ? -at - 1 : at, communes.length - 1)];
                seats.computeIfAbsent(commune, k -> new ArrayList<>()).add(uai);
            }
        }
        return seats;
    }

    /** Writes the diagnosed households, their pupils, diagnostics and loans, in batches. */
    private final class Writer {
        private final Connection connection;
        private final Map<String, School> schools;
        private final long madeBy;
        private final PreparedStatement family;
        private final PreparedStatement pupil;
        private final PreparedStatement diagnostic;
        private final PreparedStatement device;
        private final PreparedStatement event;
        private final PreparedStatement agreement;
        private final PreparedStatement loan;
        private long familyId;
        private long diagnosticId;
        private long deviceId;
        private long agreementId;
        private long loanId;
        private int written;

        Writer(Connection connection, Map<String, School> schools) throws SQLException {
            this.connection = connection;
            this.schools = schools;
            madeBy = first(connection, "SELECT MIN(id) FROM users WHERE role = 'ADMIN'");
            familyId = first(connection, "SELECT COALESCE(MAX(id), 0) FROM families");
            diagnosticId = first(connection, "SELECT COALESCE(MAX(id), 0) FROM diagnostics");
            deviceId = first(connection, "SELECT COALESCE(MAX(id), 0) FROM devices");
            agreementId = first(connection, "SELECT COALESCE(MAX(id), 0) FROM agreements");
            loanId = first(connection, "SELECT COALESCE(MAX(id), 0) FROM loans");
            family = connection.prepareStatement("""
                    INSERT INTO families (id, guardian_name, guardian_phone, guardian_email, preferred_contact,
                                          commune_insee, search_name, phone_digits, created_at, updated_at)
                    VALUES (?, ?, NULL, NULL, 'PAPER', ?, ?, NULL, ?, ?)""");
            pupil = connection.prepareStatement("""
                    INSERT INTO pupils (family_id, position, first_name, uai, level) VALUES (?, ?, 'Élève', ?, ?)""");
            diagnostic = connection.prepareStatement("""
                    INSERT INTO diagnostics (id, family_id, criteria_version, answers, need_laptop, need_dongle,
                                             need_headset, alternative_access, white_zone, no_connection, mobile_capped,
                                             low_fixed_speed, eligible, priority_hundredths, reasons, made_by, made_at,
                                             expires)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            device = connection.prepareStatement("""
                    INSERT INTO devices (id, asset_tag, uai, kind, serial, model, accessories, funded_by, status,
                                         created_at, needs_wipe)
                    VALUES (?, ?, ?, 'LAPTOP', ?, 'Portable de mesure', 'chargeur', NULL, 'ON_LOAN', ?, FALSE)""");
            event = connection.prepareStatement("""
                    INSERT INTO device_events (device_id, at, event, actor_id, agreement_id) VALUES (?, ?, ?, ?, ?)""");
            agreement = connection.prepareStatement("""
                    INSERT INTO agreements (id, number, family_id, uai, status, due_date, created_by, idempotency_key,
                                            request_fingerprint, created_at, terms_version, diagnostic_id)
                    VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, 'mesure', ?, '1', ?)""");
            loan = connection.prepareStatement("INSERT INTO loans (id, agreement_id, device_id, out_at) VALUES (?, ?, ?, ?)");
        }

        Household household(String commune, List<String> uais, String communeCoverage) throws SQLException {
            long id = ++familyId;
            long created = now.toEpochMilli() - (30 + random.nextInt(300)) * DAY;
            family.setLong(1, id);
            family.setString(2, "Foyer " + id);
            family.setString(3, commune);
            family.setString(4, "foyer " + id);
            family.setLong(5, created);
            family.setLong(6, created);
            family.addBatch();
            PriorityEducation priority = PriorityEducation.NONE;
            List<String> types = new ArrayList<>();
            for (int position = 0; position < uais.size(); position++) {
                School school = schools.get(uais.get(position));
                pupil.setLong(1, id);
                pupil.setInt(2, position);
                pupil.setString(3, uais.get(position));
                pupil.setString(4, level(school.type()));
                pupil.addBatch();
                priority = school.priority().compareTo(priority) > 0 ? school.priority() : priority;
                types.add(school.type());
            }
            Answers answers = Answers.check(criteria, answers(types, communeCoverage));
            Decision decision = EligibilityDecider.decide(criteria, answers, priority, null);
            long made = now.toEpochMilli() - (2 + random.nextInt(25)) * DAY;
            diagnostic.setLong(1, ++diagnosticId);
            diagnostic.setLong(2, id);
            diagnostic.setString(3, criteria.version());
            diagnostic.setString(4, answers.toJson(criteria, false).toString());
            diagnostic.setBoolean(5, decision.needs(Decision.Need.LAPTOP));
            diagnostic.setBoolean(6, decision.needs(Decision.Need.DONGLE_4G));
            diagnostic.setBoolean(7, decision.needs(Decision.Need.HEADSET));
            diagnostic.setBoolean(8, decision.needs(Decision.Need.ALTERNATIVE_ACCESS));
            diagnostic.setBoolean(9, decision.whiteZone());
            diagnostic.setBoolean(10, decision.connectivity().noConnection());
            diagnostic.setBoolean(11, decision.connectivity().mobileCapped());
            diagnostic.setBoolean(12, decision.connectivity().lowFixedSpeed());
            diagnostic.setBoolean(13, decision.eligible());
            diagnostic.setInt(14, (int) Math.round(decision.priority() * 100));
            diagnostic.setString(15, json(decision.reasons()));
            diagnostic.setLong(16, madeBy);
            diagnostic.setLong(17, made);
            diagnostic.setString(18, criteria.expiryOf(LocalDate.ofInstant(Instant.ofEpochMilli(made),
                    SchoolCalendar.ZONE)).toString());
            diagnostic.addBatch();
            boolean equipped = decision.eligible() && random.nextInt(5) < 2;
            if (equipped) {
                lend(id, uais.get(0), made + DAY);
            }
            if (++written % BATCH == 0) {
                flush();
            }
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("diagnosed", 1L);
            figures.put("eligible", one(decision.eligible()));
            figures.put("equipped", one(equipped));
            figures.put("needsLaptop", one(decision.needs(Decision.Need.LAPTOP)));
            figures.put("needsDongle", one(decision.needs(Decision.Need.DONGLE_4G)));
            figures.put("needsHeadset", one(decision.needs(Decision.Need.HEADSET)));
            figures.put("alternativeAccess", one(decision.needs(Decision.Need.ALTERNATIVE_ACCESS)));
            figures.put("noConnection", one(decision.connectivity().noConnection()));
            figures.put("mobileCapped", one(decision.connectivity().mobileCapped()));
            figures.put("whiteZone", one(decision.whiteZone()));
            figures.put("lowFixedSpeed", one(decision.connectivity().lowFixedSpeed()));
            return new Household(id, commune, String.join(" ", new TreeSet<>(uais)), figures);
        }

        /** A laptop of the school lent to the household, still out: an agreement open today. */
        private void lend(long family, String uai, long out) throws SQLException {
            long deviceOf = ++deviceId;
            device.setLong(1, deviceOf);
            device.setString(2, String.format("MES-%06d", deviceOf));
            device.setString(3, uai);
            device.setString(4, "MES" + deviceOf);
            device.setLong(5, out - DAY);
            device.addBatch();
            long agreementOf = ++agreementId;
            agreement.setLong(1, agreementOf);
            agreement.setString(2, "AGR-" + LocalDate.ofInstant(Instant.ofEpochMilli(out), SchoolCalendar.ZONE).getYear()
                    + "-" + agreementOf);
            agreement.setLong(3, family);
            agreement.setString(4, uai);
            agreement.setString(5, LocalDate.ofInstant(Instant.ofEpochMilli(out), SchoolCalendar.ZONE).plusMonths(6).toString());
            agreement.setLong(6, madeBy);
            agreement.setString(7, "mesure-" + agreementOf);
            agreement.setLong(8, out);
            agreement.setLong(9, diagnosticId);
            agreement.addBatch();
            loan.setLong(1, ++loanId);
            loan.setLong(2, agreementOf);
            loan.setLong(3, deviceOf);
            loan.setLong(4, out);
            loan.addBatch();
            for (String kind : List.of("CREATED", "LENT")) {
                event.setLong(1, deviceOf);
                event.setLong(2, kind.equals("CREATED") ? out - DAY : out);
                event.setString(3, kind);
                event.setLong(4, madeBy);
                if (kind.equals("LENT")) {
                    event.setLong(5, agreementOf);
                } else {
                    event.setNull(5, java.sql.Types.BIGINT);
                }
                event.addBatch();
            }
        }

        /** Sends the rows batched so far, each table's before those of the tables that refer to it. */
        private void flush() throws SQLException {
            for (PreparedStatement statement : List.of(family, pupil, diagnostic, device, agreement, loan, event)) {
                statement.executeBatch();
            }
        }

        void finish() throws SQLException {
            flush();
            for (PreparedStatement statement : List.of(family, pupil, diagnostic, device, agreement, loan, event)) {
                statement.close();
            }
            if (Engine.of(connection.getMetaData().getURL()) == Engine.POSTGRESQL) {
                // rows written with their ids leave PostgreSQL's identity sequences behind: the service's next would collide
                try (Statement statement = connection.createStatement()) {
                    for (String table : List.of("families", "diagnostics", "devices", "agreements", "loans")) {
                        statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT MAX(id) FROM "
                                + table + "))");
                    }
                }
            }
        }
    }

    /**
     * Answers varied enough that every figure of the reports varies: devices, internet, fixed speed,
     * 4G (the commune's mostly), and the criteria of the first and second levels.
     */
    private ObjectNode answers(List<String> types, String communeCoverage) {
        ObjectNode answers = JSON.createObjectNode();
        String internet = pick(new String[] {"NONE", "MOBILE_CAPPED", "MOBILE_UNLIMITED", "FIXED_BOX"}, 20, 20, 15, 45);
        String[] speeds = {"NONE", "LT3", "3_TO_8", "8_TO_30", "30_TO_100", "GE100", "UNKNOWN"};
        String speed = internet.equals("FIXED_BOX") ? pick(speeds, 0, 10, 20, 30, 25, 10, 5) : pick(speeds, 60, 10, 10, 10, 5, 0, 5);
        int draw = random.nextInt(100);
        String mobile = draw < 80 ? communeCoverage : draw < 95
                ? pick(new String[] {"NONE", "LIMITED", "GOOD", "VERY_GOOD"}, 1, 1, 1, 1) : "UNKNOWN";
        answers.put("devicesForSchoolwork", pick(new Integer[] {0, 1, 2, 3}, 35, 35, 20, 10))
                .put("hasSmartphone", random.nextInt(10) < 9)
                .put("pupilsInHousehold", types.size())
                .put("adultsTeleworking", pick(new Integer[] {0, 1, 2}, 75, 20, 5))
                .put("headset", pick(new String[] {"NONE", "SHARED", "OK"}, 40, 30, 30))
                .put("homeInternet", internet)
                .put("fixedSpeed", speed)
                .put("mobile4g", mobile)
                .put("parentAutonomy", pick(new String[] {"AUTONOMOUS", "PARTIAL", "NONE"}, 50, 35, 15))
                .put("needsOtherLanguage", random.nextInt(10) == 0)
                .put("familyQuotientBelowThreshold", random.nextBoolean())
                .put("referral", pick(new String[] {"NONE", "SCHOOL_SOCIAL_WORKER", "CCAS_OR_DEPARTMENT", "ASSOCIATION"},
                        70, 10, 10, 10))
                .put("needsAdaptedEquipment", random.nextInt(30) == 0)
                .put("qpv", random.nextInt(10) == 0);
        // a scholarship for a quarter of the households with a pupil at a collège or a lycée
        String scholarship = types.contains("LYCEE") ? "LYCEE" : types.contains("COLLEGE") ? "COLLEGE" : null;
        if (scholarship != null && random.nextInt(4) == 0) {
            answers.putObject("scholarship").put("level", scholarship)
                    .put("echelon", 1 + random.nextInt(scholarship.equals("LYCEE") ? 6 : 3));
        }
        return answers;
    }

    private String level(String type) {
        String[] levels = switch (type) {
            case "ECOLE" -> PRIMARY_LEVELS;
            case "COLLEGE" -> COLLEGE_LEVELS;
            default -> LYCEE_LEVELS;
        };
        return levels[random.nextInt(levels.length)];
    }

    /** One of {@code values}, each as likely as its weight. */
    private <T> T pick(T[] values, int... weights) {
        int draw = random.nextInt(Arrays.stream(weights).sum());
        for (int i = 0; i < values.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values[i];
            }
        }
        throw new IllegalStateException("weights");
    }

    private void shuffle(List<String> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    private static long one(boolean holds) {
        return holds ? 1 : 0;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long first(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The directory's schools, as the service imported it. */
    private static Map<String, School> schools(Connection connection) throws SQLException {
        Map<String, School> schools = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT uai, type, commune_insee, priority_education FROM establishments")) {
            while (rows.next()) {
                schools.put(rows.getString(1), new School(rows.getString(2), rows.getString(3),
                        PriorityEducation.valueOf(rows.getString(4))));
            }
        }
        return schools;
    }

    /** Which public collèges serve each commune, in the carte scolaire the service imported. */
    private static Map<String, Set<String>> collegesServing(Connection connection) throws SQLException {
        Map<String, Set<String>> serving = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT DISTINCT commune_insee, uai FROM catchments")) {
            while (rows.next()) {
                serving.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(rows.getString(2));
            }
        }
        return serving;
    }

    /** Each establishment's pupils in the latest school year of a ministry's file. */
    private static Map<String, Long> latestCounts(String file, String uaiColumn, String yearColumn, String pupilsColumn) {
        String text = new String(Api.resource("/fixtures/territory/" + file), StandardCharsets.UTF_8).replace("\uFEFF", "");
        Map<String, String> years = new TreeMap<>();
        Map<String, Long> pupils = new TreeMap<>();
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(new CSVParserBuilder().withSeparator(';').build()).build()) {
            List<String[]> lines = reader.readAll();
            List<String> header = List.of(lines.get(0));
            int uai = header.indexOf(uaiColumn);
            int year = header.indexOf(yearColumn);
            int count = header.indexOf(pupilsColumn);
            for (String[] line : lines.subList(1, lines.size())) {
                if (years.getOrDefault(line[uai], "").compareTo(line[year]) < 0) {
                    years.put(line[uai], line[year]);
                    pupils.put(line[uai], Long.parseLong(line[count].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CsvException e) {
            throw new IllegalStateException(file, e);
        }
        return pupils;
    }
}
