package fr.ecole.lending.pages;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Browser;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The steps the pages' browser tests share, done as a person at the keyboard (or a USB scanner) does them. */
final class PageSteps {
    static final String PASSWORD = "mot de passe du guichet";

    private PageSteps() {
    }

    /** A user who signs in to the pages with {@link #PASSWORD}, created by the administrator's {@code api}. */
    static void user(Api api, String name, String role, List<String> schools, String territory) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("name", name, "role", role, "password", PASSWORD));
        if (schools != null) {
            body.put("establishments", schools);
        }
        if (territory != null) {
            body.put("territory", territory);
        }
        api.post("/api/users", body).expect(201);
    }

    /** Opens {@code page} signed out, signs in on the page it is sent to, and waits to be back on {@code page}. */
    static void signInThrough(Browser browser, String base, String page, String name) {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + page);
        browser.waiting().until(ExpectedConditions.urlContains("/connexion?retour="));
        // the field takes the focus as the page settles (autofocus), which a busy machine can delay past the load
        browser.waiting().until(driver -> "identifiant".equals(browser.focused().getAttribute("id")));
        browser.type(name, Keys.TAB);
        browser.type(PASSWORD, Keys.ENTER);
        browser.waiting().until(ExpectedConditions.urlToBe(base + page));
    }

    /** Scans {@code code} into the field that has the focus; waits for the answer naming {@code expected}, and the field ready again. */
    static String scan(Browser browser, String code, String expected) {
        assertThat(browser.focused().getAttribute("id")).isEqualTo("code");
        browser.type(code, Keys.ENTER);
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reponse"), expected));
        browser.waiting().until(driver -> "code".equals(browser.focused().getAttribute("id"))
                && browser.focused().getAttribute("value").isEmpty());
        return browser.find("#reponse").getText();
    }

    /** The answer that the live region {@code region} ("reponse", "reponse-ajout"...) shows, once it holds {@code expected}. */
    static String answer(Browser browser, String region, String expected) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id(region), expected));
        return browser.find("#" + region).getText();
    }

    /** True when the whole of the element is in the window, as the person at the desk sees it. */
    static boolean inView(Browser browser, String css) {
        return (Boolean) browser.script("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return r.top >= 0 && r.bottom <= window.innerHeight;", css);
    }

    /** The browser's session cookie, as a Cookie header for requests made beside the browser. */
    static String sessionCookie(Browser browser) {
        return "lending_session=" + browser.driver().manage().getCookieNamed("lending_session").getValue();
    }

    /** A screenshot of the page as a phone {@code width} pixels wide shows it, to look at. */
    static void screenshotAt(Browser browser, int width, String name) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
                "height", 800, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.screenshot(name);
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }
}
