package org.planningengine.eventlog;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

import static org.planningengine.eventlog.CommitDocument.ID;

/** Closes the positions of a commit whose insert failed, so that readers skip them at once instead of waiting. */
final class Tombstones {

    private static final Logger log = LoggerFactory.getLogger(Tombstones.class);

    private final MongoCollection<Document> commits;
    private final Clock clock;

    Tombstones(MongoCollection<Document> commits, Clock clock) {
        this.commits = commits;
        this.clock = clock;
    }

    /**
     * After a failed insert, takes the commit's positions with a tombstone. If that succeeds the commit can never
     * land, and readers skip its positions at once. If the positions already hold this very commit, the failure was
     * only in the answer: the append succeeded after all, and this answers true.
     */
    boolean commitLandedAfterAll(Document commit, MongoException insertFailure) {
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
}
