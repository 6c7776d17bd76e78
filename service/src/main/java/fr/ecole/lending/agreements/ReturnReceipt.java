package fr.ecole.lending.agreements;

/**
 * What the desk learns from a return: which agreement it closed, or that devices are still out (null
 * for the desk of another school that took a device in).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ReturnReceipt(long id, String assetTag, String agreementNumber, AgreementStatus agreementStatus) {
}
