package fr.ecole.lending.funders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.PriorityEducation;
import fr.ecole.lending.funders.FunderRules.Outcome;
import fr.ecole.lending.geography.EstablishmentType;
import fr.ecole.lending.http.ApiException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a handed-over device goes, by who paid for it: a territory, a collectivity's record (as its
 * territory), a national funder, a foundation of a territory that forbids or allows its devices to
 * leave it. The funders' records sit in an in-memory database.
 */
class FunderRulesTest {
    /** Rennes (35238), Ille-et-Vilaine (035), Bretagne (53); Nantes (44109), Loire-Atlantique, Pays de la Loire. */
    static final Establishment ECOLE_RENNES = school("0352258P", EstablishmentType.ECOLE, "35238", "035", "53");
    static final Establishment COLLEGE_RENNES = school("0350963G", EstablishmentType.COLLEGE, "35238", "035", "53");
    static final Establishment COLLEGE_NANTES = school("0440001A", EstablishmentType.COLLEGE, "44109", "044", "52");

    static Handle handle;

    @BeforeAll
    static void funders() {
        handle = Jdbi.create("jdbc:sqlite::memory:").installPlugin(new SqlObjectPlugin()).open();
        handle.execute("CREATE TABLE funders (id INTEGER PRIMARY KEY, kind TEXT, name TEXT, territory TEXT, "
                + "allows_transfers_outside BOOLEAN)");
        handle.execute("INSERT INTO funders VALUES (1, 'STATE', 'État – Programme national', NULL, 0), "
                + "(2, 'FOUNDATION', 'Fondation Bretonne', 'region:53', 0), "
                + "(3, 'ASSOCIATION', 'Association Ouverte', 'departement:035', 1), "
                + "(4, 'DEPARTEMENT', 'Conseil départemental 35', 'departement:035', 0), "
                + "(5, 'COMMUNE', 'Ville de Rennes', 'commune:35238', 1)");
    }

    @AfterAll
    static void close() {
        handle.close();
    }

    static Establishment school(String uai, EstablishmentType type, String commune, String departement, String region) {
        return new Establishment(uai, "Établissement " + uai, type, commune, "Commune " + commune, departement, region,
                PriorityEducation.NONE, "53".equals(region) ? "14" : "17");
    }

    static Device device(String fundedBy) {
        return new Device(1, "TAG1", COLLEGE_RENNES.uai(), DeviceKind.LAPTOP, "SN1", "Modèle", DeviceStatus.ON_LOAN,
                List.of(), fundedBy, null, null, false, null, Instant.EPOCH);
    }

    static Outcome handover(String fundedBy, Establishment to) {
        return FunderRules.forHandover(handle, device(fundedBy), to);
    }

    @Test
    void aDeviceWithoutFunderStaysItsSchools() {
        assertThat(handover(null, COLLEGE_NANTES)).isEqualTo(Outcome.KEEP_OWNERSHIP);
    }

    @Test
    void aTerritoryFundedDeviceKeepsItsRules() {
        assertThat(handover("departement:035", COLLEGE_RENNES)).isEqualTo(Outcome.CHANGE_POOL);
        assertThat(handover("commune:35238", COLLEGE_RENNES)).isEqualTo(Outcome.KEEP_OWNERSHIP);
        assertThatThrownBy(() -> handover("departement:035", COLLEGE_NANTES)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("funder_forbids"));
    }

    @Test
    void aNationalFunderPaysForEverySchool() {
        assertThat(handover("funder:1", COLLEGE_NANTES)).isEqualTo(Outcome.CHANGE_POOL);
        assertThat(handover("funder:1", ECOLE_RENNES)).isEqualTo(Outcome.CHANGE_POOL);
    }

    @Test
    void aFoundationPaysForEverySchoolOfItsTerritoryAndForbidsLeavingIt() {
        assertThat(handover("funder:2", ECOLE_RENNES)).isEqualTo(Outcome.CHANGE_POOL);
        assertThatThrownBy(() -> handover("funder:2", COLLEGE_NANTES)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("funder_forbids");
            assertThat(e.getMessage()).contains("Fondation Bretonne", "0440001A");
        });
    }

    @Test
    void aFunderThatAllowsItLetsItsDevicesLeaveItsTerritory() {
        assertThat(handover("funder:3", COLLEGE_NANTES)).isEqualTo(Outcome.CHANGE_POOL);
    }

    @Test
    void aCollectivitysRecordBehavesAsItsTerritory() {
        assertThat(handover("funder:4", COLLEGE_RENNES)).isEqualTo(Outcome.CHANGE_POOL);
        assertThat(handover("funder:4", ECOLE_RENNES)).isEqualTo(Outcome.KEEP_OWNERSHIP);
        assertThatThrownBy(() -> handover("funder:4", COLLEGE_NANTES)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("Conseil départemental 35"));
        // a commune's laptop follows its pupil to the collège, and stays the école's
        assertThat(handover("funder:5", COLLEGE_RENNES)).isEqualTo(Outcome.KEEP_OWNERSHIP);
        // outside its territory, as it allows: the device goes with the pupil to the new school
        assertThat(handover("funder:5", COLLEGE_NANTES)).isEqualTo(Outcome.CHANGE_POOL);
    }
}
