package fr.ecole.lending.pages;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The pages' protections in the browser: scripts, styles, fonts and images from the service only, no
 * inline script (so an injected {@code <script>} or {@code onerror=} never runs), no framing, no
 * address sent to another site. The API (and its interactive documentation) keeps its own rules.
 */
final class SecurityHeaders implements Filter {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** A PDF opens in the browser's own viewer, which a page's policy could stop: it keeps only the framing rule. */
    static final String PDF = "frame-ancestors 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = ((HttpServletRequest) request).getRequestURI();
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            HttpServletResponse http = (HttpServletResponse) response;
            // by its address; a page that answers with a PDF or a page as the case may be sets its own (PoolResource)
            http.setHeader("Content-Security-Policy", path.endsWith(".pdf") ? PDF : CSP);
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Referrer-Policy", "same-origin");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
        }
        chain.doFilter(request, response);
    }
}
