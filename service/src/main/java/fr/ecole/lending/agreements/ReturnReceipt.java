package fr.ecole.lending.agreements;

/** What the desk learns from a return: which agreement it closed, or that devices are still out. */
public record ReturnReceipt(long id, String assetTag, String agreementNumber, AgreementStatus agreementStatus) {
}
