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
import java.time.Instant;

import static org.planningengine.eventlog.CommitDocument.ID;

/**
 * Closes positions that no commit will fill, with a document that holds them and no events: readers step over them at
 * once, and an insert of a commit there fails on the log's unique position key ({@code _id}) whichever comes second.
 * A writer closes the positions of its own failed insert; a reader closes a position it judged abandoned
 * ({@link AbandonedPositions}).
 */
final class Tombstones {

    /** What became of the positions of a commit whose insert failed. */
    enum AfterFailedInsert {
        /** The commit is stored after all: only the answer to its insert failed. */
        LANDED,
        /** The commit is not stored and never will be there: the insert's failure stands. */
        FAILED,
        /** A reader had closed the positions as abandoned: the commit belongs at new positions. */
        MOVE
    }

    /** What became of a position a reader judged abandoned. */
    enum Closing {
        /** This reader's tombstone holds it. */
        CLOSED,
        /** Another reader's tombstone held it already. */
        CLOSED_ELSEWHERE,
        /** A commit took it first: it was late, not abandoned. */
        FILLED,
        /** Nothing could be written; the position stays open until the next try. */
        NOT_CLOSED
    }

    private static final Logger log = LoggerFactory.getLogger(Tombstones.class);

    private final MongoCollection<Document> commits;
    private final Clock clock;

    Tombstones(MongoCollection<Document> commits, Clock clock) {
        this.commits = commits;
        this.clock = clock;
    }

    /**
     * After a failed insert, takes the commit's positions with a tombstone. If that succeeds the commit can never
     * land, and readers skip its positions at once. If the positions already hold this very commit (same event ids),
     * the failure was only in the answer. If they hold a reader's tombstone, the writer was slower than the gap
     * timeout and its commit must be appended again at new positions.
     */
    AfterFailedInsert afterFailedInsert(Document commit, MongoException insertFailure) {
        long first = CommitDocument.first(commit);
        long last = CommitDocument.last(commit);
        try {
            commits.insertOne(CommitDocument.tombstone(first, last, clock.instant(), CommitDocument.FAILED));
            return AfterFailedInsert.FAILED;
        } catch (MongoException e) {
            if (!isDuplicate(e)) {
                log.warn("Could not tombstone positions {}..{}; readers close them once the gap timeout has passed",
                         first, last, e);
                return AfterFailedInsert.FAILED;
            }
            Document stored = commits.find(Filters.eq(ID, first)).first();
            if (stored != null && CommitDocument.sameEvents(stored, commit)) {
                log.info("Commit at positions {}..{} was stored although its insert reported: {}",
                         first, last, insertFailure.getMessage());
                return AfterFailedInsert.LANDED;
            }
            if (stored != null && CommitDocument.isTombstone(stored)) {
                return AfterFailedInsert.MOVE;
            }
            log.error("Positions {}..{} hold another commit: positions were handed out twice", first, last);
            return AfterFailedInsert.FAILED;
        }
    }

    /** Closes one position a reader judged abandoned, as of the server's time {@code at}. */
    Closing closeAbandoned(long position, Instant at) {
        try {
            commits.insertOne(CommitDocument.tombstone(position, position, at, CommitDocument.ABANDONED));
            return Closing.CLOSED;
        } catch (MongoException e) {
            if (!isDuplicate(e)) {
                log.warn("Could not close the abandoned position {}; tried again at the next read", position, e);
                return Closing.NOT_CLOSED;
            }
            Document stored = commits.find(Filters.eq(ID, position)).first();
            return stored != null && CommitDocument.isTombstone(stored) ? Closing.CLOSED_ELSEWHERE : Closing.FILLED;
        }
    }

    private static boolean isDuplicate(MongoException e) {
        return e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
