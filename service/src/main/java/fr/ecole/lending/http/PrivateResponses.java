package fr.ecole.lending.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every answer of the API may hold personal data (a family, an agreement's PDF, labels, an export, a
 * login's token), and desks share computers: no browser or proxy keeps a copy ({@code no-store}),
 * and no browser guesses a type other than the one declared ({@code nosniff}), so that a PDF or a
 * CSV made of what a family said is never run as a page. Set before the answer is made, so that
 * errors carry them too; the refusals Jetty writes itself add them in {@link JsonErrorHandler}.
 */
public final class PrivateResponses implements Filter {
    static final String CACHE_CONTROL = "no-store";
    static final String CONTENT_TYPE_OPTIONS = "nosniff";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("Cache-Control", CACHE_CONTROL);
        http.setHeader("X-Content-Type-Options", CONTENT_TYPE_OPTIONS);
        chain.doFilter(request, response);
    }
}
