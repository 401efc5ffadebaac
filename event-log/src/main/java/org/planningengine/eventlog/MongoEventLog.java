package org.planningengine.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
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
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.planningengine.events.EventMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.planningengine.eventlog.CommitDocument.ID;

/**
 * Axon event storage engine on the MongoDB driver that gives every event a global position and tracks with Axon's
 * {@link GapAwareTrackingToken}, the way Axon's JDBC engine does, instead of by wall-clock time.
 * <ul>
 *     <li>A commit (the events of one unit of work) is one document, so it becomes visible all at once.</li>
 *     <li>Positions come from a counter document ({@code findOneAndUpdate $inc}) just before the insert. A commit
 *     whose insert becomes visible late leaves a gap in readers' tokens; readers keep looking for it until it appears
 *     or the gap timeout passes, so nothing is skipped because it was slow.</li>
 *     <li>A unique index on every event's {@code aggregateId:sequence} gives optimistic concurrency; a commit that
 *     fails leaves a tombstone on its positions, so readers do not wait for it.</li>
 *     <li>Every read on the hot paths is a lookup by unique key ({@code _id $in} positions for tracking,
 *     {@code keys $in} for loading an aggregate), which stays fast on mongo-java-server as on MongoDB.</li>
 * </ul>
 * See {@code docs/decisions/0001-event-log.md}.
 */
public class MongoEventLog extends BatchingEventStorageEngine {

    public static final String EVENTS_COLLECTION = "events";
    public static final String SNAPSHOTS_COLLECTION = "snapshots";
    public static final String SEQUENCE_COLLECTION = "event_sequence";
    static final String KEYS_INDEX = "aggregate_sequence";
    private static final String POSITION_COUNTER = "position";
    private static final String COUNTER_VALUE = "allocated";
    private static final int KEEP_EVERY_GAP = Integer.MAX_VALUE;
    /** How many positions before one {@link #timestampAt} looks up by key for the commit holding it. */
    private static final int TIMESTAMP_WINDOW = 32;
    private static final Bson ONLY_SEQUENCES = Projections.include(CommitDocument.EVENTS + ".aggregateId",
                                                                   CommitDocument.EVENTS + ".seq");

    private static final Logger log = LoggerFactory.getLogger(MongoEventLog.class);
    private static final ObjectMapper METADATA_READER = new ObjectMapper();

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> sequence;
    private final GapTimeouts gapTimeouts;
    private final Clock clock;

    protected MongoEventLog(Builder builder) {
        super(builder.withDefaults());
        this.commits = builder.database.getCollection(EVENTS_COLLECTION);
        this.snapshots = builder.database.getCollection(SNAPSHOTS_COLLECTION);
        this.sequence = builder.database.getCollection(SEQUENCE_COLLECTION);
        this.clock = builder.clock;
        this.gapTimeouts = new GapTimeouts(builder.gapTimeout, builder.meterRegistry);
        commits.createIndex(Indexes.ascending(CommitDocument.KEYS), new IndexOptions().unique(true).name(KEYS_INDEX));
        ensureCounter();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- appending ----

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        long last = allocatePositions(events.size());
        long first = last - events.size() + 1;
        Document commit = CommitDocument.commit(first, last, clock.instant(), events, serializer);
        try {
            insertCommit(commit);
        } catch (MongoException insertFailure) {
            if (tombstoneShowsCommitLanded(commit, insertFailure)) {
                return;
            }
            handlePersistenceException(insertFailure, firstDomainEventOrFirst(events));
        }
    }

    /** Inserts one commit document; the single write that makes a commit visible. */
    protected void insertCommit(Document commit) {
        commits.insertOne(commit);
    }

    /**
     * Takes {@code count} positions and answers the last. The document before the increment is asked for:
     * mongo-java-server answers the document after it by reference, and a concurrent increment can change it
     * before the answer is sent, handing out a position twice.
     */
    private long allocatePositions(int count) {
        Document before = sequence.findOneAndUpdate(Filters.eq(ID, POSITION_COUNTER),
                                                    Updates.inc(COUNTER_VALUE, (long) count),
                                                    new FindOneAndUpdateOptions()
                                                            .returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            throw new EventStoreException("The event position counter is missing from " + SEQUENCE_COLLECTION);
        }
        return before.get(COUNTER_VALUE, Number.class).longValue() + count - 1;
    }

