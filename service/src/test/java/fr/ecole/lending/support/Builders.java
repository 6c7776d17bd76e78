package fr.ecole.lending.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Request bodies with sensible defaults; each test changes what it is about. Serials never repeat. */
public final class Builders {
    /** Real establishments of the fixture directory, in Rennes. */
    public static final String COLLEGE = "0350963G";
    public static final String ECOLE = "0352258P";
    public static final String LYCEE = "0350028R";

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private Builders() {
    }

    public static Map<String, Object> laptop() {
        return device("LAPTOP");
    }

    public static Map<String, Object> device(String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("serial", "SN" + SERIALS.incrementAndGet());
        body.put("model", "Modèle de test");
        body.put("accessories", List.of("chargeur"));
        if ("DONGLE_4G".equals(kind)) {
            body.put("sim", sim(LocalDate.now(ZoneId.of("Europe/Paris")).plusYears(1)));
        }
        return body;
    }

    public static Map<String, Object> sim(LocalDate planEnds) {
        Map<String, Object> sim = new LinkedHashMap<>();
        sim.put("iccid", "893315" + String.format("%014d", SERIALS.incrementAndGet()));
        sim.put("phone", "07 12 34 56 78");
        sim.put("dataPlanGb", 50);
        sim.put("planEnds", planEnds.toString());
        return sim;
    }

    public static Map<String, Object> family(String name, String... uais) {
        Map<String, Object> guardian = new LinkedHashMap<>();
        guardian.put("name", name);
        guardian.put("phone", "06 11 22 33 44");
        guardian.put("preferredContact", "SMS");
        List<Map<String, Object>> pupils = new ArrayList<>();
        for (String uai : uais) {
            pupils.add(new LinkedHashMap<>(Map.of("firstName", "Élève", "uai", uai, "level", "5E")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guardian", guardian);
        body.put("communeInsee", "35238");
        body.put("pupils", pupils);
        return body;
    }

    /** A family whose pupils are in these classes at these schools, class to UAI ("CM2" at an école). */
    public static Map<String, Object> familyInClasses(String name, Map<String, String> pupils) {
        Map<String, Object> body = family(name);
        List<Map<String, Object>> list = new ArrayList<>();
        pupils.forEach((level, uai) -> list.add(new LinkedHashMap<>(Map.of("firstName", "Élève", "uai", uai,
                "level", level))));
        body.put("pupils", list);
        return body;
    }

    /** A device paid for by {@code fundedBy} ("commune:35238", "departement:035"), or by no one when null. */
    public static Map<String, Object> device(String kind, String fundedBy) {
        Map<String, Object> body = device(kind);
        if (fundedBy != null) {
            body.put("fundedBy", fundedBy);
        }
        return body;
    }

    /**
     * Complete diagnostic answers: a household without a device, without internet, good 4G, with a
     * family quotient under the threshold (a first-level criterion).
     */
    public static ObjectNode answers() {
        ObjectNode answers = new ObjectMapper().createObjectNode();
        answers.put("devicesForSchoolwork", 0).put("hasSmartphone", true).put("pupilsInHousehold", 2)
                .put("adultsTeleworking", 0).put("headset", "NONE").put("homeInternet", "NONE").put("fixedSpeed", "NONE")
                .put("mobile4g", "GOOD").put("parentAutonomy", "PARTIAL").put("needsOtherLanguage", false)
                .put("familyQuotientBelowThreshold", true).put("referral", "NONE").put("needsAdaptedEquipment", false)
                .put("qpv", false);
        return answers;
    }

    public static Map<String, Object> agreement(long familyId, String uai, List<String> assetTags, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("familyId", familyId);
        body.put("uai", uai);
        body.put("assetTags", assetTags);
        body.put("dueDate", LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(6).toString());
        body.put("idempotencyKey", key);
        body.put("override", Map.of("reason", "Famille signalée par l'assistante sociale."));
        return body;
    }
}
