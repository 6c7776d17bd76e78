package fr.ecole.lending.agreements;

/**
 * Where a return stands. {@code RETURNED}: taken back by a desk of the device's own school, the
 * loan ended. A device handed in at a school whose desk does not serve its own is {@code PENDING}
 * until its own school's desk {@code CONFIRMED} it (the loan then ended) or {@code REFUSED} it, or
 * recorded the device's return itself ({@code SUPERSEDED}).
 */
public enum ReturnStatus {
    RETURNED, PENDING, CONFIRMED, REFUSED, SUPERSEDED
}
