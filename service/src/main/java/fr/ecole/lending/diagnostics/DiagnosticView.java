package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A decision as the API shows it: stored ({@code id}, {@code familyId}, who made it and when), or
 * not ({@code POST /api/eligibility}, where those are absent).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiagnosticView(Long id, Long familyId, String criteriaVersion, JsonNode answers,
                             List<Decision.Need> needs, boolean whiteZone, Decision.Connectivity connectivity,
                             boolean eligible, double priority, List<Decision.Reason> reasons, LocalDate expires,
                             Instant madeAt, String madeBy, Instant anonymisedAt) {

    @JsonIgnore
    public long key() {
        return id == null ? 0 : id;
    }
}
