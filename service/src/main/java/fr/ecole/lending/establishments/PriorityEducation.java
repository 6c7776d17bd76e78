package fr.ecole.lending.establishments;

import java.util.Optional;

/** Priority education (éducation prioritaire): REP, and REP+ for the most deprived areas. */
public enum PriorityEducation {
    NONE, REP, REP_PLUS;

    /** From the directory's {@code Appartenance_Education_Prioritaire} column: empty, "REP" or "REP+". */
    public static Optional<PriorityEducation> fromDirectory(String label) {
        return switch (label.strip()) {
            case "" -> Optional.of(NONE);
            case "REP" -> Optional.of(REP);
            case "REP+" -> Optional.of(REP_PLUS);
            default -> Optional.empty();
        };
    }
}
