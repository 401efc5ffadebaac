package org.planningengine.standalone.http;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.planningengine.standalone.TestUsers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs), for the browser tests: skipped where it is not installed, except in CI. Its waits give up after 15
 * seconds unless told otherwise, and look again every {@link #POLL}: most waits are for a drawing of a few
 * milliseconds, which Selenium's own interval (half a second) made each wait up to that long. Screenshots go to
 * {@code target/dashboard-screenshots}.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    /** How long a wait sleeps between two looks at the page. */
    private static final Duration POLL = Duration.ofMillis(20);

    final ChromeDriver driver;
    private final int port;
    private final Duration patience;

    private Browser(ChromeDriver driver, int port, Duration patience) {
        this.driver = driver;
        this.port = port;
        this.patience = patience;
    }

    /** A window of 1280 by 800, and waits of 15 seconds. */
    static Browser start(int port) throws IOException {
        return start(port, new Dimension(1280, 800), Duration.ofSeconds(15));
    }

    /** A window of this size, and waits that give up after the patience. */
    static Browser start(int port, Dimension window, Duration patience) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("CI runs the browser tests: .ci/run installs chromium and chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed here (apt-get install chromium chromium-driver); "
                                          + "the dashboard's browser tests run in CI");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                                                   .addArguments("--headless=new", "--no-sandbox",
                                                                 "--disable-dev-shm-usage",
                                                                 "--window-size=" + window.getWidth() + ","
                                                                 + window.getHeight());
        Files.createDirectories(SCREENSHOTS);
        return new Browser(new ChromeDriver(new ChromeDriverService.Builder()
                                                    .usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options),
                           port, patience);
    }

    /** The dashboard's address with this fragment ({@code #/cycles/…}, or none). */
    String address(String hash) {
        return "http://localhost:" + port + "/" + hash;
    }

    /** Opens the dashboard signed out, at its sign-in dialog. */
    WebElement signInDialog() {
        driver.get(address(""));
        return waitFor(By.id("sign-in"));
    }

    /** Signs in through the dialog as this user. */
    void signIn(WebElement dialog, String user) {
        dialog.findElement(By.name("user")).sendKeys(user);
        dialog.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD);
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Opens the dashboard at the address as the user already signed in (the tab keeps its sign-in). */
    void open(String hash) {
        driver.get(address(hash));
        waitFor(By.id("page"));
    }

    /** Opens the dashboard at the address as this user, signed in as the sign-in dialog would leave it. */
    void openAs(String user, String hash) {
        driver.get(address(""));
        script("sessionStorage.setItem('planning-engine.credentials', arguments[0]);",
               Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes()));
        driver.get(address(hash));
        driver.navigate().refresh(); // a change of the address's fragment alone loads nothing
        waitFor(By.id("page"));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, patience, POLL).until(found -> found.findElements(by).stream().findFirst()
                                                                             .orElse(null));
    }

    void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(driver, patience, POLL).ignoring(RuntimeException.class)
                                                 .until(found -> condition.getAsBoolean());
    }

    /**
     * Acts on an element found afresh each try: a live redraw (an event arriving) may replace the element between
     * finding it and acting on it, which Selenium reports as a stale element.
     */
    void retryingRedraws(Runnable action) {
        waitUntil(() -> {
            action.run();
            return true;
        });
    }

    /** The form's field of this id, waited for. */
    WebElement field(String id) {
        return waitFor(By.id(id));
    }

    void type(String id, String text) {
        field(id).sendKeys(text);
    }

    /** Sends the form of this id by its submit button, waited for. */
    void submit(String formId) {
        waitFor(By.cssSelector("[id='" + formId + "'] button[type=submit]")).click();
    }

    /** The text of the element of this id. */
    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The text of the first element the CSS selector finds. */
    String textAt(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The page shown, whose {@code data-} attributes say what it was drawn for. */
    WebElement page() {
        return driver.findElement(By.id("page"));
    }

    void screenshot(String name) {
        try {
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                       SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException unsaved) {
            throw new AssertionError("could not keep the screenshot " + name, unsaved);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
