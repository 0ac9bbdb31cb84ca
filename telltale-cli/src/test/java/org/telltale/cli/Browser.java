package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium of this machine (Debian's chromium and chromium-driver), driven by
 * Selenium with nothing downloaded: the binary and the driver are named, the profile is a fresh
 * folder, and no background networking is allowed. Without them the browser tests are skipped,
 * unless TELLTALE_BROWSER_TESTS=required (as in CI), where that is a failure. The browser's console
 * is kept: an error there (a script error, or the page's own Content-Security-Policy refusing its
 * own script or style) fails the test that caused it.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Selenium says once per browser that it has no DevTools classes for this version; the tests use none. */
    private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips the calling tests when this machine has none (and CI does not ask for one). */
    static Browser start() {
        return start(List.of(), Map.of(), Map.of());
    }

    /**
     * Starts the browser with more command-line arguments, an environment for chromedriver and the
     * browser it starts (HOME, where Chromium on Linux finds the user's NSS certificate database) and
     * preferences in its fresh profile.
     */
    static Browser start(List<String> arguments, Map<String, String> environment, Map<String, Object> preferences) {
        requireTool(CHROMIUM, "chromium");
        requireTool(CHROMEDRIVER, "chromium-driver");
        Path profile;
        try {
            profile = Files.createTempDirectory("telltale-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,2000", "--user-data-dir=" + profile);
        options.addArguments(arguments);
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withEnvironment(environment).build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /**
     * Skips the calling tests when a tool the browser tests use is missing, or fails them when
     * TELLTALE_BROWSER_TESTS=required (as in CI).
     */
    static void requireTool(Path tool, String debianPackage) {
        if (!Files.isExecutable(tool)) {
            String why = "the browser tests need " + tool + " (Debian's " + debianPackage + ")";
            if ("required".equals(System.getenv("TELLTALE_BROWSER_TESTS"))) {
                fail(why + ", and TELLTALE_BROWSER_TESTS=required");
            }
            assumeTrue(false, why);
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a page and waits until its script has drawn it. */
    void open(URI page) {
        driver.get(page.toString());
        waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    void open(Path file) {
        open(file.toUri());
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    @SuppressWarnings("unchecked")
    <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Every group of the page expanded, and every finding row of each clicked open, waiting for what each loads. */
    void expandEverything() {
        for (WebElement group : all("#groups .group")) {
            String id = group.getDomAttribute("data-group");
            js("arguments[0].scrollIntoView({block: 'center'})", group);
            group.findElement(By.cssSelector(".summary")).click();
            String rows = "#groups .group[data-group='" + id + "'] .details tr.finding-row";
            waitUntil(d -> !d.findElements(By.cssSelector(rows)).isEmpty()
                    || !d.findElements(By.cssSelector("#groups .group[data-group='" + id + "'] .notice")).isEmpty());
            for (WebElement row : all(rows)) {
                js("arguments[0].scrollIntoView({block: 'center'})", row);
                row.click();
                waitUntil(d -> Boolean.TRUE.equals(js(
                        "const n = arguments[0].nextElementSibling;"
                                + "return !!n && n.classList.contains('evidence-row') && n.cells[0].childElementCount > 0;",
                        row)));
            }
        }
    }

    /** The console's messages at SEVERE level since the last call, each as text. */
    List<String> severe() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        List<String> out = console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
        console.clear();
        return out;
    }

    void assertConsoleClean() {
        assertThat(severe()).as("the browser console's errors").isEmpty();
    }

    /** "ReportBrowserTest-theFilters" or, for one case of a parameterized test, "ReportBrowserTest-theStory-report". */
    static String nameOf(org.junit.jupiter.api.TestInfo test) {
        String name = test.getTestClass().orElseThrow().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
        String shown = test.getDisplayName();
        return shown.startsWith("[") ? name + "-" + shown.replaceFirst("^\\[\\d+\\]\\s*", "").replaceAll("[^A-Za-z0-9]+", "-") : name;
    }

    /** After each test: a screenshot of where it ended, and no error in the console. */
    void finish(org.junit.jupiter.api.TestInfo test) {
        screenshot(nameOf(test));
        assertConsoleClean();
    }

    /** The page as it is now, for a person to look at: target/screenshots/NAME.png. */
    Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("telltale.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind
            }
        }
    }
}
