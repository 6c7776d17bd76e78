package fr.ecole.lending.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The addresses pages send browsers to: never another site, and the desk's state carried whole. */
class PageAddressesTest {
    @Test
    void signInComesBackOnlyToAPageOfThisService() {
        assertThat(SignInResource.local("/poste")).isEqualTo("/poste");
        assertThat(SignInResource.local("/d/KR8R228ZZ")).isEqualTo("/d/KR8R228ZZ");
        assertThat(SignInResource.local("/poste?code=AGR-2026-000001")).isEqualTo("/poste?code=AGR-2026-000001");
        assertThat(SignInResource.local("//evil.example/poste")).isNull();
        assertThat(SignInResource.local("/\\evil.example")).isNull();
        assertThat(SignInResource.local("https://evil.example/")).isNull();
        assertThat(SignInResource.local("/poste\r\nSet-Cookie: x=y")).isNull();
        assertThat(SignInResource.local("/connexion?retour=/poste")).isNull();
        assertThat(SignInResource.local(null)).isNull();
        assertThat(SignInResource.signInAddress("/poste?code=A&b")).isEqualTo("/connexion?retour=%2Fposte%3Fcode%3DA%26b");
    }

    @Test
    void theDesksStateTravelsInItsAddress() {
        DeskState state = DeskState.parse("0350963G", "12", List.of("KR8R228ZZ", "A&B", "KR8R228ZZ"), "key-12345678");
        assertThat(state.bundle()).containsExactly("KR8R228ZZ", "A&B");
        assertThat(state.link()).isEqualTo("/poste?ecole=0350963G&famille=12&lot=KR8R228ZZ&lot=A%26B&cle=key-12345678");
        assertThat(state.without("A&B").bundle()).containsExactly("KR8R228ZZ");
        assertThat(state.cleared().link()).isEqualTo("/poste?ecole=0350963G");
    }

    @Test
    void aBundleStartsWithItsFamilyAndAKeyOfItsOwn() {
        DeskState withoutFamily = DeskState.parse(null, null, List.of("KR8R228ZZ"), "key-12345678");
        assertThat(withoutFamily.bundle()).isEmpty();
        assertThat(withoutFamily.key()).isNull();
        DeskState chosen = DeskState.parse(null, "7", null, "<script>");
        assertThat(chosen.key()).matches("[0-9a-f-]{36}");
        assertThat(DeskState.parse(null, "7; drop", null, null).family()).isNull();
    }
}
