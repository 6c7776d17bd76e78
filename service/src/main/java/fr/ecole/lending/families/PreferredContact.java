package fr.ecole.lending.families;

/** How the guardian wants to be reached; PAPER for a family without phone or e-mail. */
public enum PreferredContact {
    SMS, PHONE, EMAIL, PAPER
}
