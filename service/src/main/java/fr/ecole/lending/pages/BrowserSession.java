package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.TokenAuthenticator;
import fr.ecole.lending.auth.TokenHasher;
import fr.ecole.lending.auth.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * A browser's sign-in: the token of a login session (the same sessions as {@code POST /api/sessions},
 * so they end as those do: at sign-out, after the idle time, when the user is deactivated or their
 * password reset) kept in a cookie scripts cannot read and no other site can make the browser send.
 * The API never reads this cookie: it takes tokens from the Authorization header only.
 *
 * <p>Every form that changes something carries a token derived from the session's (a keyed hash, so
 * it is worth nothing without the session, and a page of another site cannot know it); the sign-in
 * form, before any session, carries the value of a cookie of its own.
 */
final class BrowserSession {
    static final String SESSION_COOKIE = "lending_session";
    static final String FORM_COOKIE = "lending_form";
    static final String CSRF_FIELD = "csrf";

    private final TokenAuthenticator authenticator;
    private final TokenHasher hasher;

    BrowserSession(TokenAuthenticator authenticator, TokenHasher hasher) {
        this.authenticator = authenticator;
        this.hasher = hasher;
    }

    /** The signed-in caller: their user, the session's token and the form token derived from it. */
    record SignedIn(User user, String token, String csrf) {
        boolean is(Role... roles) {
            return Arrays.asList(roles).contains(user.role());
        }
    }

    Optional<SignedIn> of(Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(SESSION_COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        String token = cookie.getValue();
        return authenticator.authenticate(token).map(user -> new SignedIn(user, token, csrfOf(token)));
    }

    /** The caller, signed in with one of {@code roles}: otherwise to the sign-in page, or a 403 page. */
    SignedIn require(Map<String, Cookie> cookies, String backTo, Role... roles) {
        SignedIn signedIn = of(cookies).orElseThrow(() -> new PageException.SignInFirst(backTo));
        if (!signedIn.is(roles)) {
            throw new PageException.Forbidden(signedIn);
        }
        return signedIn;
    }

    /** A state-changing form from a signed-in page: refused, changing nothing, without its session's token. */
    SignedIn requireForm(Map<String, Cookie> cookies, String givenCsrf, String backTo, Role... roles) {
        SignedIn signedIn = require(cookies, backTo, roles);
        if (!same(signedIn.csrf(), givenCsrf)) {
            throw new PageException.StaleForm(signedIn);
        }
        return signedIn;
    }

    String csrfOf(String sessionToken) {
        return hasher.hash("form|" + sessionToken);
    }

    static boolean same(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static NewCookie sessionCookie(String token, Instant expiresAt, HttpServletRequest request) {
        return cookie(SESSION_COOKIE, token, request).expiry(Date.from(expiresAt)).build();
    }

    static NewCookie formCookie(String value, HttpServletRequest request) {
        return cookie(FORM_COOKIE, value, request).build();
    }

    static NewCookie ended(String name, HttpServletRequest request) {
        return cookie(name, "", request).maxAge(0).expiry(new Date(0)).build();
    }

    private static NewCookie.AbstractNewCookieBuilder<?> cookie(String name, String value, HttpServletRequest request) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                // over HTTPS (or behind a proxy saying so), the cookie never travels in clear
                .secure(request.isSecure());
    }
}
