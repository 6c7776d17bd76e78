package fr.ecole.lending.establishments;

import fr.ecole.lending.geography.EstablishmentType;

/** An establishment as the national directory describes it, and as the API shows it. */
public record Establishment(
        String uai,
        String name,
        EstablishmentType type,
        String communeInsee,
        String communeName,
        String departement,
        String region,
        PriorityEducation priorityEducation) {
}
