package org.planningengine.standalone;

import org.planningengine.command.imports.ImportCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

/**
 * The whole engine in one JVM on one port: command side, query side, and (unless {@code spring.data.mongodb.uri}
 * names a MongoDB) an embedded MongoDB wire-protocol server that keeps its data in a local folder.
 */
@SpringBootApplication(scanBasePackages = {
        "org.planningengine.command",
        "org.planningengine.query",
        "org.planningengine.standalone"
})
public class PlanningEngineApplication {

    /** Runs the engine, or with {@code import} first, sends a file to a running engine's import (see README). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            ImportCommandLine.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(PlanningEngineApplication.class, args);
    }
}
