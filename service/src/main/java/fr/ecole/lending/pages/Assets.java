package fr.ecole.lending.pages;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * The files the pages load, all from the service's own jar: the State's design system (unpacked from
 * its npm tarball at build time), htmx (its WebJar), ZXing's JavaScript port (npm tarball, for the camera),
 * and the pages' own style and script. The first two
 * sit under a path naming their version, so a browser keeps them a year; the pages' own files are
 * checked again at each load (they change without a version number of their own).
 */
final class Assets {
    static final String DSFR_VERSION = "1.15.3";
    static final String HTMX_VERSION = "2.0.4";
    static final String DSFR = "/static/dsfr/" + DSFR_VERSION;
    static final String HTMX = "/static/htmx/" + HTMX_VERSION + "/dist/htmx.min.js";
    static final String ZXING_VERSION = "0.2.1";
    static final String ZXING = "/static/zxing-browser/" + ZXING_VERSION + "/zxing-browser.min.js";
    static final String APP = "/static/app";

    private Assets() {
    }

    static void register(Environment environment) {
        environment.servlets().addServlet("dsfr", new AssetServlet("/static/dsfr", "/static/dsfr", null,
                StandardCharsets.UTF_8)).addMapping("/static/dsfr/*");
        environment.servlets().addServlet("htmx", new AssetServlet("/META-INF/resources/webjars/htmx.org",
                "/static/htmx", null, StandardCharsets.UTF_8)).addMapping("/static/htmx/*");
        environment.servlets().addServlet("zxing", new AssetServlet("/static/zxing-browser", "/static/zxing-browser", null,
                StandardCharsets.UTF_8)).addMapping("/static/zxing-browser/*");
        environment.servlets().addServlet("pages-static", new AssetServlet("/pages/static", APP, null,
                StandardCharsets.UTF_8)).addMapping(APP + "/*");
        // after the filter that forbids keeping any answer: these files hold nobody's data
        environment.servlets().addFilter("static-versioned", new CacheFor("public, max-age=31536000, immutable"))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/static/dsfr/*", "/static/htmx/*",
                        "/static/zxing-browser/*");
        environment.servlets().addFilter("static-own", new CacheFor("no-cache"))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, APP + "/*");
    }

    /** Sets how long a browser may keep the answer. */
    private record CacheFor(String cacheControl) implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            ((HttpServletResponse) response).setHeader("Cache-Control", cacheControl);
            chain.doFilter(request, response);
        }
    }
}
