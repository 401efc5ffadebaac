package org.planningengine.query.views;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists that only grow with an aggregate's events (a key result's check-ins, an objective's reviews), kept beside
 * the aggregate's document in {@link AggregateViews} rather than inside it: one document per list,
 * {@code {_id, entries: [{seq, ...}, ...]}}. Every version of an aggregate's document is stored whole, so a list
 * inside it would be copied again with every later event, and storage would grow with the square of the events; here
 * each entry is stored once and needs no history.
 * <p>
 * Each entry carries the sequence number of the event that added it, so the list as a version of the aggregate's
 * document knew it is the entries up to that version's sequence number ({@link #upTo}): as-of reads stay exact.
 * A list takes entries from one aggregate only, whose events reach one segment in order, so entries stay in the
 * order of the events.
 */
public class ViewLogs extends KeyedDocuments {

    public static final String ENTRIES = "entries";

    public ViewLogs(MongoDatabase database, String collection) {
        super(database, collection);
    }

    /** A scenario's list it has not changed yet is the plan's entries up to the fork, by the time each has. */
    @Override
    protected Map<String, Document> asForked(Collection<String> ids, ViewScope scope) {
        Map<String, Document> forked = super.asForked(ids, scope);
        String fork = scope.fork();
        forked.values().forEach(list -> list.put(ENTRIES, list.getList(ENTRIES, Document.class).stream()
                .filter(entry -> entry.getString("at").compareTo(fork) <= 0).collect(Collectors.toCollection(ArrayList::new))));
        return forked;
    }

    /**
     * Appends the entry of the aggregate's event at this sequence number, unless the list has it already. Call it
     * from the change given to {@link AggregateViews#apply}, after what the change looks up: the entry is then stored
     * before the document's new version (a read takes the entries up to the document's version, so it never misses
     * one), and an event the change fails on adds nothing either (set aside as poison, a replay would skip it).
     */
    public void append(String id, long sequence, Document entry) {
        Document stamped = new Document(AggregateViews.SEQUENCE, sequence);
        stamped.putAll(entry);
        // A redelivered event makes the same entry (it is built from the event alone, with the event's sequence
        // number), which the set operator finds there: no condition on the list, so its key alone finds it.
        if (ViewScope.current().isPresent() && collection().find(Filters.eq("_id", id)).first() == null) {
            find(id).ifPresent(list -> collection().insertOne(list)); // the plan's entries up to the fork first
        }
        ViewWrites.upsert(collection(), id, Updates.addToSet(ENTRIES, stamped));
    }

    /**
     * The entries of a list (null for none yet) that a version of its aggregate's document had: those of the events
     * up to the version's sequence number.
     */
    public static List<Document> upTo(Document list, Document aggregate) {
        if (list == null) {
            return List.of();
        }
        long sequence = aggregate.get(AggregateViews.SEQUENCE, Number.class).longValue();
        return list.getList(ENTRIES, Document.class).stream()
                   .filter(entry -> entry.get(AggregateViews.SEQUENCE, Number.class).longValue() <= sequence)
                   .toList();
    }
}
