package org.planningengine.eventlog;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events of one branch, in collections of its own ({@code branch.<id>.events} and its position counter), in the
 * log's shape ({@link CommitDocument}) with the log's unique key on {@code aggregateId:sequence}: two writes that
 * race on a branch's aggregate conflict as they do on the log.
 * <p>
 * A branch's commits are few and read in order by its views: its appends hold a lock of this engine from reserving
 * their positions to inserting, so a reader of this engine never finds a later commit before an earlier one, and a
 * failed insert leaves a tombstone, so no position stays empty.
 */
final class BranchLog {

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> sequence;
    private final PositionCounter positions;
    private final AggregateStreams streams;
    private final ReentrantLock appending = new ReentrantLock();

    BranchLog(MongoDatabase database, String branchId) {
        String prefix = "branch." + branchId + ".";
        this.commits = database.getCollection(prefix + "events");
        commits.createIndex(Indexes.ascending(CommitDocument.KEYS),
                            new IndexOptions().unique(true).name(MongoEventLog.KEYS_INDEX));
        this.sequence = database.getCollection(prefix + "sequence");
        this.positions = new PositionCounter(sequence, commits);
        this.streams = new AggregateStreams(commits);
    }

    AggregateStreams streams() {
        return streams;
    }

    void append(List<? extends EventMessage<?>> events, Serializer serializer, Instant committedAt) {
        appending.lock();
        try {
            long last = positions.allocate(events.size());
            long first = last - events.size() + 1;
            try {
                commits.insertOne(CommitDocument.commit(first, last, committedAt, events, serializer));
            } catch (MongoException insertFailure) {
                commits.insertOne(CommitDocument.tombstone(first, last, committedAt, CommitDocument.FAILED));
                throw insertFailure;
            }
        } finally {
            appending.unlock();
        }
    }

    void drop() {
        commits.drop();
        sequence.drop();
    }

    /**
     * The commits holding positions after this one, in order (a scan of the branch's own collection, which stays
     * short).
     */
    List<Document> commitsAfter(long position) {
        return commits.find(Filters.gt(CommitDocument.LAST, position)).sort(Sorts.ascending(CommitDocument.ID))
                      .into(new ArrayList<>());
    }
}
