package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/eligibility}: the decision for answers given at a desk or by phone, stored
 * nowhere. {@code uai} gives the school's priority-education status; {@code communeInsee}, when
 * given, the commune whose 4G reference stands in for an UNKNOWN answer.
 */
public record EligibilityCheck(JsonNode answers, String uai, String communeInsee) {
}
