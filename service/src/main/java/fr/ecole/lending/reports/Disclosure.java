package fr.ecole.lending.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a report's figures were protected: the method, the version of its perturbation table and the
 * largest noise it adds (docs/disclosure-control.md); {@code none} for an administrator's plain counts,
 * with the columns still perturbed by that table ({@code protectedColumns}) where the report has any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disclosure(String method, Integer version, Integer noiseBound, List<String> protectedColumns) {

    static Disclosure cellKey(PerturbationTable table) {
        return new Disclosure("cell-key", table.version(), table.noiseBound(), null);
    }

    /** Plain counts, but for the columns {@code stillProtected}: perturbed by {@code table}. */
    static Disclosure raw(PerturbationTable table, List<String> stillProtected) {
        return stillProtected.isEmpty() ? new Disclosure("none", null, null, null)
                : new Disclosure("none", table.version(), table.noiseBound(), List.copyOf(stillProtected));
    }
}
