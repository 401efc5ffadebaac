package org.planningengine.query.views;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The view writes of the batch of events a processor is handling, held and sent together: one bulk write per
 * collection instead of a command per write (a replayed event took four round trips, most of the replay's time).
 * <p>
 * When a write becomes visible to a reader outside the unit of work that made it (a read of the API, another
 * replica):
 * <ul>
 * <li>In a batch of the processor (a {@link BatchingUnitOfWork}, the processor having the
 * {@link #SENT_AFTER_EACH_BATCH} interceptor): once the batch's last event has been handled. Until then a reader
 * elsewhere finds none of the batch's writes. The interceptor sends them all as the last event leaves it, before the
 * processor stores its token (in the unit of work's prepare-commit), so the token never passes writes that were not
 * made. They are sent collection by collection, and documents that point at other writes (a document at its
 * versions, at its list's entries) go last, so that a reader never finds a pointer before what it points at. One
 * exception: a read in the batch of a collection the batch holds updates for (a set's, a list's) sends every write
 * held so far first ({@link #written}); no projection reads such a collection while it handles an event.</li>
 * <li>In another unit of work (a dead letter retried on its own): as it commits.</li>
 * <li>Outside any unit of work (a test calling a projection), or in one already committing: each at once.</li>
 * </ul>
 * Reads of the batch's own documents by key ({@link KeyedDocuments}) answer what the batch wrote before anyone else
 * can see it, so an aggregate's second event in a batch sees its first. A batch that fails before its writes are sent
 * leaves nothing; one that fails while sending them, or before its token is stored, is handled again, which every
 * view write allows (each is idempotent). {@code ViewWritesTest} shows each of these moments step by step.
 */
public final class ViewWrites {

    private static final String RESOURCE = ViewWrites.class.getName();

    /** Ends each batch of the processor it is registered with by sending the batch's writes. */
    public static final MessageHandlerInterceptor<EventMessage<?>> SENT_AFTER_EACH_BATCH = (unitOfWork, chain) -> {
        Object result = chain.proceed();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()
            && batch.root().getResource(RESOURCE) instanceof ViewWrites writes) {
            writes.send();
        }
        return result;
    };

    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPDATE_UPSERT = new UpdateOptions().upsert(true);

    private final Map<MongoNamespace, Writes> first = new LinkedHashMap<>();
    private final Map<MongoNamespace, Writes> last = new LinkedHashMap<>();

    /** The writes of the batch this thread is handling; empty outside one. */
    static Optional<ViewWrites> current() {
        return CurrentUnitOfWork.isStarted() ? ofBatch(CurrentUnitOfWork.get().root()) : Optional.empty();
    }

    private static Optional<ViewWrites> ofBatch(UnitOfWork<?> root) {
        if (root.phase() != UnitOfWork.Phase.STARTED) {
            return Optional.empty();
        }
        // In a unit of work that is not a processor's batch (no interceptor ends it), its commit sends them.
        return Optional.of(root.getOrComputeResource(RESOURCE, key -> {
            ViewWrites writes = new ViewWrites();
            root.onPrepareCommit(committing -> writes.send());
            return writes;
        }));
    }

    /** Replaces (or inserts) the document with its id; only the last replacement of a batch is sent. */
    public static void replace(MongoCollection<Document> collection, Document document) {
        replace(collection, document, false);
    }

    /** As {@link #replace}, sent after every other write of the batch: the document points at them. */
    public static void replaceLast(MongoCollection<Document> collection, Document document) {
        replace(collection, document, true);
    }

    private static void replace(MongoCollection<Document> collection, Document document, boolean last) {
        current().ifPresentOrElse(
                writes -> writes.writes(last ? writes.last : writes.first, collection).replace(document),
                () -> collection.replaceOne(byId(document.get("_id")), document, REPLACE_UPSERT));
    }

    /** Updates the document with this id (creating it first if there is none); in order with the others. */
    public static void upsert(MongoCollection<Document> collection, Object id, Bson update) {
        current().ifPresentOrElse(
                writes -> writes.writes(writes.first, collection).updates.add(
                        new UpdateOneModel<>(byId(id), update, UPDATE_UPSERT)),
                () -> collection.updateOne(byId(id), update, UPDATE_UPSERT));
    }

    /**
     * The document with this id as the batch wrote it (a copy: the caller may change it), if the batch replaced it;
     * any update the batch holds for the collection is sent first, so that a read of it finds what it changed.
     */
    Optional<Document> written(MongoCollection<Document> collection, Object id) {
        MongoNamespace namespace = collection.getNamespace();
        Writes writes = first.containsKey(namespace) ? first.get(namespace) : last.get(namespace);
        if (writes == null) {
            return Optional.empty();
        }
        if (!writes.updates.isEmpty()) {
            send();
            return Optional.empty();
        }
        return Optional.ofNullable(writes.replacements.get(id)).map(written -> written.decode(writes.codec));
    }

    private Writes writes(Map<MongoNamespace, Writes> stage, MongoCollection<Document> collection) {
        return stage.computeIfAbsent(collection.getNamespace(), namespace -> new Writes(collection));
    }

    private void send() {
        List<Writes> all = new ArrayList<>(first.values());
        all.addAll(last.values());
        first.clear();
        last.clear();
        all.forEach(Writes::send);
    }

    private static Bson byId(Object id) {
        return Filters.eq("_id", id);
    }

    /**
     * A collection's writes in a batch: replacements by id (the last one counts), or updates in order. Replacements
     * are held encoded, as they will be sent: a later change to the document does not reach them, and a read of one
     * decodes a copy.
     */
    private static final class Writes {

        private final MongoCollection<RawBsonDocument> collection;
        private final Codec<Document> codec;
        private final Map<Object, RawBsonDocument> replacements = new LinkedHashMap<>();
        private final List<WriteModel<RawBsonDocument>> updates = new ArrayList<>();

        Writes(MongoCollection<Document> collection) {
            this.collection = collection.withDocumentClass(RawBsonDocument.class);
            this.codec = collection.getCodecRegistry().get(Document.class);
        }

        void replace(Document document) {
            replacements.put(document.get("_id"), new RawBsonDocument(document, codec));
        }

        void send() {
            List<WriteModel<RawBsonDocument>> models = new ArrayList<>(updates);
            replacements.forEach((id, document) -> models.add(new ReplaceOneModel<>(byId(id), document, REPLACE_UPSERT)));
            if (!models.isEmpty()) {
                collection.bulkWrite(models);
            }
        }
    }
}
