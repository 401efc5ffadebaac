package org.planningengine.commandside;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The command side on its own (port 8081), against the MongoDB named by {@code spring.data.mongodb.uri}: the write
 * API and the users' administration. Its settings are {@code command-side.yml}, so that they never mix with the
 * standalone application's when both are on one classpath. (A package of its own, outside the ones the standalone
 * application scans.)
 */
@SpringBootApplication(scanBasePackages = "org.planningengine.command")
public class CommandSideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class).properties("spring.config.name=command-side")
                                                                  .run(args);
    }
}
