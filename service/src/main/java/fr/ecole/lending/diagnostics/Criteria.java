package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of the common fragility criteria, as published in a data file: the answers a
 * diagnostic collects with their allowed values, the level and weight of each criterion, and the
 * thresholds of the rules. A deployment can point the configuration at its own version.
 */
public final class Criteria {
    /** The version the service ships, on the classpath. */
    public static final String BUILT_IN = "/criteria/criteria-v1.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One criterion: an answer of the family, or a fact of the school. */
    public record Criterion(String id, String kind, String type, Integer min, Integer max, boolean required,
                            List<String> values, Map<String, Integer> echelons, String label, String level,
                            List<JsonNode> holdsWhen, JsonNode weight, String visibleTo,
                            Map<String, String> valueLabels) {

        /** How the forms name an answer's value: the file's words for it, or the value itself. */
        public String valueLabel(String value) {
            return valueLabels == null ? value : valueLabels.getOrDefault(value, value);
        }

        /** An answer the family gives (not a fact of the school, which the service looks up). */
        public boolean isAnswer() {
            return "ANSWER".equals(kind);
        }

        boolean isFirstLevel() {
            return "FIRST".equals(level);
        }

        boolean isSecondLevel() {
            return "SECOND".equals(level);
        }

        boolean isRestricted() {
            return "RESTRICTED".equals(visibleTo);
        }

        /** True when {@code value} is one of the values for which the criterion holds. */
        boolean holds(Object value) {
            if (holdsWhen == null || value == null) {
                return false;
            }
            for (JsonNode accepted : holdsWhen) {
                if (accepted.isBoolean() && value instanceof Boolean b && accepted.booleanValue() == b) {
                    return true;
                }
                if (accepted.isTextual() && accepted.textValue().equals(value.toString())) {
                    return true;
                }
            }
            return false;
        }

        /** The weight for the value {@code value}: a number, or a number per value; 0 without one. */
        double weightFor(Object value) {
            if (weight == null || weight.isNull()) {
                return 0;
            }
            if (weight.isNumber()) {
                return weight.doubleValue();
            }
            return value == null ? 0 : weight.path(value.toString()).asDouble(0);
        }
    }

    /** The thresholds of the needs rules. */
    public record NeedsRules(double deviceNeedWeight, double sharedDeviceRatio, Set<String> lowFixedSpeeds,
                             Set<String> cappedInternet, Set<String> slowBoxSpeeds, Set<String> weakCoverage,
                             Set<String> goodCoverage) {
    }

    public record EligibilityRules(int firstLevelNeeded, int secondLevelNeeded) {
    }

    private record Expiry(int month, int day) {
    }

    private record File(String version, Expiry expires, List<Criterion> criteria, NeedsRules needs,
                        EligibilityRules eligibility) {
    }

    private final JsonNode document;
    private final String version;
    private final Map<String, Criterion> byId = new LinkedHashMap<>();
    private final NeedsRules needs;
    private final EligibilityRules eligibility;
    private final MonthDay expiry;

    private Criteria(JsonNode document) {
        File file;
        try {
            file = JSON.treeToValue(document, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the criteria file does not have the expected shape: " + e.getMessage(), e);
        }
        if (file.version() == null || file.criteria() == null || file.needs() == null || file.eligibility() == null
                || file.expires() == null) {
            throw new IllegalArgumentException("the criteria file needs version, criteria, needs, eligibility and expires");
        }
        this.document = document;
        this.version = file.version();
        for (Criterion criterion : file.criteria()) {
            check(criterion);
            byId.put(criterion.id(), criterion);
        }
        this.needs = file.needs();
        this.eligibility = file.eligibility();
        this.expiry = MonthDay.of(file.expires().month(), file.expires().day());
        for (String id : EligibilityDecider.CRITERIA_USED) {
            if (!byId.containsKey(id)) {
                throw new IllegalArgumentException("criteria version " + version + " lacks criterion " + id);
            }
        }
    }

    /** A file that the rules could not apply is refused when it is loaded, not at the first diagnostic. */
    private void check(Criterion criterion) {
        String where = "criteria version " + version + ", criterion " + criterion.id() + ": ";
        if (!Set.of("ANSWER", "ESTABLISHMENT").contains(String.valueOf(criterion.kind()))) {
            throw new IllegalArgumentException(where + "kind is ANSWER or ESTABLISHMENT");
        }
        switch (String.valueOf(criterion.type())) {
            case "INTEGER", "BOOLEAN" -> {
            }
            case "ENUM" -> {
                if (criterion.values() == null || criterion.values().isEmpty()) {
                    throw new IllegalArgumentException(where + "an ENUM lists its values");
                }
            }
            case "SCHOLARSHIP" -> {
                if (criterion.echelons() == null || criterion.echelons().isEmpty()) {
                    throw new IllegalArgumentException(where + "a SCHOLARSHIP gives the top echelon of each level");
                }
            }
            default -> throw new IllegalArgumentException(where + "type is INTEGER, BOOLEAN, ENUM or SCHOLARSHIP");
        }
        if (criterion.level() != null && !Set.of("FIRST", "SECOND").contains(criterion.level())) {
            throw new IllegalArgumentException(where + "level is FIRST, SECOND or null");
        }
        if (criterion.level() != null && !"SCHOLARSHIP".equals(criterion.type())
                && (criterion.holdsWhen() == null || criterion.holdsWhen().isEmpty())) {
            throw new IllegalArgumentException(where + "a criterion with a level says for which values it holds");
        }
    }

    public static Criteria builtIn() {
        try (InputStream in = Criteria.class.getResourceAsStream(BUILT_IN)) {
            return new Criteria(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in version when {@code file} is empty, else the version in that file. */
    public static Criteria load(String file) {
        if (file == null || file.isBlank()) {
            return builtIn();
        }
        try {
            return new Criteria(JSON.readTree(Files.readString(Path.of(file))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the criteria file " + file, e);
        }
    }

    public static Criteria parse(String json) {
        try {
            return new Criteria(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return version;
    }

    /** The file as published, for {@code GET /api/criteria}. */
    public JsonNode document() {
        return document;
    }

    public Map<String, Criterion> criteria() {
        return byId;
    }

    public Criterion criterion(String id) {
        return byId.get(id);
    }

    public NeedsRules needs() {
        return needs;
    }

    public EligibilityRules eligibility() {
        return eligibility;
    }

    /** 31 August (in version 1) of the school year of {@code day}: school years start in September. */
    public LocalDate expiryOf(LocalDate day) {
        LocalDate thisYear = expiry.atYear(day.getYear());
        return day.isAfter(thisYear) ? expiry.atYear(day.getYear() + 1) : thisYear;
    }
}
