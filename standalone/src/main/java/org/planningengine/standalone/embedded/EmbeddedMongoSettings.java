package org.planningengine.standalone.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the embedded MongoDB wire-protocol server.
 *
 * @param backend       where the data lives: {@link Backend#H2} in a file inside {@code dataDirectory},
 *                      {@link Backend#MEMORY} only in this process (for tests)
 * @param dataDirectory folder for the H2 store file; ignored (may be null) for {@link Backend#MEMORY}
 * @param port          TCP port on 127.0.0.1; 0 picks a free one
 */
public record EmbeddedMongoSettings(Backend backend, Path dataDirectory, int port) {

    public enum Backend { H2, MEMORY }

    public EmbeddedMongoSettings {
        Objects.requireNonNull(backend, "backend");
        if (backend == Backend.H2) {
            Objects.requireNonNull(dataDirectory, "dataDirectory is required for the H2 backend");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
    }

    public static EmbeddedMongoSettings h2(Path dataDirectory, int port) {
        return new EmbeddedMongoSettings(Backend.H2, dataDirectory, port);
    }

    public static EmbeddedMongoSettings memory(int port) {
        return new EmbeddedMongoSettings(Backend.MEMORY, null, port);
    }
}
