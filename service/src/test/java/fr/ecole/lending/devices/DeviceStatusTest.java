package fr.ecole.lending.devices;

import static fr.ecole.lending.devices.DeviceStatus.AVAILABLE;
import static fr.ecole.lending.devices.DeviceStatus.IN_REPAIR;
import static fr.ecole.lending.devices.DeviceStatus.LOST;
import static fr.ecole.lending.devices.DeviceStatus.ON_LOAN;
import static fr.ecole.lending.devices.DeviceStatus.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import org.junit.jupiter.api.Test;

class DeviceStatusTest {

    @Test
    void aDeviceOnLoanCannotBeSentToRepairRetiredOrMadeAvailableButCanBeDeclaredLost() {
        assertThat(ON_LOAN.changeTo(LOST)).contains(DeviceEventType.LOST);
        for (DeviceStatus target : new DeviceStatus[] {IN_REPAIR, RETIRED, AVAILABLE}) {
            assertThatThrownBy(() -> ON_LOAN.changeTo(target))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("device_on_loan");
                    });
        }
    }

    @Test
    void onlyAnAgreementPutsADeviceOnLoan() {
        for (DeviceStatus from : DeviceStatus.values()) {
            assertThatThrownBy(() -> from.changeTo(ON_LOAN))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }

    @Test
    void aRetiredDeviceStaysRetired() {
        for (DeviceStatus target : new DeviceStatus[] {AVAILABLE, IN_REPAIR, LOST}) {
            assertThatThrownBy(() -> RETIRED.changeTo(target))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("device_retired"));
        }
        assertThat(RETIRED.changeTo(RETIRED)).isEmpty();
    }

    @Test
    void eachChangeWritesTheEventThatTellsIt() {
        assertThat(AVAILABLE.changeTo(IN_REPAIR)).contains(DeviceEventType.REPAIR_OUT);
        assertThat(IN_REPAIR.changeTo(AVAILABLE)).contains(DeviceEventType.REPAIR_BACK);
        assertThat(AVAILABLE.changeTo(LOST)).contains(DeviceEventType.LOST);
        assertThat(LOST.changeTo(AVAILABLE)).contains(DeviceEventType.STATUS_CHANGED);
        assertThat(IN_REPAIR.changeTo(RETIRED)).contains(DeviceEventType.RETIRED);
        assertThat(AVAILABLE.changeTo(AVAILABLE)).isEmpty();
    }
}
