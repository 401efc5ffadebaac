package org.planningengine.standalone.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the embedded MongoDB wire-protocol server.
 *
 * @param backend        where the data lives: {@link Backend#H2} in a file inside {@code dataDirectory},
 *                       {@link Backend#MEMORY} only in this process (for tests)
 * @param dataDirectory  folder for the H2 store file; ignored (may be null) for {@link Backend#MEMORY}
 * @param port           TCP port on 127.0.0.1; 0 picks a free one
 * @param compression    how H2 compresses the pages it writes (pages already written keep theirs)
 * @param compactOnClose how long a clean close may spend compacting the store file; zero for none
 * @param durability     where an acknowledged write is when its answer goes back (H2 backend)
 */
public record EmbeddedMongoSettings(Backend backend, Path dataDirectory, int port, Compression compression,
                                    Duration compactOnClose, Durability durability) {

    public enum Backend { H2, MEMORY }

    /** H2 MVStore's page compression: none, LZF ({@code compress}) or Deflate ({@code compressHigh}). */
    public enum Compression { NONE, FAST, HIGH }

    /**
     * {@link #FILE_CACHE}: written to the store file, in the operating system's file cache, which survives a kill
     * of the process but not a power loss or a kernel crash. {@link #FSYNC}: also forced to the disk, once per group
     * commit, which survives those too and costs a disk flush per commit.
     */
    public enum Durability { FILE_CACHE, FSYNC }

    public static final Compression DEFAULT_COMPRESSION = Compression.HIGH;
    public static final Duration DEFAULT_COMPACT_ON_CLOSE = Duration.ofSeconds(30);
    public static final Durability DEFAULT_DURABILITY = Durability.FILE_CACHE;

    public EmbeddedMongoSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(compactOnClose, "compactOnClose");
        Objects.requireNonNull(durability, "durability");
        if (backend == Backend.H2) {
            Objects.requireNonNull(dataDirectory, "dataDirectory is required for the H2 backend");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (compactOnClose.isNegative()) {
            throw new IllegalArgumentException("compactOnClose must not be negative, was " + compactOnClose);
        }
    }

    public static EmbeddedMongoSettings h2(Path dataDirectory, int port) {
        return new EmbeddedMongoSettings(Backend.H2, dataDirectory, port, DEFAULT_COMPRESSION,
                                         DEFAULT_COMPACT_ON_CLOSE, DEFAULT_DURABILITY);
    }

    public static EmbeddedMongoSettings memory(int port) {
        return new EmbeddedMongoSettings(Backend.MEMORY, null, port, DEFAULT_COMPRESSION, Duration.ZERO,
                                         DEFAULT_DURABILITY);
    }

    public EmbeddedMongoSettings withCompression(Compression compression) {
        return new EmbeddedMongoSettings(backend, dataDirectory, port, compression, compactOnClose, durability);
    }

    public EmbeddedMongoSettings withCompactOnClose(Duration compactOnClose) {
        return new EmbeddedMongoSettings(backend, dataDirectory, port, compression, compactOnClose, durability);
    }

    public EmbeddedMongoSettings withDurability(Durability durability) {
        return new EmbeddedMongoSettings(backend, dataDirectory, port, compression, compactOnClose, durability);
    }
}
