package fr.ecole.lending.agreements;

/** The state a device comes back in; a BROKEN one goes straight to repair. */
public enum ReturnCondition {
    GOOD, DAMAGED, BROKEN
}
