package fr.ecole.lending.surveys;

import fr.ecole.lending.diagnostics.Answers;
import fr.ecole.lending.diagnostics.Criteria;

/**
 * What the survey report counts of one answer, derived as the eligibility decider derives it for a
 * diagnostic, under the same criteria version: no device for schoolwork, a smartphone only, a device
 * shared by more people than the criteria's ratio, no connection at home, a capped mobile plan only,
 * and a white zone (a slow or no fixed line and weak 4G; an UNKNOWN 4G answer takes the commune's
 * reference level, that of the establishment's commune, when one was imported).
 */
public record SurveyFlags(boolean noDevice, boolean smartphoneOnly, boolean sharedDevice, boolean noConnection,
                          boolean mobileCapped, boolean whiteZone) {

    /** {@code communeCoverage}: the reference 4G level of the establishment's commune, or null. */
    static SurveyFlags of(Criteria.NeedsRules rules, Answers answers, String communeCoverage) {
        int devices = answers.integer("devicesForSchoolwork");
        int people = answers.integer("pupilsInHousehold") + answers.integer("adultsTeleworking");
        boolean noDevice = devices == 0;
        String internet = answers.choice("homeInternet");
        String coverage = answers.choice("mobile4g");
        if ("UNKNOWN".equals(coverage) && communeCoverage != null) {
            coverage = communeCoverage;
        }
        return new SurveyFlags(noDevice, noDevice && answers.flag("hasSmartphone"),
                // real division, as the decider: 5 people for 2 devices share them, 4 for 2 do not
                !noDevice && (double) people / devices > rules.sharedDeviceRatio(),
                "NONE".equals(internet), "MOBILE_CAPPED".equals(internet),
                rules.lowFixedSpeeds().contains(answers.choice("fixedSpeed")) && rules.weakCoverage().contains(coverage));
    }
}
