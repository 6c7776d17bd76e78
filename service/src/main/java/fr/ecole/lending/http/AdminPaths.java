package fr.ecole.lending.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * What the admin port answers: the health check (the load balancer's, the supervision's), the
 * metrics and a ping; every other path is absent. The port has no authentication, so nothing on it
 * may change the service or show what it is doing: Dropwizard's tasks (log levels, which put bearer
 * tokens in the log at DEBUG, and a forced garbage collection), the thread dump (what each request
 * is working on) and the CPU profiler (which holds a thread for seconds) are refused, as are any
 * tasks added later. An allow-list rather than a list of what to remove: Dropwizard adds its tasks
 * itself and offers no setting to leave them out.
 */
public final class AdminPaths implements Filter {
    static final Set<String> SERVED = Set.of("/healthcheck", "/metrics", "/ping");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        // servlet path and path info are decoded and normalised by Jetty: "/./tasks" or "%2Ftasks" cannot slip past
        String path = http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo());
        boolean read = "GET".equals(http.getMethod()) || "HEAD".equals(http.getMethod());
        if (read && SERVED.contains(path)) {
            chain.doFilter(request, response);
        } else {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
