package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.List;

/**
 * Lists that only grow with an aggregate's events (a key result's check-ins, an objective's reviews), kept beside
 * the aggregate's document in {@link AggregateViews} rather than inside it: one document per list,
 * {@code {_id, seq, entries: [{seq, ...}, ...]}}. Every version of an aggregate's document is stored whole, so a list
 * inside it would be copied again with every later event, and storage would grow with the square of the events; here
 * each entry is stored once and needs no history.
 * <p>
 * Each entry carries the sequence number of the event that added it, so the list as a version of the aggregate's
 * document knew it is the entries up to that version's sequence number ({@link #upTo}): as-of reads stay exact.
 * A list takes entries from one aggregate only, whose events reach one segment in order, so the last sequence
 * number it applied (its {@code seq}) recognises a redelivered event, as in {@link AggregateViews}.
 */
public class ViewLogs extends KeyedDocuments {

    public static final String ENTRIES = "entries";

    public ViewLogs(MongoCollection<Document> collection) {
        super(collection);
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
        // One write: the list matches only while behind this event, and a list already past it refuses the
        // upsert's insert under the same id.
        ViewWrites.update(collection, new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", id), Filters.lt(AggregateViews.SEQUENCE, sequence)),
                Updates.combine(Updates.set(AggregateViews.SEQUENCE, sequence), Updates.push(ENTRIES, stamped)),
                new UpdateOptions().upsert(true)), true);
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
