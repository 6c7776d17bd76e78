package fr.ecole.lending.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Finds the caller by the token of its {@code Authorization: Bearer} header, and by nothing else.
 * Dropwizard's OAuth filter also reads {@code ?access_token=}, and a token in an address ends up in
 * browser histories, proxies' logs and Referer headers ({@link TokenInUrl} refuses those requests).
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter extends AuthFilter<String, User> {
    static final String SCHEME = "Bearer";

    private BearerTokenFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!authenticate(request, token(request.getHeaderString(HttpHeaders.AUTHORIZATION)), SCHEME)) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header; null for any other header, or none. */
    public static String token(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space <= 0 || !header.substring(0, space).equalsIgnoreCase(SCHEME)) {
            return null;
        }
        return header.substring(space + 1);
    }

    public static final class Builder extends AuthFilterBuilder<String, User, BearerTokenFilter> {
        @Override
        protected BearerTokenFilter newInstance() {
            return new BearerTokenFilter();
        }
    }
}
