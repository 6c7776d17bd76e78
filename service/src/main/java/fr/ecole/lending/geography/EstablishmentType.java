package fr.ecole.lending.geography;

/** The kinds of establishment that matter for lending and for each collectivity's competence. */
public enum EstablishmentType {
    ECOLE, COLLEGE, LYCEE, EREA, MEDICO_SOCIAL, OTHER;

    /** From the directory's {@code Type_etablissement} column ("Ecole", "Collège", "Lycée", ...). */
    public static EstablishmentType fromDirectory(String label) {
        return switch (label.strip()) {
            case "Ecole", "École" -> ECOLE;
            case "Collège", "College" -> COLLEGE;
            case "Lycée", "Lycee" -> LYCEE;
            case "EREA" -> EREA;
            case "Médico-social", "Medico-social" -> MEDICO_SOCIAL;
            default -> OTHER;
        };
    }
}
