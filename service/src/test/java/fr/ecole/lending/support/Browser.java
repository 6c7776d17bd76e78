package fr.ecole.lending.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its chromedriver, for the pages' end-to-end tests: one
 * browser per test class, with a profile of its own. Where Chromium or its driver is missing, the
 * tests are skipped and the build says so, unless {@code LENDING_IT_BROWSER_REQUIRED=true} (CI, whose
 * .ci/run installs them) or {@code -Dit.browser.required=true}, where that is a failure. A test that
 * fails leaves a screenshot of the page in {@code target/browser-screenshots/}.
 *
 * <p>A test class keeps its browser in a static field and declares {@code @ExtendWith(Browser.Extension.class)}
 * (not {@code @RegisterExtension}, which would initialise the class, and start its application, before the
 * conditions that skip it are asked).
 */
public final class Browser {
    public static final Path CHROMIUM = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    public static final boolean REQUIRED = Boolean.getBoolean("it.browser.required")
            || "true".equalsIgnoreCase(System.getenv("LENDING_IT_BROWSER_REQUIRED"));
    public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean warned;

    private final List<String> extraArguments;
    private ChromeDriver driver;
    private Path profile;

    /** {@code extraArguments}: more of Chromium's switches, such as a fake camera's. */
    public Browser(String... extraArguments) {
        this.extraArguments = List.of(extraArguments);
    }

    /** The browser, started at its first use. */
    public synchronized ChromeDriver driver() {
        if (driver == null) {
            try {
                profile = Files.createTempDirectory("chromium-profile-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // without these, Chromium tries the network at every start
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--lang=fr-FR", "--window-size=1280,900",
                    "--user-data-dir=" + profile.toAbsolutePath());
            options.addArguments(extraArguments);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        }
        return driver;
    }

    public void open(String url) {
        driver().get(url);
    }

    /**
     * Waits up to 10 s for a condition. An element read while the page it belongs to is being replaced
     * (a form's answer arriving) makes Chromium answer "Node with given id does not belong to the
     * document", a plain WebDriverException: the condition is asked again, as for a stale element; a
     * condition never met still ends in a timeout naming the last error.
     */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver(), Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    /** The element that has the keyboard's focus. */
    public WebElement focused() {
        return driver().switchTo().activeElement();
    }

    /** Types into whatever has the focus, as a person (or a USB scanner) at the keyboard would. */
    public void type(CharSequence... keys) {
        focused().sendKeys(keys);
    }

    public WebElement find(String css) {
        return driver().findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver().findElements(By.cssSelector(css));
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeScript(script, arguments);
    }

    /**
     * axe-core run in the page as it is now: its violations of impact {@code serious} or
     * {@code critical}, one line each (rule, impact, the elements).
     */
    public List<String> seriousAccessibilityViolations() {
        String axe = axeSource();
        script(axe);
        Object result = ((JavascriptExecutor) driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
        String text = String.valueOf(result);
        if (text.startsWith("error: ")) {
            throw new AssertionError("axe-core failed: " + text);
        }
        List<String> serious = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(text)) {
                String impact = violation.path("impact").asText();
                if ("serious".equals(impact) || "critical".equals(impact)) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
                    serious.add(violation.path("id").asText() + " (" + impact + "): " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serious;
    }

    /** How many CSS pixels the page is wider than the window at {@code width} px (0: no horizontal scroll). */
    public long overflowAt(int width) {
        driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            return ((Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                    .longValue();
        } finally {
            driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** A screenshot of the page as it is, to {@code target/browser-screenshots/<name>.png}; its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole page, however long, at a desk's width, written to {@code file}: for the documentation's
     * pictures of a page, made by its test so that they show the page as it is.
     */
    public void wholePage(Path file) {
        script("window.scrollTo(0, 0)");
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The same, at a phone's width. */
    public Path screenshotAt(int width, String name) {
        driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            return screenshot(name);
        } finally {
            driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    void failed(ExtensionContext context) {
        if (driver != null) {
            try {
                Path file = screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName());
                System.out.println("[browser] page at failure: " + driver.getCurrentUrl() + ", screenshot " + file);
            } catch (RuntimeException e) {
                System.out.println("[browser] no screenshot of the failure: " + e);
            }
        }
    }

    synchronized void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    /** Skips the class where Chromium is missing; a screenshot when a test fails; the browser closed after the class. */
    public static final class Extension implements ExecutionCondition, AfterTestExecutionCallback, AfterAllCallback {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString()
                    : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString() : null;
            if (missing == null) {
                return ConditionEvaluationResult.enabled("Chromium and its driver are installed");
            }
            String message = missing + " is missing (apt-get install -y chromium chromium-driver)";
            if (REQUIRED) {
                throw new IllegalStateException(message + "; this run requires the browser tests (LENDING_IT_BROWSER_REQUIRED)");
            }
            synchronized (Browser.class) {
                if (!warned) {
                    warned = true;
                    System.out.println("[WARNING] " + message + ": every browser test of the pages is SKIPPED.");
                }
            }
            return ConditionEvaluationResult.disabled(message + ": browser tests skipped");
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isPresent()) {
                browsers(context).forEach(browser -> browser.failed(context));
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            browsers(context).forEach(Browser::quit);
        }

        private static List<Browser> browsers(ExtensionContext context) {
            List<Browser> found = new ArrayList<>();
            for (java.lang.reflect.Field field : context.getRequiredTestClass().getDeclaredFields()) {
                if (field.getType() == Browser.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    try {
                        field.setAccessible(true);
                        found.add((Browser) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return found;
        }
    }

    private static String axeSource() {
        try (var in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is missing from the test classpath (target/npm/axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
