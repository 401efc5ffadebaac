package org.planningengine.eventlog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.bson.Document;

/**
 * Where the events of the commits this log appended lately are, so that a write answers its consistency token
 * without looking its own commit up again. A committed event never moves, so what is remembered is never stale;
 * what another node appended, or what was forgotten, is looked up.
 */
final class RecentCommits {

    /** Events remembered: enough for every write in flight, each answered just after its commit. */
    static final int REMEMBERED = 4096;

    private final Map<String, Long> positions = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Called once the commit is in the log. */
    synchronized void remember(Document commit) {
        List<Document> events = CommitDocument.events(commit);
        long first = CommitDocument.first(commit);
        for (int i = 0; i < events.size(); i++) {
            Document event = events.get(i);
            if (CommitDocument.isDomainEvent(event)) {
                positions.put(CommitDocument.key(CommitDocument.aggregateId(event), CommitDocument.sequence(event)),
                              first + i);
            }
        }
    }

    synchronized OptionalLong positionOf(String aggregateIdentifier, long sequenceNumber) {
        Long position = positions.get(CommitDocument.key(aggregateIdentifier, sequenceNumber));
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
