package fr.ecole.lending.agreements;

/** An agreement is ACTIVE while one of its devices is out, CLOSED once the last one is back. */
public enum AgreementStatus {
    ACTIVE, CLOSED
}
