package org.planningengine.standalone;

import org.planningengine.standalone.embedded.EmbeddedMongoSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * {@code planning.embedded-mongo.*}: the MongoDB wire-protocol server the standalone application starts when
 * {@code spring.data.mongodb.uri} is not set.
 *
 * @param dataDir where the data is kept (H2 backend)
 * @param backend {@code H2} keeps data in {@code dataDir}; {@code MEMORY} keeps nothing (tests, demos)
 * @param port    the loopback port it listens on; 0 picks a free one
 */
@ConfigurationProperties("planning.embedded-mongo")
public record EmbeddedMongoProperties(@DefaultValue("./data") Path dataDir,
                                      @DefaultValue("H2") EmbeddedMongoSettings.Backend backend,
                                      @DefaultValue("0") int port) {

    EmbeddedMongoSettings settings() {
        return new EmbeddedMongoSettings(backend, dataDir, port);
    }
}
