package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /api/families/{id}/diagnostics}: the household's answers, criterion by criterion. */
public record NewDiagnostic(JsonNode answers) {
}
