package fr.ecole.lending.diagnostics;

import fr.ecole.lending.diagnostics.Decision.Need;
import fr.ecole.lending.diagnostics.Decision.Reason;
import fr.ecole.lending.establishments.PriorityEducation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of the common criteria (docs/criteria.md): derived facts, needs, eligibility, priority.
 * Their thresholds, levels and weights come from the {@link Criteria} version; no database here.
 */
public final class EligibilityDecider {
    /** The criteria these rules read: every version of the file must define them. */
    static final List<String> CRITERIA_USED = List.of("devicesForSchoolwork", "hasSmartphone", "pupilsInHousehold",
            "adultsTeleworking", "headset", "homeInternet", "fixedSpeed", "mobile4g", "parentAutonomy",
            "needsOtherLanguage", "scholarship", "familyQuotientBelowThreshold", "referral", "needsAdaptedEquipment",
            "qpv", "priorityEducation");

    private EligibilityDecider() {
    }

    /**
     * Decides for a household.
     *
     * @param school   the highest priority-education status among the schools of the household's pupils
     * @param communeCoverage the commune's reference 4G level, used when the answer is UNKNOWN; null when none
     */
    public static Decision decide(Criteria criteria, Answers answers, PriorityEducation school, String communeCoverage) {
        Criteria.NeedsRules rules = criteria.needs();
        List<Reason> reasons = new ArrayList<>();
        List<Need> needs = new ArrayList<>();

        int devices = answers.integer("devicesForSchoolwork");
        int pupils = answers.integer("pupilsInHousehold");
        int teleworking = answers.integer("adultsTeleworking");
        boolean noDevice = devices == 0;
        boolean smartphoneOnly = noDevice && answers.flag("hasSmartphone");
        // real division: 5 people for 2 devices is 2.5, shared; exactly the ratio is not
        boolean sharedDevice = !noDevice && (double) (pupils + teleworking) / devices > rules.sharedDeviceRatio();
        if (smartphoneOnly) {
            reasons.add(new Reason("smartphoneOnly", "Le foyer n'a qu'un smartphone pour le travail scolaire : "
                    + "besoin d'un ordinateur portable."));
        } else if (noDevice) {
            reasons.add(new Reason("noDevice", "Le foyer n'a ni ordinateur ni tablette : besoin d'un ordinateur portable."));
        } else if (sharedDevice) {
            reasons.add(new Reason("sharedDevice", (pupils + teleworking) + " personnes se partagent " + devices
                    + " appareil" + (devices > 1 ? "s" : "") + " (plus de " + number(rules.sharedDeviceRatio())
                    + " par appareil) : besoin d'un ordinateur portable."));
        }
        boolean laptop = noDevice || sharedDevice;
        if (laptop) {
            needs.add(Need.LAPTOP);
        }

        String internet = answers.choice("homeInternet");
        String fixedSpeed = answers.choice("fixedSpeed");
        boolean lowFixedSpeed = rules.lowFixedSpeeds().contains(fixedSpeed);
        boolean connectionNeeded = rules.cappedInternet().contains(internet)
                || ("FIXED_BOX".equals(internet) && rules.slowBoxSpeeds().contains(fixedSpeed));
        String coverage = answers.choice("mobile4g");
        boolean fromCommune = false;
        if ("UNKNOWN".equals(coverage) && communeCoverage != null) {
            coverage = communeCoverage;
            fromCommune = true;
        }
        boolean coverageKnown = !"UNKNOWN".equals(coverage);
        boolean weak = rules.weakCoverage().contains(coverage);
        boolean whiteZone = lowFixedSpeed && weak;
        String level = switch (coverage) {
            case "NONE" -> "nulle";
            case "LIMITED" -> "limitée";
            case "GOOD" -> "bonne";
            case "VERY_GOOD" -> "très bonne";
            default -> "inconnue";
        };
        String coverageWords = fromCommune ? "la couverture 4G de référence de la commune (" + level + ")"
                : "la couverture 4G (" + level + ")";
        if (connectionNeeded) {
            String without = "NONE".equals(internet) ? "Pas d'internet au domicile"
                    : "MOBILE_CAPPED".equals(internet) ? "Seulement un forfait mobile limité au domicile"
                    : "Une box dont le débit est inférieur à 3 Mbit/s";
            if (!coverageKnown) {
                needs.add(Need.DONGLE_4G);
                reasons.add(new Reason("coverage_unknown", without + " et couverture 4G inconnue (ni réponse ni "
                        + "référence pour la commune) : besoin d'une clé 4G, à vérifier sur place avant le prêt."));
            } else if (rules.goodCoverage().contains(coverage)) {
                needs.add(Need.DONGLE_4G);
                reasons.add(new Reason("connectionNeeded", without + " et " + coverageWords
                        + " suffit : besoin d'une clé 4G."));
            } else if (weak) {
                needs.add(Need.ALTERNATIVE_ACCESS);
                reasons.add(new Reason("connectionNeeded", without + " et " + coverageWords + " est trop faible "
                        + "pour une clé 4G : il faut un point d'accès public ou du travail imprimé."));
            }
        }
        if (whiteZone) {
            reasons.add(new Reason("whiteZone", "Zone blanche : débit fixe inférieur à 3 Mbit/s et " + coverageWords
                    + " faible."));
        }

        if (laptop) {
            needs.add(Need.HEADSET);
            reasons.add(new Reason("headset", "Un casque accompagne l'ordinateur : besoin d'un casque."));
        } else if ("NONE".equals(answers.choice("headset"))) {
            needs.add(Need.HEADSET);
            reasons.add(new Reason("headset", "Aucun casque au foyer : besoin d'un casque."));
        }
        needs.sort(null);
        long deviceNeeds = needs.stream().filter(need -> need != Need.ALTERNATIVE_ACCESS).count();

        int firstLevel = 0;
        int secondLevel = 0;
        double priority = rules.deviceNeedWeight() * deviceNeeds;
        // the criteria of eligibility are those the version gives a level, in its order
        for (Criteria.Criterion criterion : criteria.criteria().values()) {
            String id = criterion.id();
            Object value = "priorityEducation".equals(id) ? school.name() : answers.value(id);
            boolean holds = "scholarship".equals(id) ? value != null : criterion.holds(value);
            if (!holds || criterion.level() == null) {
                continue;
            }
            if (criterion.isFirstLevel()) {
                firstLevel++;
            } else if (criterion.isSecondLevel()) {
                secondLevel++;
            }
            if ("scholarship".equals(id)) {
                Answers.Scholarship scholarship = answers.scholarship();
                int top = criterion.echelons().get(scholarship.level());
                priority += criterion.weightFor(null) * scholarship.echelon() / top;
            } else {
                priority += criterion.weightFor(value);
            }
            reasons.add(new Reason(id, levelWords(criterion, id, value, answers)));
        }
        if (noDevice && pupils > 1) {
            priority += criteria.criterion("pupilsInHousehold").weightFor(null) * (pupils - 1);
        }
        if (teleworking > 0) {
            priority += criteria.criterion("adultsTeleworking").weightFor(null);
        }

        Criteria.EligibilityRules eligibility = criteria.eligibility();
        boolean byFirst = firstLevel >= eligibility.firstLevelNeeded();
        boolean bySecond = secondLevel >= eligibility.secondLevelNeeded();
        boolean eligible = deviceNeeds > 0 && (byFirst || bySecond);
        reasons.add(new Reason("eligibility", eligible
                ? "Éligible au prêt : un besoin d'équipement et " + (byFirst ? "un critère de premier niveau."
                        : "au moins " + eligibility.secondLevelNeeded() + " critères de second niveau.")
                : deviceNeeds == 0
                        ? "Non éligible au prêt : aucun besoin d'ordinateur, de clé 4G ni de casque."
                        : "Non éligible au prêt : ni critère de premier niveau, ni " + eligibility.secondLevelNeeded()
                                + " critères de second niveau."));

        double rounded = BigDecimal.valueOf(priority).setScale(2, RoundingMode.HALF_UP).doubleValue();
        return new Decision(List.copyOf(needs), whiteZone, eligible, rounded, List.copyOf(reasons),
                new Decision.Connectivity("NONE".equals(internet), "MOBILE_CAPPED".equals(internet), lowFixedSpeed),
                // "En partie" autonomous parents are not counted: the criterion holds for NONE only
                new Decision.Household(smartphoneOnly, sharedDevice, "NONE".equals(answers.choice("parentAutonomy")),
                        answers.flag("needsOtherLanguage"), answers.flag("needsAdaptedEquipment")));
    }

