package org.planningengine.standalone;

import org.planningengine.standalone.embedded.EmbeddedMongoSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code planning.embedded-mongo.*}: the MongoDB wire-protocol server the standalone application starts when
 * {@code spring.data.mongodb.uri} is not set.
 *
 * @param dataDir where the data is kept (H2 backend)
 * @param backend {@code H2} keeps data in {@code dataDir}; {@code MEMORY} keeps nothing (tests, demos)
 * @param port    the loopback port it listens on; 0 picks a free one
 * @param compression    H2's page compression: {@code NONE}, {@code FAST} (LZF) or {@code HIGH} (Deflate)
 * @param compactOnClose how long a clean stop may spend compacting the store file; 0 for none
 * @param durability     {@code FILE_CACHE}: an acknowledged write survives a kill of the process; {@code FSYNC}: also
 *                       a power loss, at the cost of a disk flush per group commit
 */
@ConfigurationProperties("planning.embedded-mongo")
public record EmbeddedMongoProperties(@DefaultValue("./data") Path dataDir,
                                      @DefaultValue("H2") EmbeddedMongoSettings.Backend backend,
                                      @DefaultValue("0") int port,
                                     @DefaultValue("HIGH") EmbeddedMongoSettings.Compression compression,
                                     @DefaultValue("30s") Duration compactOnClose,
                                     @DefaultValue("FILE_CACHE") EmbeddedMongoSettings.Durability durability) {

    EmbeddedMongoSettings settings() {
        return new EmbeddedMongoSettings(backend, dataDir, port, compression, compactOnClose, durability);
    }
}
