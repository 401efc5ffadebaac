package org.planningengine.standalone.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * An {@link H2Backend} that commits the MVStore after every command that writes, before the answer goes back.
 * <p>
 * The plain backend only commits on MVStore's background auto-commit (about once a second) or on close, so a
 * write the client has seen acknowledged is lost if the process is killed in between. Here a write is in the file
 * before it is acknowledged: by default in the operating system's file cache, which survives the death of the
 * process but not a power loss or a kernel crash (MVStore does not fsync on commit); with
 * {@link EmbeddedMongoSettings.Durability#FSYNC} also forced to the disk, once per commit.
 * <p>
 * Concurrent writers share one commit (group commit): a write that finds no commit running starts one, which
 * stores everything written before it started; the writes that finish meanwhile wait for it, then share the next
 * one, which the first of them starts. One file write answers many writers.
 * <p>
 * A commit that finds nothing left to store needs care: MVStore's background writer (and a writer thread that finds
 * too much unsaved memory) commits with {@code tryCommit()}, which hands the serialization and the file write to
 * executors and returns. If such a commit took our change, our own {@code commit()} finds nothing to store and
 * returns while the write may still be queued. So after committing we wait until the store's executors are drained.
 * <p>
 * Every command also registers the MVStore version it reads, as H2's own transactions do. The plain backend does
 * not, so MVStore's background compaction may free a chunk that a long read (a full scan of a large collection)
 * still walks, and the read fails with "Chunk N not found" (seen with 1,000,000 documents).
 * <p>
 * A clean close may compact the file for a while: MVStore writes every commit as a new chunk and reclaims the
 * space of the old ones only as it goes, so a store committed after every write leaves much of its file to
 * chunks that are mostly garbage (BENCHMARKS.md, "Disk and start", has the figures).
 * <p>
 * Opening a database does not read its collections: see {@link FastOpeningDatabase}.
 */
public class DurableH2Backend extends H2Backend {

    /** Lower-case names of the wire commands that change data or metadata. */
    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection",
            // not implemented by mongo-java-server 1.47 (rejected without writing), listed so a later version that
            // implements them stays durable
            "collmod", "reindex", "compact", "converttocapped", "clonecollectionascapped", "applyops");

    private final Duration compactOnClose;
    private final boolean fsync;
    /** Guards the numbering of finished writes and the one commit that runs at a time. */
    private final ReentrantLock commits = new ReentrantLock();
    private final Condition committed = commits.newCondition();
    private long writes;
    private long committedThrough;
    private boolean committing;

    public DurableH2Backend(MVStore mvStore) {
        this(mvStore, Duration.ZERO, EmbeddedMongoSettings.DEFAULT_DURABILITY);
    }

    public DurableH2Backend(MVStore mvStore, Duration compactOnClose, EmbeddedMongoSettings.Durability durability) {
        super(mvStore);
        this.compactOnClose = compactOnClose;
        this.fsync = durability == EmbeddedMongoSettings.Durability.FSYNC;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new FastOpeningDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    /**
     * mongo-java-server keeps no secondary (non-unique) index: it records its name and answers every query by a
     * scan. But it counts such an index as empty, and an index that is empty when a database opens is built from
     * every document of its collection, twice (a check, then the adds); so each start read the decision log's view
     * and the webhooks' deliveries whole, for an index that then stays empty. Here a secondary index is recorded as
     * before and counts as built.
     */
    static final class FastOpeningDatabase extends H2Database {

        FastOpeningDatabase(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
            super(databaseName, mvStore, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new EmptyIndex<>(indexName, keys) {
                @Override
                public boolean isEmpty() {
                    return false;
                }
            };
        }
    }

    /** Closes the store, after compacting it for up to {@code compactOnClose} if that is not zero. */
    @Override
    public void close() {
        MVStore store = getMvStore();
        if (!compactOnClose.isZero() && !store.isClosed() && store.getFileStore() != null) {
            // MVStore.close(ms) commits, compacts for at most that long, and closes; a no-op on a closed store
            store.close((int) Math.min(compactOnClose.toMillis(), Integer.MAX_VALUE));
        }
        super.close();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!writes(command, query)) {
            return handlePinned(channel, databaseName, command, query);
        }
        Document response;
        try {
            response = handlePinned(channel, databaseName, command, query);
        } catch (RuntimeException failure) {
            // A failed batch may have written part of its documents; keep what was written, but report the failure.
            commitAfterFailure(failure);
            throw failure;
        }
        commitToFile();
        return response;
    }

    /** Runs the command with its MVStore version registered, so compaction keeps the chunks it reads. */
    private Document handlePinned(Channel channel, String databaseName, String command, Document query) {
        MVStore.TxCounter versionInUse = getMvStore().registerVersionUsage();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            getMvStore().deregisterVersionUsage(versionInUse);
        }
    }

    /** Legacy (OP_QUERY) reads do not pass through {@link #handleCommand}. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        MVStore.TxCounter versionInUse = getMvStore().registerVersionUsage();
        try {
            return super.handleQuery(query);
        } finally {
            getMvStore().deregisterVersionUsage(versionInUse);
        }
    }

    /**
     * Returns once everything written so far is in the file (and on the disk with FSYNC), by a commit of its
     * own or one that started after this write was done. A failed commit fails only its starter; those waiting
     * for it start the next.
     */
    private void commitToFile() {
        commits.lock();
        try {
            long mine = ++writes;
            while (committedThrough < mine) {
                if (committing) {
                    committed.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                long through = writes;
                boolean stored = false;
                commits.unlock();
                try {
                    storeEverythingPending();
                    stored = true;
                } finally {
                    commits.lock();
                    committing = false;
                    if (stored) {
                        // one commit runs at a time, so each covers at least as much as the one before
                        committedThrough = through;
                    }
                    committed.signalAll();
                }
            }
        } finally {
            commits.unlock();
        }
    }

    /** Overridden by tests to hold or fail a commit. */
    void storeEverythingPending() {
        commit();
        MVStore store = getMvStore();
        if (store.getFileStore() != null) {
            // drains the executors of an asynchronous commit (see the class comment); a no-op task, under the lock
            store.executeFilestoreOperation(() -> { });
            if (fsync) {
                forceToDisk();
            }
        }
    }

    /** Overridden by tests to count the flushes. */
    void forceToDisk() {
        getMvStore().sync();
    }

    /** How many finished writes wait for a commit that covers them (for tests). */
    int waitingForACommit() {
        commits.lock();
        try {
            return commits.getWaitQueueLength(committed);
        } finally {
            commits.unlock();
        }
    }

    private void commitAfterFailure(RuntimeException failure) {
        try {
            commitToFile();
        } catch (RuntimeException commitFailure) {
            failure.addSuppressed(commitFailure);
        }
    }

    /** Whether the command can change what is stored; matched case-insensitively, as the server does. */
    static boolean writes(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITE_COMMANDS.contains(name)) {
            return true;
        }
        // An aggregation writes only through a $out or $merge stage.
        return name.equals("aggregate") && query != null && hasWritingStage(query.get("pipeline"));
    }

    private static boolean hasWritingStage(Object pipeline) {
        if (!(pipeline instanceof List<?> stages)) {
            return false;
        }
        for (Object stage : stages) {
            if (stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge"))) {
                return true;
            }
        }
        return false;
    }
}
