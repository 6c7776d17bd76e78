package fr.ecole.lending.families;

/** A pupil of the family: first name only, the school (UAI) and the class as the school writes it. */
public record Pupil(String firstName, String uai, String level) {
}
