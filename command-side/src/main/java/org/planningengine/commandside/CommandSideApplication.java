package org.planningengine.commandside;

import org.planningengine.command.imports.ImportCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.Arrays;

/**
 * The command side on its own (port 8081), against the MongoDB named by {@code spring.data.mongodb.uri}: the write
 * API and the users' administration. Its settings are {@code command-side.yml}, so that they never mix with the
 * standalone application's when both are on one classpath. (A package of its own, outside the ones the standalone
 * application scans.)
 */
@SpringBootApplication(scanBasePackages = "org.planningengine.command")
public class CommandSideApplication {

    /** Runs the engine, or with {@code import} first, sends a file to a running engine's import (see README). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            ImportCommandLine.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        new SpringApplicationBuilder(CommandSideApplication.class).properties("spring.config.name=command-side")
                                                                  .run(args);
    }
}
