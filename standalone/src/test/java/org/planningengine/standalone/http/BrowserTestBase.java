package org.planningengine.standalone.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;

/**
 * The HTTP tests that drive the dashboard in Chromium, on the engine every HTTP test class shares: one browser per
 * class, started before its first test and closed after its last, and the class's scenario written once.
 */
abstract class BrowserTestBase extends HttpTestBase {

    static Browser browser;
    /** The class whose scenario was written last: classes run one after the other. */
    private static Class<?> seeded;

    @BeforeEach
    void browserAndScenario() throws IOException {
        if (browser == null) {
            browser = startBrowser();
        }
        if (seeded != getClass()) {
            seeded = getClass();
            seed();
        }
    }

    /** The browser of the class's tests: the default window and waits unless a class needs others. */
    Browser startBrowser() throws IOException {
        return Browser.start(port);
    }

    /** Writes the class's scenario through the API, once, before its first test. */
    abstract void seed();

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
