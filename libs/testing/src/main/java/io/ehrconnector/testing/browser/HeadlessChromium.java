package io.ehrconnector.testing.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Chromium, headless, driven by Playwright, for walk-throughs a person would do in a browser. Uses the machine's
 * Chromium ({@code /usr/bin/chromium} or {@code EHR_CHROMIUM}); Playwright's own browser download is never attempted.
 *
 * <p>Where no Chromium is installed the calling test is skipped with the reason, so the README's test command still works
 * on a machine with only a JDK; CI installs Chromium and sets {@code EHR_BROWSER_TESTS=required}, which turns a missing
 * Chromium into a failure instead.
 *
 * <p>Every {@link #newPerson()} is a fresh browser context (its own cookies), like a second person on another computer.
 * Certificate errors are ignored because the EHR stand-in serves HTTPS with a self-signed certificate.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    /** Without these, Chromium keeps trying Google's hosts, which a closed network refuses (and which a test must not use). */
    private static final List<String> QUIET_FLAGS = List.of("--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

    /**
     * Extra flags for pages that use the camera, microphone and speakers: permission prompts are answered "allow", the
     * camera shows Chromium's test pattern, the microphone plays a beep, and audio may start without a click.
     */
    public static final List<String> FAKE_MEDIA_DEVICES = List.of("--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required");

    private final Playwright playwright;
    private final Browser browser;
    private final Path screenshots;

    private HeadlessChromium(Playwright playwright, Browser browser, Path screenshots) {
        this.playwright = playwright;
        this.browser = browser;
        this.screenshots = screenshots;
    }

    /**
     * Starts Chromium, or skips the calling test when none is installed (fails instead under {@code EHR_BROWSER_TESTS=required}).
     *
     * @param screenshots the folder for {@link #screenshot}, created if missing (e.g. {@code target/screenshots/walk-through})
     */
    public static HeadlessChromium startOrSkip(Path screenshots) {
        return startOrSkip(screenshots, List.of());
    }

    /**
     * The same, with Chromium flags added to the quiet ones (e.g. {@link #FAKE_MEDIA_DEVICES}).
     *
     * @param extraFlags command-line flags for Chromium, passed as given
     */
    public static HeadlessChromium startOrSkip(Path screenshots, List<String> extraFlags) {
        Path chromium = Path.of(System.getenv().getOrDefault("EHR_CHROMIUM", DEFAULT_CHROMIUM.toString()));
        boolean required = "required".equals(System.getenv("EHR_BROWSER_TESTS"));
        if (!Files.isExecutable(chromium)) {
            String reason = "No Chromium at " + chromium + " (install it: apt-get install -y chromium, or set EHR_CHROMIUM)";
            if (required) {
                throw new IllegalStateException(reason + "; EHR_BROWSER_TESTS=required");
            }
            Assumptions.abort(reason);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setChromiumSandbox(false)
                    .setArgs(Stream.concat(QUIET_FLAGS.stream(), extraFlags.stream()).toList()));
            Files.createDirectories(screenshots);
            return new HeadlessChromium(playwright, browser, screenshots);
        } catch (IOException e) {
            playwright.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new person at their own browser: a fresh context (no cookies shared with anyone else) and one tab. */
    public Page newPerson() {
        return newPerson(true);
    }

    /** The same, with JavaScript switched off in their browser. */
    public Page newPersonWithoutScript() {
        return newPerson(false);
    }

    private Page newPerson(boolean javaScript) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setIgnoreHTTPSErrors(true)
                .setAcceptDownloads(true)
                .setJavaScriptEnabled(javaScript)
                .setViewportSize(1280, 900));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /** Saves the whole page as {@code <name>.png} in the screenshot folder and returns its path. */
    public Path screenshot(Page page, String name) {
        Path file = screenshots.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** The screenshot folder (downloads and printed pages can go there too). */
    public Path folder() {
        return screenshots;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