    private static String levelWords(Criteria.Criterion criterion, String id, Object value, Answers answers) {
        String level = criterion.isFirstLevel() ? "critère de premier niveau" : "critère de second niveau";
        return switch (id) {
            case "scholarship" -> "Boursier (" + answers.scholarship().level().toLowerCase(Locale.ROOT) + ", échelon "
                    + answers.scholarship().echelon() + " sur " + criterion.echelons().get(answers.scholarship().level())
                    + ") : " + level + ".";
            case "familyQuotientBelowThreshold" -> "Quotient familial sous le seuil de la collectivité : " + level + ".";
            case "referral" -> "Orientée par " + switch (value.toString()) {
                case "SCHOOL_SOCIAL_WORKER" -> "l'assistante sociale scolaire";
                case "CCAS_OR_DEPARTMENT" -> "le CCAS ou le département";
                default -> "une association";
            } + " : " + level + ".";
            case "priorityEducation" -> "École en éducation prioritaire (" + ("REP_PLUS".equals(value) ? "REP+" : "REP")
                    + ") : " + level + ".";
            case "qpv" -> "Le foyer habite un quartier prioritaire (QPV) : " + level + ".";
            case "needsOtherLanguage" -> "Besoin d'une autre langue que le français : " + level + ".";
            case "needsAdaptedEquipment" -> "Besoin d'un équipement adapté : " + level + ".";
            case "parentAutonomy" -> "Parents sans autonomie numérique : " + level + ".";
            default -> (criterion.label() == null ? criterion.id() : criterion.label()) + " : " + level + ".";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
