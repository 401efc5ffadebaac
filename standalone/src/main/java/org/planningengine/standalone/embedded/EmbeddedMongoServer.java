package org.planningengine.standalone.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1, keeping its data either in an H2
 * MVStore file ({@value #STORE_FILE_NAME} inside the data folder, committed after every write) or only in memory.
 * <p>
 * It serves only this process: every connection must authenticate (SCRAM-SHA-256) as a user whose password is
 * drawn at each start and never leaves memory; {@link #connectionString()} carries it. The data folder and the
 * store file are the owner's alone (rwx------ and rw-------); a folder open to others is closed at start.
 * <p>
 * Start it with {@link #start(EmbeddedMongoSettings)}; {@link #close()} stops it and closes the store cleanly.
 * Startup fails fast, with a message naming the folder or the port, when the data folder cannot be created or
 * written, when it is already in use by another server (in this process or another one), or when the port is taken.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    public static final String STORE_FILE_NAME = "planning.mv";

    private static final String HOST = "127.0.0.1";
    /**
     * Netty threads answering the engine's connections. mongo-java-server runs each command on its connection's
     * thread, and a write waits there for its commit, so Netty's default (two per core) would let only that many
     * writes share a commit and hold back the reads of every connection behind a waiting write.
     */
    private static final int CONNECTION_THREADS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = PosixFilePermissions.fromString("---rwxrwx");
    private static final SecureRandom RANDOM = new SecureRandom();

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
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoServer(MongoServer server, Path dataDirectoryInUse, InetSocketAddress address,
                                String password) {
        this.server = server;
        this.dataDirectoryInUse = dataDirectoryInUse;
        this.address = address;
        this.password = password;
    }

    public static EmbeddedMongoServer start(EmbeddedMongoSettings settings) {
        String password = newPassword();
        if (settings.backend() == EmbeddedMongoSettings.Backend.MEMORY) {
            MongoServer server = bind(new EngineOnlyBackend(new MemoryBackend(), password, RANDOM), settings.port());
            return new EmbeddedMongoServer(server, null, server.getLocalAddress(), password);
        }
        Path dataDirectory = prepareDataDirectory(settings.dataDirectory());
        if (!DATA_DIRECTORIES_IN_USE.add(dataDirectory)) {
            throw new EmbeddedMongoStartFailure("Data folder " + dataDirectory
                    + " is already in use by another embedded MongoDB server in this process");
        }
        try {
            MVStore store = openStore(dataDirectory, settings.compression());
            DurableH2Backend backend;
            try {
                backend = new DurableH2Backend(store, settings.compactOnClose(), settings.durability());
            } catch (RuntimeException e) {
                store.closeImmediately();
                throw e;
            }
            // bind() closes the backend, and with it the store, when it fails
            MongoServer server = bind(new EngineOnlyBackend(backend, password, RANDOM), settings.port());
            return new EmbeddedMongoServer(server, dataDirectory, server.getLocalAddress(), password);
        } catch (RuntimeException e) {
            DATA_DIRECTORIES_IN_USE.remove(dataDirectory);
            throw e;
        }
    }

    /** 32 random bytes: the SCRAM password of this start, URL-safe so it needs no SASLprep and no escaping. */
    private static String newPassword() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * Creates the folder if missing (owner-only), closes one open to others, and proves it writable, so a bad
     * folder fails now and not at the first write.
     */
    private static Path prepareDataDirectory(Path configured) {
        Path directory = configured.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(directory)) {
                if (directory.getParent() != null) {
                    Files.createDirectories(directory.getParent());
                }
                if (posix(directory.getParent())) {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
                } else {
                    Files.createDirectory(directory);
                }
            }
        } catch (IOException | SecurityException e) {
            throw new EmbeddedMongoStartFailure("Cannot create the data folder " + directory + ": " + describe(e), e);
        }
        restrictToOwner(directory, OWNER_ONLY_FOLDER, "data folder");
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

    /**
     * Takes every permission of the group and of others away (the owner's stay as they are). The store file keeps
     * the owner-only mode too, should the folder's ever be widened.
     */
    private static void restrictToOwner(Path path, Set<PosixFilePermission> ownerOnly, String what) {
        if (!posix(path)) {
            return; // no POSIX modes here (Windows): the folder keeps the ACLs it inherits
        }
        try {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
            Set<PosixFilePermission> closed = EnumSet.noneOf(PosixFilePermission.class);
            closed.addAll(current);
            closed.removeAll(GROUP_AND_OTHERS);
            if (!closed.equals(current)) {
                Files.setPosixFilePermissions(path, closed);
                LOG.warn("The {} {} was open to other users ({}); it is now {}", what, path,
                         PosixFilePermissions.toString(current), PosixFilePermissions.toString(closed));
            }
        } catch (IOException | SecurityException e) {
            throw new EmbeddedMongoStartFailure("The " + what + " " + path + " is open to other users and cannot be "
                    + "closed (" + describe(e) + "); make it this user's with mode "
                    + PosixFilePermissions.toString(ownerOnly), e);
        }
    }

    private static boolean posix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null
                && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static MVStore openStore(Path dataDirectory, EmbeddedMongoSettings.Compression compression) {
        Path file = dataDirectory.resolve(STORE_FILE_NAME);
        try {
            if (!Files.exists(file) && posix(dataDirectory)) {
                // created owner-only before H2 opens it, so it is never readable by others, not even briefly
                // (H2 takes an empty file for a new store)
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            }
        } catch (IOException e) {
            throw new EmbeddedMongoStartFailure("Cannot create the store " + file + ": " + describe(e), e);
        }
        if (Files.exists(file)) {
            restrictToOwner(file, OWNER_ONLY_FILE, "store file");
        }
        MVStore.Builder builder = new MVStore.Builder().fileName(file.toString());
        switch (compression) {
            case FAST -> builder.compress();
            case HIGH -> builder.compressHigh();
            case NONE -> { }
        }
        try {
            return builder.open();
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
            server.bind(new InetSocketAddress(HOST, port), 1, CONNECTION_THREADS);
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

    /**
     * The URI a client of this process connects with: it carries this start's credentials, so it must not be
     * logged or handed to another process.
     */
    public String connectionString() {
        return "mongodb://" + EngineOnlyBackend.USER + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "@" + HOST + ":" + port() + "/?authSource=admin&authMechanism=SCRAM-SHA-256";
    }

    /** The URI without credentials: what another local process could try. */
    public String anonymousConnectionString() {
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
