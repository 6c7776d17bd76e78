package fr.ecole.lending.agreements;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the desk learns from a return: its status and the agreement it ended, or that devices are
 * still out. A desk that took in another school's device learns no agreement (both null), and
 * {@code message} tells it that the owning school must confirm.
 */
public record ReturnReceipt(long id, String assetTag, ReturnStatus status, String agreementNumber,
                            AgreementStatus agreementStatus, @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
}
