package fr.ecole.lending.reports;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a report's figures were protected: the method, the version of its perturbation table and the
 * largest noise it adds (docs/disclosure-control.md); {@code none} for an administrator's plain counts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disclosure(String method, Integer version, Integer noiseBound) {

    static Disclosure cellKey(PerturbationTable table) {
        return new Disclosure("cell-key", table.version(), table.noiseBound());
    }

    static Disclosure raw() {
        return new Disclosure("none", null, null);
    }
}
