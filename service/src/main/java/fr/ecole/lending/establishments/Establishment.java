package fr.ecole.lending.establishments;

import fr.ecole.lending.geography.EstablishmentType;

/** An establishment as the national directory describes it, and as the API shows it; {@code academie} is its code (14). */
public record Establishment(
        String uai,
        String name,
        EstablishmentType type,
        String communeInsee,
        String communeName,
        String departement,
        String region,
        PriorityEducation priorityEducation,
        String academie) {

    /** The same establishment in another académie: the one it had, when a file does not name any. */
    Establishment withAcademie(String code) {
        return new Establishment(uai, name, type, communeInsee, communeName, departement, region, priorityEducation,
                code);
    }
}
