package org.planningengine.standalone.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1, keeping its data either in an H2
 * MVStore file ({@value #STORE_FILE_NAME} inside the data folder, committed after every write) or only in memory.
 * <p>
 * Start it with {@link #start(EmbeddedMongoSettings)}; {@link #close()} stops it and closes the store cleanly.
 * Startup fails fast, with a message naming the folder or the port, when the data folder cannot be created or
 * written, when it is already in use by another server (in this process or another one), or when the port is taken.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    public static final String STORE_FILE_NAME = "planning.mv";

    private static final String HOST = "127.0.0.1";

    /**
     * Data folders held by servers of this process. MVStore's file lock keeps other processes out, but inside one
     * JVM a second open fails (OverlappingFileLockException) and, in failing, closes its own channel on the file,
     * which releases the process's lock (POSIX locks belong to the process): another process could then open the
     * store next to the first server (tried: it can). So a second server here is refused before it opens the file.
     */
    private static final Set<Path> DATA_DIRECTORIES_IN_USE = ConcurrentHashMap.newKeySet();

    private final MongoServer server;
    private final Path dataDirectoryInUse;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoServer(MongoServer server, Path dataDirectoryInUse, InetSocketAddress address) {
        this.server = server;
        this.dataDirectoryInUse = dataDirectoryInUse;
        this.address = address;
    }

    public static EmbeddedMongoServer start(EmbeddedMongoSettings settings) {
        if (settings.backend() == EmbeddedMongoSettings.Backend.MEMORY) {
            MongoServer server = bind(new MemoryBackend(), settings.port());
            return new EmbeddedMongoServer(server, null, server.getLocalAddress());
        }
        Path dataDirectory = prepareDataDirectory(settings.dataDirectory());
        if (!DATA_DIRECTORIES_IN_USE.add(dataDirectory)) {
            throw new EmbeddedMongoStartFailure("Data folder " + dataDirectory
                    + " is already in use by another embedded MongoDB server in this process");
        }
        try {
            MVStore store = openStore(dataDirectory);
            DurableH2Backend backend;
            try {
                backend = new DurableH2Backend(store);
            } catch (RuntimeException e) {
                store.closeImmediately();
                throw e;
            }
            // bind() closes the backend, and with it the store, when it fails
            MongoServer server = bind(backend, settings.port());
            return new EmbeddedMongoServer(server, dataDirectory, server.getLocalAddress());
        } catch (RuntimeException e) {
            DATA_DIRECTORIES_IN_USE.remove(dataDirectory);
            throw e;
        }
    }

    /** Creates the folder if missing and proves it writable, so a bad folder fails now and not at the first write. */
    private static Path prepareDataDirectory(Path configured) {
        Path directory = configured.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new EmbeddedMongoStartFailure("Cannot create the data folder " + directory + ": " + describe(e), e);
        }
        try {
            Path probe = Files.createTempFile(directory, ".write-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new EmbeddedMongoStartFailure("The data folder " + directory + " is not writable: " + describe(e), e);
        }
        try {
            // one identity per folder, whatever symbolic links or relative paths lead to it
            return directory.toRealPath();
        } catch (IOException e) {
            throw new EmbeddedMongoStartFailure("Cannot resolve the data folder " + directory + ": " + describe(e), e);
        }
    }

    private static MVStore openStore(Path dataDirectory) {
        Path file = dataDirectory.resolve(STORE_FILE_NAME);
        try {
            return new MVStore.Builder().fileName(file.toString()).open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new EmbeddedMongoStartFailure("Data folder " + dataDirectory + " is in use by another process ("
                        + file + " is locked); stop the other instance or choose another data folder", e);
            }
            throw new EmbeddedMongoStartFailure("Cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    private static MongoServer bind(MongoBackend backend, int port) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(HOST, port);
            return server;
        } catch (Exception e) { // Netty rethrows the checked BindException without declaring it
            // MongoServer cleans up after a RuntimeException only; shutting down twice is harmless
            server.shutdownNow();
            if (e instanceof BindException) {
                String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use")
                        ? "the port is already in use"
                        : e.getMessage();
                throw new EmbeddedMongoStartFailure("Cannot listen on " + HOST + ":" + port + ": " + reason, e);
            }
            throw new EmbeddedMongoStartFailure("Cannot start the embedded MongoDB server on " + HOST + ":" + port
                    + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString() {
        return "mongodb://" + HOST + ":" + port();
    }

    /** The folder holding the store file, or null for the memory backend. */
    public Path dataDirectory() {
        return dataDirectoryInUse;
    }

    /** Stops listening, drops the client connections and closes the backend (for H2: a clean close of the store). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.shutdownNow();
        } finally {
            if (dataDirectoryInUse != null) {
                DATA_DIRECTORIES_IN_USE.remove(dataDirectoryInUse);
            }
        }
    }
}
