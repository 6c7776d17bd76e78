package fr.ecole.lending.agreements;

import java.time.LocalDate;

/**
 * A device swapped within an agreement: {@code out} returned ({@code returnId}, its receipt's number)
 * and now {@code outStatus}, {@code in} lent until the agreement's {@code dueDate}; {@code amendment}
 * prints the swap.
 */
public record Swap(int number, String agreementNumber, String out, ReturnCondition condition, long returnId,
                   String outStatus, String in, LocalDate dueDate, String amendment) {
}
