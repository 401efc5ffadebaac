package org.planningengine.eventlog;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.planningengine.eventlog.CommitDocument.ID;

/**
 * Axon event storage engine on the MongoDB driver that gives every event a global position and tracks with Axon's
 * {@link GapAwareTrackingToken}, the way Axon's JDBC engine does, instead of by wall-clock time. It appends; each
 * other job has a class of its own:
 * <ul>
 *     <li>A commit (the events of one unit of work) is one document ({@link CommitDocument}), so it becomes visible
 *     all at once.</li>
 *     <li>Positions come from a counter document ({@link PositionCounter}) just before the insert. A commit whose
 *     insert becomes visible late leaves a gap in readers' tokens; readers ({@link Tracking}) keep looking for it
 *     until it appears, so nothing is skipped because it was slow.</li>
 *     <li>A unique index on every event's {@code aggregateId:sequence} gives optimistic concurrency; a commit that
 *     fails leaves a tombstone on its positions ({@link Tombstones}), so readers do not wait for it.</li>
 *     <li>A position reserved longer ago than the gap timeout by the log's clock and still empty (its writer died)
 *     is closed with a tombstone by the reader that finds it ({@link AbandonedPositions}); a commit that arrives
 *     after that is appended again at new positions.</li>
 *     <li>Every read on the hot paths is a lookup by unique key ({@code _id $in} positions for tracking,
 *     {@code keys $in} for loading an aggregate: {@link AggregateStreams}), which stays fast on mongo-java-server
 *     as on MongoDB.</li>
 * </ul>
 * See {@code docs/decisions/0001-event-log.md}.
 */
public class MongoEventLog extends BatchingEventStorageEngine {

    public static final String EVENTS_COLLECTION = "events";
    public static final String SNAPSHOTS_COLLECTION = "snapshots";
    public static final String SEQUENCE_COLLECTION = "event_sequence";
    /** The positions readers wait for, each with the log's time it was reserved by at the latest. */
    public static final String GAPS_COLLECTION = "event_gaps";
    /** How often a commit whose positions were closed before it arrived is appended again at new ones. */
    private static final int MOVES = 3;
    private static final Logger log = LoggerFactory.getLogger(MongoEventLog.class);
    static final String KEYS_INDEX = "aggregate_sequence";

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final Clock clock;
    private final PositionCounter positions;
    private final Tombstones tombstones;
    private final AggregateStreams streams;
    private final RecentCommits recent = new RecentCommits();
    private final AbandonedPositions abandoned;
    private final Tracking tracking;
    private final Runnable afterReserving;
    private final Counter moved;
    private final MongoDatabase database;
    private final Map<String, BranchLog> branches = new ConcurrentHashMap<>();
    /** The branch this thread's reads and appends are on; none for the log itself. */
    private static final ThreadLocal<Branch> ON_BRANCH = new ThreadLocal<>();

