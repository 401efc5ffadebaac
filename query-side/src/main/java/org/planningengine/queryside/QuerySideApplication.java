package org.planningengine.queryside;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The query side on its own (port 8082), against the MongoDB named by {@code spring.data.mongodb.uri}: the
 * projections, the read API and the projections' administration. Replicas share the plan views' segments through
 * the token store. Its settings are {@code query-side.yml}. (A package of its own, outside the ones the standalone
 * application scans.)
 */
@SpringBootApplication(scanBasePackages = "org.planningengine.query")
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class).properties("spring.config.name=query-side").run(args);
    }
}
