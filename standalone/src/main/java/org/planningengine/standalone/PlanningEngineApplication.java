package org.planningengine.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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

    public static void main(String[] args) {
        SpringApplication.run(PlanningEngineApplication.class, args);
    }
}
