package fr.ecole.lending.referrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferralRulesTest {
    @Test
    void aReferralMovesForwardOnlyAndStopsWhenDoneOrDeclined() {
        assertThat(ReferralStatus.PROPOSED.mayBecome(ReferralStatus.ACCEPTED)).isTrue();
        assertThat(ReferralStatus.PROPOSED.mayBecome(ReferralStatus.DONE)).isTrue();
        assertThat(ReferralStatus.PROPOSED.mayBecome(ReferralStatus.DECLINED)).isTrue();
        assertThat(ReferralStatus.PROPOSED.mayBecome(ReferralStatus.PROPOSED)).isFalse();
        assertThat(ReferralStatus.ACCEPTED.mayBecome(ReferralStatus.DONE)).isTrue();
        assertThat(ReferralStatus.ACCEPTED.mayBecome(ReferralStatus.DECLINED)).isTrue();
        assertThat(ReferralStatus.ACCEPTED.mayBecome(ReferralStatus.PROPOSED)).isFalse();
        for (ReferralStatus next : ReferralStatus.values()) {
            assertThat(ReferralStatus.DONE.mayBecome(next)).isFalse();
            assertThat(ReferralStatus.DECLINED.mayBecome(next)).isFalse();
        }
        assertThat(ReferralStatus.DONE.closed()).isTrue();
        assertThat(ReferralStatus.DECLINED.closed()).isTrue();
        assertThat(ReferralStatus.ACCEPTED.closed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Touche le RSA", "revenus modestes", "Salaire en retard", "Problème de SANTÉ",
            "enfant malade", "Maladie chronique", "reconnu handicapé", "suivi médical", "hospitalisée en mars",
            "Dette de 1 200 € chez l'opérateur", "doit 300 euros", "au chômage", "quotient familial bas",
            "en surendettement", "grossesse difficile", "suivi psychiatrique", "traitement médical lourd"})
    void aNoteAboutHealthOrIncomeIsRefused(String note) {
        assertThatThrownBy(() -> ReferralNote.check(note, "note")).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.getMessage()).contains("santé ou de revenus"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Rendez-vous mardi à 14 h", "Demander Mme Le Goff à l'accueil", "salle Médiathèque",
            "Apporter la dernière facture internet", "3 enfants au collège",
            "Atelier du 12/12", "Forfait à 2 Go",
            "Atelier traitement de texte le mardi"})
    void anOrdinaryNoteIsKeptStripped(String note) {
        assertThat(ReferralNote.check("  " + note + " ", "note")).isEqualTo(note);
    }

    @Test
    void noNoteIsNoNote() {
        assertThat(ReferralNote.check(null, "note")).isNull();
        assertThat(ReferralNote.check("   ", "note")).isNull();
    }
}
