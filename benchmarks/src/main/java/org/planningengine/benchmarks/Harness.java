package org.planningengine.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/** What every harness's {@code main} does around its run. */
final class Harness {

    interface Run {
        void run(String[] args) throws Exception;
    }

    private Harness() {
    }

    /**
     * Runs the harness and exits with 0, or 1 after printing what failed: the embedded server's and the engines'
     * threads are not daemons, so a finished or failed run must not leave the JVM hanging.
     */
    static void main(String[] args, Run harness) {
        int exitCode = 0;
        try {
            harness.run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** Turns the engines' logs down to warnings and reads {@code --name value} pairs over the defaults. */
    static Map<String, String> options(String[] args, Map<String, String> defaults) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, String> options = new HashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
