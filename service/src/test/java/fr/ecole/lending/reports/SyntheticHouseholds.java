package fr.ecole.lending.reports;

import static fr.ecole.lending.reports.SyntheticDepartement.pick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.diagnostics.Answers;
import fr.ecole.lending.diagnostics.Criteria;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.diagnostics.EligibilityDecider;
import fr.ecole.lending.establishments.PriorityEducation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes the diagnosed households of a {@link SyntheticDepartement} by plain batched JDBC, as the desks
 * would have recorded them: the family, its pupils, its diagnostic decided by the service's own
 * criteria, and for some an agreement with a laptop out. Ids follow the largest in place; the record
 * keys are left to the database, random per record as for every row the service writes.
 */
final class SyntheticHouseholds {
    private static final long DAY = 86_400_000L;
    private static final int BATCH = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PRIMARY_LEVELS = {"PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"};
    private static final String[] COLLEGE_LEVELS = {"6E", "5E", "4E", "3E"};
    private static final String[] LYCEE_LEVELS = {"2NDE", "1ERE", "TLE"};

    private final Connection connection;
    private final Map<String, SyntheticDepartement.School> schools;
    private final SplittableRandom random;
    private final Instant now;
    private final Criteria criteria = Criteria.builtIn();
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

    SyntheticHouseholds(Connection connection, Map<String, SyntheticDepartement.School> schools,
                        SplittableRandom random, Instant now) throws SQLException {
        this.connection = connection;
        this.schools = schools;
        this.random = random;
        this.now = now;
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
                                         expires, smartphone_only, shared_device, parents_without_autonomy,
                                         other_language, adapted_equipment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
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
        loan = connection.prepareStatement("""
                INSERT INTO loans (id, agreement_id, device_id, out_at) VALUES (?, ?, ?, ?)""");
    }

    /**
     * Writes a diagnosed household of {@code commune} with pupils at {@code uais}: its answers drawn
     * ({@code communeCoverage} its commune's usual 4G), decided by the service's criteria; two in five of
     * the eligible have a laptop on loan.
     */
    SyntheticDepartement.Household household(String commune, List<String> uais, String communeCoverage)
            throws SQLException {
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
            SyntheticDepartement.School school = schools.get(uais.get(position));
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
        Decision.Household facts = decision.household();
        diagnostic.setBoolean(19, facts.smartphoneOnly());
        diagnostic.setBoolean(20, facts.sharedDevice());
        diagnostic.setBoolean(21, facts.parentsWithoutAutonomy());
        diagnostic.setBoolean(22, facts.otherLanguage());
        diagnostic.setBoolean(23, facts.adaptedEquipment());
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
        figures.put("smartphoneOnly", one(facts.smartphoneOnly()));
        figures.put("sharedDevice", one(facts.sharedDevice()));
        figures.put("parentsWithoutAutonomy", one(facts.parentsWithoutAutonomy()));
        figures.put("otherLanguage", one(facts.otherLanguage()));
        figures.put("adaptedEquipment", one(facts.adaptedEquipment()));
        return new SyntheticDepartement.Household(id, commune, String.join(" ", new TreeSet<>(uais)), figures);
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
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(out), SchoolCalendar.ZONE);
        agreement.setLong(1, agreementOf);
        agreement.setString(2, "AGR-" + day.getYear() + "-" + agreementOf);
        agreement.setLong(3, family);
        agreement.setString(4, uai);
        agreement.setString(5, day.plusMonths(6).toString());
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
                event.setNull(5, Types.BIGINT);
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

    /** Sends the last rows; on PostgreSQL, moves the ids the service gives next past those written. */
    void finish() throws SQLException {
        flush();
        for (PreparedStatement statement : List.of(family, pupil, diagnostic, device, agreement, loan, event)) {
            statement.close();
        }
        if (Engine.of(connection.getMetaData().getURL()) == Engine.POSTGRESQL) {
            // SQLite's AUTOINCREMENT follows the largest id by itself; PostgreSQL's identities would collide
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        SELECT setval(pg_get_serial_sequence('families', 'id'), (SELECT MAX(id) FROM families)),
                               setval(pg_get_serial_sequence('diagnostics', 'id'), (SELECT MAX(id) FROM diagnostics)),
                               setval(pg_get_serial_sequence('devices', 'id'), (SELECT MAX(id) FROM devices)),
                               setval(pg_get_serial_sequence('agreements', 'id'), (SELECT MAX(id) FROM agreements)),
                               setval(pg_get_serial_sequence('loans', 'id'), (SELECT MAX(id) FROM loans))""");
            }
        }
    }

    /**
     * Answers varied enough that every figure of the reports varies: devices, internet, fixed speed,
     * 4G (the commune's mostly), and the criteria of the first and second levels.
     */
    private ObjectNode answers(List<String> types, String communeCoverage) {
        ObjectNode answers = JSON.createObjectNode();
        String internet = pick(random, new String[] {"NONE", "MOBILE_CAPPED", "MOBILE_UNLIMITED", "FIXED_BOX"},
                20, 20, 15, 45);
        String[] speeds = {"NONE", "LT3", "3_TO_8", "8_TO_30", "30_TO_100", "GE100", "UNKNOWN"};
        // without a box, the speed the line could give, when the household knows it
        String speed = internet.equals("FIXED_BOX") ? pick(random, speeds, 0, 10, 20, 30, 25, 10, 5)
                : pick(random, speeds, 60, 10, 10, 10, 5, 0, 5);
        int draw = random.nextInt(100);
        String mobile = draw < 80 ? communeCoverage : draw < 95
                ? pick(random, new String[] {"NONE", "LIMITED", "GOOD", "VERY_GOOD"}, 1, 1, 1, 1) : "UNKNOWN";
        answers.put("devicesForSchoolwork", pick(random, new Integer[] {0, 1, 2, 3}, 35, 35, 20, 10))
                .put("hasSmartphone", random.nextInt(10) < 9)
                .put("pupilsInHousehold", types.size())
                .put("adultsTeleworking", pick(random, new Integer[] {0, 1, 2}, 75, 20, 5))
                .put("headset", pick(random, new String[] {"NONE", "SHARED", "OK"}, 40, 30, 30))
                .put("homeInternet", internet)
                .put("fixedSpeed", speed)
                .put("mobile4g", mobile)
                .put("parentAutonomy", pick(random, new String[] {"AUTONOMOUS", "PARTIAL", "NONE"}, 50, 35, 15))
                .put("needsOtherLanguage", random.nextInt(10) == 0)
                .put("familyQuotientBelowThreshold", random.nextBoolean())
                .put("referral", pick(random, new String[] {"NONE", "SCHOOL_SOCIAL_WORKER", "CCAS_OR_DEPARTMENT",
                        "ASSOCIATION"}, 70, 10, 10, 10))
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
}
