package fr.ecole.lending.families;

/** The adult who signs for the family (or an adult pupil signing for themself). */
public record Guardian(String name, String phone, String email, PreferredContact preferredContact) {
}