    /**
     * After a failed insert, takes the commit's positions with a tombstone. If that succeeds the commit can never
     * land, and readers skip its positions at once. If the positions already hold this very commit, the failure was
     * only in the answer: the append succeeded after all.
     */
    private boolean tombstoneShowsCommitLanded(Document commit, MongoException insertFailure) {
        long first = CommitDocument.first(commit);
        long last = CommitDocument.last(commit);
        try {
            commits.insertOne(CommitDocument.tombstone(first, last, clock.instant()));
            return false;
        } catch (MongoException e) {
            boolean positionsTaken = e instanceof MongoWriteException write
                    && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
            if (positionsTaken) {
                Document stored = commits.find(Filters.eq(ID, first)).first();
                if (stored != null && CommitDocument.sameEvents(stored, commit)) {
                    log.info("Commit at positions {}..{} was stored although its insert reported: {}",
                             first, last, insertFailure.getMessage());
                    return true;
                }
                log.error("Positions {}..{} hold another commit: positions were handed out twice", first, last);
                return false;
            }
            log.warn("Could not tombstone positions {}..{}; readers wait for them until the gap timeout",
                     first, last, e);
            return false;
        }
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

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = CommitDocument.event(snapshot, serializer);
        document.put(ID, snapshot.getAggregateIdentifier());
        try {
            snapshots.replaceOne(Filters.eq(ID, snapshot.getAggregateIdentifier()), document,
                                 new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            handlePersistenceException(e, snapshot);
        }
    }

    // ---- loading an aggregate ----

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> batch = new ArrayList<>();
        for (Document commit : commitsHolding(aggregateIdentifier, firstSequenceNumber, batchSize, null)) {
            for (Document event : CommitDocument.events(commit)) {
                if (aggregateIdentifier.equals(CommitDocument.aggregateId(event))
                        && CommitDocument.sequence(event) >= firstSequenceNumber) {
                    batch.add(CommitDocument.domainEntry(event));
                }
            }
        }
        batch.sort(Comparator.comparingLong(DomainEventData::getSequenceNumber));
        return batch;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq(ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(CommitDocument.domainEntry(snapshot));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Long last = null;
        long next = 0;
        boolean found = true;
        while (found) {
            found = false;
            for (Document commit : commitsHolding(aggregateIdentifier, next, batchSize(), ONLY_SEQUENCES)) {
                for (Document event : CommitDocument.events(commit)) {
                    if (aggregateIdentifier.equals(CommitDocument.aggregateId(event))) {
                        long sequence = CommitDocument.sequence(event);
                        last = last == null ? sequence : Math.max(last, sequence);
                        found = true;
                    }
                }
            }
            next = last == null ? next : last + 1;
        }
        return Optional.ofNullable(last);
    }

    /**
     * The global position of one event of an aggregate, found by its unique key; empty when it was never stored. A
     * write answers it as its consistency token: a view that has processed this position reflects the write.
     */
    public OptionalLong positionOf(String aggregateIdentifier, long sequenceNumber) {
        Document commit = commits.find(Filters.eq(CommitDocument.KEYS,
                                                  CommitDocument.key(aggregateIdentifier, sequenceNumber)))
                                 .projection(ONLY_SEQUENCES).first();
        if (commit == null) {
            return OptionalLong.empty();
        }
        List<Document> events = CommitDocument.events(commit);
        for (int i = 0; i < events.size(); i++) {
            if (aggregateIdentifier.equals(CommitDocument.aggregateId(events.get(i)))
                && CommitDocument.sequence(events.get(i)) == sequenceNumber) {
                return OptionalLong.of(CommitDocument.first(commit) + i);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The time of the event at this global position, or of the latest one before it when the position holds none (a
     * gap given up, an empty commit); empty before the first event. A key lookup of the commits around the position;
     * only a commit of more events than that window is found by a range query.
     */
    public Optional<Instant> timestampAt(long position) {
        if (position < 0) {
            return Optional.empty();
        }
        long from = Math.max(0, position - TIMESTAMP_WINDOW + 1);
        TreeMap<Long, Document> found = new TreeMap<>();
        collect(LongStream.rangeClosed(from, position).boxed().toList(), found);
        Map.Entry<Long, Document> floor = found.floorEntry(position);
        Document commit = floor != null ? floor.getValue()
                                        : commits.find(Filters.lte(ID, position)).sort(Sorts.descending(ID)).limit(1)
                                                 .first();
        if (commit == null) {
            return Optional.empty();
        }
        List<Document> events = CommitDocument.events(commit);
        if (events.isEmpty()) {
            return timestampAt(CommitDocument.first(commit) - 1);
        }
        int offset = (int) Math.min(position - CommitDocument.first(commit), events.size() - 1);
        return Optional.of(CommitDocument.timestampOf(events.get(offset)));
    }

    /** What a write under an idempotency key answered, kept in its events' metadata. */
    public record StoredAnswer(String requestDigest, String id, long version, long position) {
    }

    /**
     * The answer of the write that committed under this idempotency key, found by its unique key; empty when none
     * did (or when the write appended nothing).
     */
    public Optional<StoredAnswer> answerFor(String idempotencyKey) {
        Document commit = commits.find(Filters.eq(CommitDocument.KEYS, CommitDocument.idempotencyKey(idempotencyKey)))
                                 .first();
        if (commit == null) {
            return Optional.empty();
        }
        List<Document> events = CommitDocument.events(commit);
        Map<String, Object> metaData = metaData(events.get(0));
        String answerAggregate = (String) metaData.get(EventMetadata.ANSWER_AGGREGATE);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (answerAggregate != null && answerAggregate.equals(CommitDocument.aggregateId(events.get(i)))) {
                return Optional.of(new StoredAnswer((String) metaData.get(EventMetadata.REQUEST_DIGEST),
                                                    (String) metaData.get(EventMetadata.ANSWER_ID),
                                                    CommitDocument.sequence(events.get(i)),
                                                    CommitDocument.first(commit) + i));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> metaData(Document event) {
        try {
            return METADATA_READER.readValue(event.getString("metaData"), new TypeReference<>() {
            });
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("the metadata of event " + event.getString("id") + " is not JSON",
                                            unreadable);
        }
    }

    /**
     * The commits holding any of the aggregate's events from the sequence number on, each once: mongo-java-server
     * answers a document once per key it matches.
     */
    private Collection<Document> commitsHolding(String aggregateIdentifier, long firstSequenceNumber, int count,
                                                Bson projection) {
        List<String> keys = LongStream.range(firstSequenceNumber, firstSequenceNumber + count)
                                      .mapToObj(sequence -> CommitDocument.key(aggregateIdentifier, sequence))
                                      .toList();
        Map<Object, Document> byPosition = new LinkedHashMap<>();
        commits.find(Filters.in(CommitDocument.KEYS, keys)).projection(projection)
               .forEach(commit -> byPosition.put(commit.get(ID), commit));
        return byPosition.values();
    }

    // ---- tracking ----

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken start = gapAware(lastToken);
        TreeMap<Long, Document> found = new TreeMap<>();
        Collection<Long> lookup = new TreeSet<>(start.getGaps());
        long windowStart = start.getIndex() + 1;
        lookup.addAll(window(windowStart, batchSize));
        collect(lookup, found);
        // A window holding no events (positions of failed or crashed commits) is skipped, up to the last allocated.
        Long lastAllocated = null;
        while (!hasEventsFrom(found, windowStart)) {
            if (lastAllocated == null) {
                lastAllocated = lastAllocatedPosition();
            }
            windowStart += batchSize;
            if (windowStart > lastAllocated) {
                break;
            }
            collect(window(windowStart, batchSize), found);
        }
        return trackedEvents(start, found);
    }

    private List<TrackedEventData<?>> trackedEvents(GapAwareTrackingToken start, TreeMap<Long, Document> found) {
        GapAwareTrackingToken token = start;
        Instant now = clock.instant();
        for (long gap : start.getGaps()) {
            if (!isCovered(found, gap) && gapTimeouts.givesUp(gap, now)) {
                token = token.advanceTo(gap, KEEP_EVERY_GAP);
            }
        }
        List<TrackedEventData<?>> batch = new ArrayList<>();
        for (Document commit : found.values()) {
            long first = CommitDocument.first(commit);
            long last = CommitDocument.last(commit);
            List<Document> events = CommitDocument.events(commit);
            for (long position = first; position <= last; position++) {
                if (position <= start.getIndex() && !start.getGaps().contains(position)) {
                    continue;
                }
                token = token.advanceTo(position, KEEP_EVERY_GAP);
                int offset = (int) (position - first);
                if (offset < events.size()) {
                    batch.add(CommitDocument.trackedEntry(events.get(offset), token));
                }
            }
            gapTimeouts.filled(first, last);
        }
        return batch;
    }

    private void collect(Collection<Long> positions, TreeMap<Long, Document> found) {
        for (Document commit : commits.find(Filters.in(ID, positions))) {
            found.put(CommitDocument.first(commit), commit);
        }
    }

    private static boolean hasEventsFrom(TreeMap<Long, Document> found, long position) {
        return found.tailMap(position, true).values().stream()
                    .anyMatch(commit -> !CommitDocument.events(commit).isEmpty());
    }

    private static boolean isCovered(TreeMap<Long, Document> found, long position) {
        var floor = found.floorEntry(position);
        return floor != null && CommitDocument.last(floor.getValue()) >= position;
    }

    private static List<Long> window(long from, int size) {
        return LongStream.range(from, from + size).boxed().toList();
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(-1, List.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("The event log tracks with GapAwareTrackingToken, not " + token);
    }

    private long lastAllocatedPosition() {
        Document counter = sequence.find(Filters.eq(ID, POSITION_COUNTER)).first();
        return counter == null ? -1 : counter.get(COUNTER_VALUE, Number.class).longValue() - 1;
    }

    /**
     * Creates the position counter before any writer needs it, or raises it, to after the highest position stored: a
     * log restored without it, or a crash that kept a commit but lost the counter's last increment (two documents,
     * no transaction), must neither hand a taken position out again nor hide that commit from readers, who read up
     * to the counter. Commits hold disjoint ranges of positions, so the one with the highest first position holds
     * the highest: found on the primary key's index on MongoDB.
     */
    private void ensureCounter() {
        Document highest = commits.find().sort(Sorts.descending(ID)).limit(1).first();
        long allocated = highest == null ? 0 : CommitDocument.last(highest) + 1;
        Document counter = sequence.find(Filters.eq(ID, POSITION_COUNTER)).first();
        if (counter != null && counter.get(COUNTER_VALUE, Number.class).longValue() < allocated) {
            log.warn("The position counter was behind the log ({} < {}), as after a crash; raised",
                     counter.get(COUNTER_VALUE), allocated);
        }
        sequence.updateOne(Filters.eq(ID, POSITION_COUNTER), Updates.max(COUNTER_VALUE, allocated),
                           new UpdateOptions().upsert(true));
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * The last allocated position, with the positions near it that are not visible yet as gaps: a commit in flight
     * while the token is made is still delivered.
     */
    @Override
    public TrackingToken createHeadToken() {
        long head = lastAllocatedPosition();
        if (head < 0) {
            return null;
        }
        long from = Math.max(0, head - batchSize() + 1);
        TreeMap<Long, Document> found = new TreeMap<>();
        // Look one batch further back, for a commit that starts before the window and reaches into it.
        collect(window(Math.max(0, from - batchSize()), (int) (head - Math.max(0, from - batchSize()) + 1)), found);
        SortedSet<Long> gaps = new TreeSet<>();
        for (long position = from; position < head; position++) {
            if (!isCovered(found, position)) {
                gaps.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    /** A token before the first commit holding an event stamped at or after the instant (a scan; used rarely). */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = commits.find(Filters.gte(CommitDocument.EVENT_TIMESTAMP, CommitDocument.timestamp(dateTime)))
                                .sort(Sorts.ascending(ID))
                                .limit(1)
                                .first();
        if (first == null) {
            return createHeadToken();
        }
        return GapAwareTrackingToken.newInstance(CommitDocument.first(first) - 1, List.of());
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
        private Serializer eventSerializer;
        private boolean snapshotSerializerSet;

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** How long readers wait for a position they passed before giving it up. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** The readers' clock for gap timeouts. */
        public Builder clock(Clock clock) {
            this.clock = clock;
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
        }
    }
}
