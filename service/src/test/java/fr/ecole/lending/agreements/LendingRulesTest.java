package fr.ecole.lending.agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.devices.Sim;
import fr.ecole.lending.http.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LendingRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final String SCHOOL = "0350963G";

    private static Device device(DeviceKind kind, DeviceStatus status, String uai, Sim sim) {
        return device(kind, status, uai, sim, false);
    }

    private static Device device(DeviceKind kind, DeviceStatus status, String uai, Sim sim, boolean needsWipe) {
        Device.OpenLoan loan = status == DeviceStatus.ON_LOAN
                ? new Device.OpenLoan("AGR-2026-000007", 3, Instant.EPOCH, TODAY) : null;
        return new Device(1, "K7M3P9XHA", uai, kind, "SN1", "Modèle", status, List.of(), null, sim, loan, needsWipe, null,
                Instant.EPOCH);
    }

    private static void assertRefused(Device device, String code) {
        assertThatThrownBy(() -> LendingRules.checkLendable(device, SCHOOL, TODAY, "assetTags[0]"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo("assetTags[0]");
                    assertThat(e.getMessage()).contains("K7M3P9XHA");
                });
    }

    @Test
    void anAvailableDeviceOfTheSchoolIsLendable() {
        assertThatCode(() -> LendingRules.checkLendable(device(DeviceKind.LAPTOP, DeviceStatus.AVAILABLE, SCHOOL, null),
                SCHOOL, TODAY, "assetTags[0]")).doesNotThrowAnyException();
    }

    @Test
    void anotherSchoolsDeviceIsNot() {
        assertRefused(device(DeviceKind.LAPTOP, DeviceStatus.AVAILABLE, "0352258P", null), "device_unavailable");
    }

    @Test
    void aDeviceOutInRepairLostOrRetiredIsNot() {
        for (DeviceStatus status : new DeviceStatus[] {DeviceStatus.ON_LOAN, DeviceStatus.IN_REPAIR,
                DeviceStatus.LOST, DeviceStatus.RETIRED}) {
            assertRefused(device(DeviceKind.LAPTOP, status, SCHOOL, null), "device_unavailable");
        }
    }

    @Test
    void aDeviceBackFromAFamilyIsNotLentAgainBeforeItIsWiped() {
        assertRefused(device(DeviceKind.LAPTOP, DeviceStatus.AVAILABLE, SCHOOL, null, true), "not_wiped");
    }

    @Test
    void aDongleWhosePlanHasLapsedIsNot() {
        assertRefused(device(DeviceKind.DONGLE_4G, DeviceStatus.AVAILABLE, SCHOOL,
                new Sim("89331501234567890123", null, 20, TODAY.minusDays(1))), "plan_ended");
        assertThatCode(() -> LendingRules.checkLendable(device(DeviceKind.DONGLE_4G, DeviceStatus.AVAILABLE, SCHOOL,
                new Sim("89331501234567890123", null, 20, TODAY)), SCHOOL, TODAY, "assetTags[0]"))
                .as("a plan ending today still works today").doesNotThrowAnyException();
    }

    @Test
    void theDueDateIsTodayOrLaterAndWithinThreeYears() {
        assertThatCode(() -> LendingRules.checkDueDate(TODAY, TODAY)).doesNotThrowAnyException();
        assertThatCode(() -> LendingRules.checkDueDate(TODAY.plusYears(3), TODAY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LendingRules.checkDueDate(TODAY.minusDays(1), TODAY))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("due_date_in_past");
                    assertThat(e.field()).isEqualTo("dueDate");
                });
        assertThatThrownBy(() -> LendingRules.checkDueDate(TODAY.plusYears(3).plusDays(1), TODAY))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("due_date_too_far"));
    }

    @Test
    void onlyAnActiveAgreementPastItsDueDateIsOverdue() {
        assertThat(LendingRules.isOverdue(AgreementStatus.ACTIVE, TODAY.minusDays(1), TODAY)).isTrue();
        assertThat(LendingRules.isOverdue(AgreementStatus.ACTIVE, TODAY, TODAY)).isFalse();
        assertThat(LendingRules.isOverdue(AgreementStatus.CLOSED, TODAY.minusDays(1), TODAY)).isFalse();
    }

    @Test
    void agreementNumbersStartWithAgrAndTheYear() {
        assertThat(LendingService.number(42, TODAY)).isEqualTo("AGR-2026-000042");
        assertThat(LendingService.number(1_234_567, TODAY)).isEqualTo("AGR-2026-1234567");
    }
}