    protected MongoEventLog(Builder builder) {
        super(builder.withDefaults());
        this.database = builder.database;
        this.commits = builder.database.getCollection(EVENTS_COLLECTION);
        this.snapshots = builder.database.getCollection(SNAPSHOTS_COLLECTION);
        this.clock = builder.clock;
        commits.createIndex(Indexes.ascending(CommitDocument.KEYS), new IndexOptions().unique(true).name(KEYS_INDEX));
        this.positions = new PositionCounter(builder.database.getCollection(SEQUENCE_COLLECTION), commits);
        this.tombstones = new Tombstones(commits, clock);
        this.streams = new AggregateStreams(commits);
        this.abandoned = new AbandonedPositions(builder.database.getCollection(GAPS_COLLECTION), positions, tombstones,
                                                new ServerClock(builder.database), clock, builder.gapTimeout,
                                                builder.meterRegistry);
        this.tracking = new Tracking(commits, positions, abandoned);
        this.afterReserving = builder.afterReserving;
        this.moved = Counter.builder("planning.eventlog.commits.moved")
                            .description("Commits appended again at new positions: their first ones had been closed "
                                         + "as abandoned before they arrived")
                            .register(builder.meterRegistry);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- appending ----

    /**
     * Takes positions and inserts the commit there. A commit that arrives after a reader closed its positions as
     * abandoned (its writer was slower than the gap timeout) is not lost: it is appended again at new positions.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Branch branch = ON_BRANCH.get();
        if (branch != null) {
            try {
                branchLog(branch).append(events, serializer, clock.instant());
            } catch (MongoException insertFailure) {
                handlePersistenceException(insertFailure, firstDomainEventOrFirst(events));
            }
            return;
        }
        for (int attempt = 1; ; attempt++) {
            long last = positions.allocate(events.size());
            afterReserving.run();
            long first = last - events.size() + 1;
            Document commit = CommitDocument.commit(first, last, clock.instant(), events, serializer);
            try {
                insertCommit(commit);
                recent.remember(commit);
                return;
            } catch (MongoException insertFailure) {
                Tombstones.AfterFailedInsert outcome = tombstones.afterFailedInsert(commit, insertFailure);
                if (outcome == Tombstones.AfterFailedInsert.LANDED) {
                    recent.remember(commit);
                    return;
                }
                if (outcome == Tombstones.AfterFailedInsert.MOVE && attempt < MOVES) {
                    moved.increment();
                    log.warn("Positions {}..{} were closed as abandoned before their commit arrived; appending it "
                             + "again at new positions", first, last);
                    continue;
                }
                handlePersistenceException(insertFailure, firstDomainEventOrFirst(events));
                return;
            }
        }
    }

    /** Inserts one commit document; the single write that makes a commit visible. */
    protected void insertCommit(Document commit) {
        commits.insertOne(commit);
    }

    private static EventMessage<?> firstDomainEventOrFirst(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?>) {
                return event;
            }
        }
        return events.get(0);
    }

    /** Only the aggregate-sequence index signals a concurrent append; any other duplicate is a fault. */
    static boolean isConcurrencyConflict(Exception exception) {
        return exception instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                && write.getError().getMessage().contains(KEYS_INDEX);
    }

    // ---- snapshots: one document per aggregate, its latest ----

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        if (ON_BRANCH.get() != null) {
            return; // a branch's aggregates are few and short: read whole, never snapshotted
        }
        Document document = CommitDocument.event(snapshot, serializer);
        document.put(ID, snapshot.getAggregateIdentifier());
        try {
            snapshots.replaceOne(Filters.eq(ID, snapshot.getAggregateIdentifier()), document,
                                 new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            handlePersistenceException(e, snapshot);
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        if (ON_BRANCH.get() != null) {
            return Stream.empty(); // the log's snapshot may hold events after the fork
        }
        Document snapshot = snapshots.find(Filters.eq(ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(CommitDocument.domainEntry(snapshot));
    }

    // ---- aggregates' streams ----

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        Branch branch = ON_BRANCH.get();
        if (branch == null) {
            return streams.events(aggregateIdentifier, firstSequenceNumber, batchSize);
        }
        List<DomainEventData<?>> events = upToFork(streams.events(aggregateIdentifier, firstSequenceNumber,
                                                                  batchSize), branch);
        if (events.size() < batchSize) { // the log's events up to the fork end here: the branch's own follow
            long next = events.isEmpty() ? firstSequenceNumber : events.get(events.size() - 1).getSequenceNumber() + 1;
            events.addAll(branchLog(branch).streams().events(aggregateIdentifier, next, batchSize - events.size()));
        }
        return events;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Branch branch = ON_BRANCH.get();
        if (branch == null) {
            return streams.lastSequenceNumber(aggregateIdentifier, batchSize());
        }
        Long last = null;
        for (List<DomainEventData<?>> batch = upToFork(streams.events(aggregateIdentifier, 0, batchSize()), branch);
             !batch.isEmpty();
             batch = batch.size() < batchSize() ? List.of()
                     : upToFork(streams.events(aggregateIdentifier, last + 1, batchSize()), branch)) {
            last = batch.get(batch.size() - 1).getSequenceNumber();
        }
        Optional<Long> own = branchLog(branch).streams().lastSequenceNumber(aggregateIdentifier,
                                                                            last == null ? 0 : last + 1, batchSize());
        return own.isPresent() ? own : Optional.ofNullable(last);
    }

    /**
     * The global position of one event of an aggregate, found by its unique key; empty when it was never stored. A
     * write answers it as its consistency token: a view that has processed this position reflects the write. The
     * events of this log's own recent commits are answered from memory.
     */
    public OptionalLong positionOf(String aggregateIdentifier, long sequenceNumber) {
        Branch branch = ON_BRANCH.get();
        if (branch != null) {
            return branchLog(branch).streams().positionOf(aggregateIdentifier, sequenceNumber);
        }
        OptionalLong appendedHere = recent.positionOf(aggregateIdentifier, sequenceNumber);
        return appendedHere.isPresent() ? appendedHere : streams.positionOf(aggregateIdentifier, sequenceNumber);
    }

    /**
     * The aggregates' events of the commit that a request's idempotency key took a key of the unique index for
     * (so at most one commit ever holds it), in the commit's order; empty when none did.
     */
    public List<CommittedEvent> committedUnder(String idempotencyKey) {
        Branch branch = ON_BRANCH.get();
        return (branch == null ? streams : branchLog(branch).streams()).committedUnder(idempotencyKey);
    }

    /**
     * The aggregates whose identifiers start with the prefix ({@code team-plan:2027-s1/} finds the cycle's team
     * plans), in no particular order: a range of the unique index on MongoDB, a scan on mongo-java-server.
     */
    public List<String> aggregatesStartingWith(String prefix) {
        Branch branch = ON_BRANCH.get();
        if (branch == null) {
            return streams.aggregatesStartingWith(prefix);
        }
        Set<String> found = new LinkedHashSet<>();
        for (String aggregateId : streams.aggregatesStartingWith(prefix)) {
            if (!upToFork(streams.events(aggregateId, 0, 1), branch).isEmpty()) {
                found.add(aggregateId);
            }
        }
        found.addAll(branchLog(branch).streams().aggregatesStartingWith(prefix));
        return List.copyOf(found);
    }

    /**
     * The aggregates with an event of one of the types (their stored names) whose payload, as stored, contains the
     * text; a superset for the caller to check on the events themselves. It reads the whole log: for rare commands.
     */
    public List<String> aggregatesMentioning(Collection<String> payloadTypes, String text) {
        Branch branch = ON_BRANCH.get();
        if (branch == null) {
            return streams.aggregatesMentioning(payloadTypes, text);
        }
        Set<String> found = new LinkedHashSet<>(streams.aggregatesMentioning(payloadTypes, text));
        found.addAll(branchLog(branch).streams().aggregatesMentioning(payloadTypes, text));
        return List.copyOf(found);
    }

    // ---- branches ----

    /**
     * Does the work with this thread's reads of aggregates and appends on the branch: an aggregate is its events in
     * the log up to the fork, then its events on the branch; appends go to the branch. Tracking readers (the views,
     * the feed) read the log alone, on any thread.
     */
    public <T> T onBranch(Branch branch, Supplier<T> work) {
        Branch outer = ON_BRANCH.get();
        ON_BRANCH.set(branch);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                ON_BRANCH.remove();
            } else {
                ON_BRANCH.set(outer);
            }
        }
    }

    /** Does the work on the log itself, also from a branch. */
    public <T> T offBranch(Supplier<T> work) {
        Branch outer = ON_BRANCH.get();
        ON_BRANCH.remove();
        try {
            return work.get();
        } finally {
            if (outer != null) {
                ON_BRANCH.set(outer);
            }
        }
    }

    /** The branch this thread works on, if any: caches of the log's aggregates must not serve it. */
    public static Optional<Branch> currentBranch() {
        return Optional.ofNullable(ON_BRANCH.get());
    }

    /** The branch's own events after a position of its own (-1 for all), in order, upcast as the log's are. */
    public List<BranchEvent> branchEvents(Branch branch, long afterPosition) {
        List<BranchEvent> events = new ArrayList<>();
        for (Document commit : branchLog(branch).commitsAfter(afterPosition)) {
            List<Document> stored = CommitDocument.events(commit);
            long first = CommitDocument.first(commit);
            for (int i = (int) Math.max(0, afterPosition + 1 - first); i < stored.size(); i++) {
                long position = first + i;
                EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(CommitDocument.domainEntry(stored.get(i))),
                                                                  getEventSerializer(), upcasterChain)
                                .asStream().forEach(message -> events.add(new BranchEvent(position, message)));
            }
        }
        return events;
    }

    /** Removes the branch's own events for good: for a branch that was only a step of work, never for a scenario. */
    public void dropBranch(Branch branch) {
        branchLog(branch).drop();
        branches.remove(branch.id());
    }

    private BranchLog branchLog(Branch branch) {
        return branches.computeIfAbsent(branch.id(), id -> new BranchLog(database, id));
    }

    /** The events of the log the branch has: those up to its fork, by their timestamps. */
    private static List<DomainEventData<?>> upToFork(List<? extends DomainEventData<?>> events, Branch branch) {
        List<DomainEventData<?>> upTo = new ArrayList<>();
        for (DomainEventData<?> event : events) {
            if (event.getTimestamp().isAfter(branch.forkedAt())) {
                break;
            }
            upTo.add(event);
        }
        return upTo;
    }

    // ---- tracking ----

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return tracking.eventsAfter(lastToken, batchSize);
    }

    /**
     * The time of the event at this global position, or of the latest one before it when the position holds none (a
     * gap given up, an empty commit); empty before the first event.
     */
    public Optional<Instant> timestampAt(long position) {
        return tracking.timestampAt(position);
    }

    /**
     * The highest position up to which a reader at this token has handled every event: a position it still waits
     * for is not handled; one that holds a tombstone needs no handling. -1 before the first. (The token's own
     * position stays behind a gap closed after it was made, until the reader's next event.)
     */
    public long handledThrough(TrackingToken token) {
        return tracking.handledThrough(token);
    }

    /** The last position handed out, -1 before the first: the log's head, whether its commit is visible or not. */
    public long headPosition() {
        return positions.lastAllocated();
    }

    /** The positions this engine's readers are waiting for, and how old the oldest is by the log's clock. */
    public GapsWaitedOn gapsWaitedOn() {
        AbandonedPositions.Waiting waiting = abandoned.waiting();
        return new GapsWaitedOn(waiting.positions(), waiting.oldestPosition(), waiting.oldestAge());
    }

    /**
     * The positions an engine's readers are waiting for.
     *
     * @param positions      how many
     * @param oldestPosition the lowest of them, null when there are none
     * @param oldestAge      how long ago, by the log's clock, the oldest was reserved at the latest (zero for none)
     */
    public record GapsWaitedOn(int positions, Long oldestPosition, Duration oldestAge) {
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return tracking.headToken(batchSize());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return tracking.tokenAt(dateTime, batchSize());
    }

    /**
     * Builds a {@link MongoEventLog}. The database and the event serializer are required; the snapshot serializer
     * defaults to the event serializer.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();
        private Runnable afterReserving = () -> { };
        private Serializer eventSerializer;
        private boolean snapshotSerializerSet;

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /**
         * How long after its reservation, by the log's clock, a position that no commit filled is closed as
         * abandoned.
         */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /**
         * This node's clock: commits' {@code committedAt}, and how long a reader sees a position missing before it
         * records it. Never the judge of a reservation's age, which is the log's clock.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Fault injection for tests only: runs right after positions are reserved and before their commit is
         * inserted, the window in which a writer's death leaves positions that no commit will fill.
         */
        public Builder afterReserving(Runnable fault) {
            this.afterReserving = fault;
            return this;
        }

        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            this.eventSerializer = eventSerializer;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            this.snapshotSerializerSet = true;
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public MongoEventLog build() {
            return new MongoEventLog(this);
        }

        /** The snapshot serializer defaults to the event serializer; duplicates on the keys are conflicts. */
        private Builder withDefaults() {
            if (!snapshotSerializerSet && eventSerializer != null) {
                snapshotSerializer(eventSerializer);
            }
            persistenceExceptionResolver(MongoEventLog::isConcurrencyConflict);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The event log needs a MongoDatabase");
            }
            if (gapTimeout == null || gapTimeout.isNegative()) {
                throw new AxonConfigurationException("The gap timeout must be zero or positive");
            }
            if (afterReserving == null) {
                throw new AxonConfigurationException("The fault after reserving must be a Runnable, if one that "
                                                     + "does nothing");
            }
        }
    }
}
