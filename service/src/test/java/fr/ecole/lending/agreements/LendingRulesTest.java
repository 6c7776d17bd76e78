package fr.ecole.lending.agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.devices.Sim;
import fr.ecole.lending.diagnostics.DiagnosticDao;
import fr.ecole.lending.http.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LendingRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final String SCHOOL = "0350963G";

    private static Device device(DeviceKind kind, DeviceStatus status, String uai, Sim sim) {
        return device(kind, status, uai, sim, false);
    }

    private static Device device(DeviceKind kind, DeviceStatus status, String uai, Sim sim, boolean needsWipe) {
        Device.OpenLoan loan = status == DeviceStatus.ON_LOAN
                ? new Device.OpenLoan("AGR-2026-000007", 3, Instant.EPOCH, TODAY, uai) : null;
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
    void aDeviceAlreadyOutNamesTheAgreementItIsOutOn() {
        assertThatThrownBy(() -> LendingRules.checkLendable(device(DeviceKind.LAPTOP, DeviceStatus.ON_LOAN, SCHOOL, null),
                SCHOOL, TODAY, "assetTags[0]"))
                .hasMessageContaining("L'appareil K7M3P9XHA est déjà prêté (convention AGR-2026-000007) : choisissez-en un autre");
    }

    @Test
    void aDeviceReturnedAtAnotherSchoolMustComeBackToItsPoolFirst() {
        Device elsewhere = new Device(1, "K7M3P9XHA", SCHOOL, DeviceKind.LAPTOP, "SN1", "Modèle", DeviceStatus.AVAILABLE,
                List.of(), null, null, null, false, "0352258P", Instant.EPOCH);
        assertRefused(elsewhere, "device_unavailable");
    }

    // diagnosticLentOn: no lending decision is automatic

    private static final long DIAGNOSTIC = 42;

    private static Optional<DiagnosticDao.DiagnosticRow> diagnostic(boolean eligible, LocalDate expires,
                                                                    boolean laptop, boolean dongle, boolean headset) {
        return Optional.of(new DiagnosticDao.DiagnosticRow(DIAGNOSTIC, 2, "1", "{}", laptop, dongle, headset, false,
                false, false, false, false, eligible, 900, "[]", 1, "Assistante sociale", Instant.EPOCH, expires, null));
    }

    private static Device kind(DeviceKind kind) {
        return device(kind, DeviceStatus.AVAILABLE, SCHOOL, null);
    }

    private static void assertNotEligible(Optional<DiagnosticDao.DiagnosticRow> latest, String why) {
        assertThatThrownBy(() -> LendingRules.diagnosticLentOn(latest, List.of(kind(DeviceKind.LAPTOP)), null, TODAY))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("not_eligible");
                    assertThat(e.field()).isEqualTo("override");
                    assertThat(e.getMessage()).startsWith(why).contains("« override.reason »");
                });
    }

    @Test
    void withoutAValidEligibleDiagnosticTheDeskIsToldWhyAndAskedForAReason() {
        assertNotEligible(Optional.empty(), "Cette famille n'a pas de diagnostic d'éligibilité");
        assertNotEligible(diagnostic(true, TODAY.minusDays(1), true, true, true),
                "Le dernier diagnostic de cette famille a expiré le 2026-11-21");
        assertNotEligible(diagnostic(false, TODAY.plusMonths(9), true, true, true),
                "Le dernier diagnostic de cette famille la dit non éligible");
    }

    @Test
    void aDiagnosticExpiringTodayStillCountsToday() {
        assertThat(LendingRules.diagnosticLentOn(diagnostic(true, TODAY, true, false, false),
                List.of(kind(DeviceKind.LAPTOP)), null, TODAY)).isEqualTo(DIAGNOSTIC);
    }

    @Test
    void staffsReasonStandsInForTheDiagnosticAndTheAgreementRecordsNone() {
        for (Optional<DiagnosticDao.DiagnosticRow> latest : List.of(Optional.<DiagnosticDao.DiagnosticRow>empty(),
                diagnostic(true, TODAY.minusDays(1), true, true, true), diagnostic(false, TODAY, true, true, true))) {
            assertThat(LendingRules.diagnosticLentOn(latest, List.of(kind(DeviceKind.LAPTOP)), "Orientée par le CCAS", TODAY))
                    .as(latest.toString()).isNull();
        }
    }

    @Test
    void aBundleWithinTheNeedsIsLentOnTheDiagnosticATabletAnsweringALaptopNeed() {
        assertThat(LendingRules.diagnosticLentOn(diagnostic(true, TODAY.plusMonths(9), true, true, true),
                List.of(kind(DeviceKind.LAPTOP), kind(DeviceKind.TABLET), kind(DeviceKind.DONGLE_4G), kind(DeviceKind.HEADSET)),
                null, TODAY)).isEqualTo(DIAGNOSTIC);
    }

    @Test
    void aDeviceBeyondTheNeedsIsRefusedByItsPlaceInTheBundleUnlessStaffGiveTheReason() {
        Optional<DiagnosticDao.DiagnosticRow> laptopOnly = diagnostic(true, TODAY.plusMonths(9), true, false, false);
        for (DeviceKind extra : new DeviceKind[] {DeviceKind.DONGLE_4G, DeviceKind.HEADSET}) {
            assertThatThrownBy(() -> LendingRules.diagnosticLentOn(laptopOnly, List.of(kind(DeviceKind.LAPTOP), kind(extra)),
                    null, TODAY)).isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("beyond_needs");
                        assertThat(e.field()).isEqualTo("assetTags[1]");
                        assertThat(e.getMessage()).startsWith("Le diagnostic de la famille ne relève pas de besoin de "
                                + extra.label() + " (K7M3P9XHA)");
                    });
            assertThat(LendingRules.diagnosticLentOn(laptopOnly, List.of(kind(DeviceKind.LAPTOP), kind(extra)),
                    "Le collège prête aussi le casque", TODAY)).as("with staff's reason, still lent on the diagnostic")
                    .isEqualTo(DIAGNOSTIC);
        }
        Optional<DiagnosticDao.DiagnosticRow> dongleOnly = diagnostic(true, TODAY.plusMonths(9), false, true, false);
        assertThatThrownBy(() -> LendingRules.diagnosticLentOn(dongleOnly, List.of(kind(DeviceKind.TABLET)), null, TODAY))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("assetTags[0]"));
    }

    @Test
    void agreementNumbersStartWithAgrAndTheYear() {
        assertThat(LendingService.number(42, TODAY)).isEqualTo("AGR-2026-000042");
        assertThat(LendingService.number(1_234_567, TODAY)).isEqualTo("AGR-2026-1234567");
    }
}
