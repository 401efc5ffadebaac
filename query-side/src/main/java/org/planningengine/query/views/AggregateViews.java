package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.Consumer;

/**
 * A view collection with one document per aggregate, which remembers the sequence number of the last event it
 * applied: a redelivered event (after a restart mid-batch) is recognised and changes nothing. Events of one aggregate
 * reach one processor segment, in order, so read-then-replace is safe.
 * <p>
 * Every state a document takes is also kept, as it was, in {@code <collection>_history} under
 * {@code <id>@<sequence>}, and the document lists its versions with the time of each: the document as of an instant
 * is two key lookups, exactly what it was then. So a document must not hold a list that grows with its events (it
 * would be copied with every later one): such a list belongs in {@link ViewLogs}.
 * <p>
 * In a scenario, a document it has not changed is the plan's version at the fork, with the plan's versions up to
 * then; its first change there copies that one document to the scenario's, and its versions go on there.
 */
public class AggregateViews extends KeyedDocuments {

    public static final String SEQUENCE = "seq";
    public static final String LAST_EVENT_AT = "lastEventAt";
    public static final String VERSIONS = "versions";

    public AggregateViews(MongoDatabase database, String collection) {
        super(database, collection);
    }

    private MongoCollection<Document> history() {
        return ViewScope.collection(database, historyOf(name));
    }

    public static String historyOf(String collection) {
        return collection + "_history";
    }

    /**
     * Applies an event to its aggregate's document (a new one for its first event) unless the document has already
     * applied it. The change may throw: it changes a copy, so the document stays as it was.
     */
    public void apply(String id, long sequence, Instant at, Consumer<Document> change) {
        Document current = find(id).orElse(null);
        if (current != null && current.get(SEQUENCE, Number.class).longValue() >= sequence) {
            return;
        }
        Document next = current != null ? current : new Document("_id", id);
        List<Document> versions = next.containsKey(VERSIONS) ? next.getList(VERSIONS, Document.class)
                                                             : new ArrayList<>();
        next.remove(VERSIONS);
        change.accept(next);
        next.put(SEQUENCE, sequence);
        next.put(LAST_EVENT_AT, ViewTime.format(at));
        Document version = new Document(next).append("_id", versionId(id, sequence));
        ViewWrites.replace(history(), version);
        versions.add(new Document(SEQUENCE, sequence).append("at", ViewTime.format(at)));
        next.put(VERSIONS, versions);
        ViewWrites.replaceLast(collection(), next);
    }

    /**
     * The documents with these ids as they were at the instant, by id; those that did not exist yet are left out.
     * With no instant, as they are now.
     */
    public Map<String, Document> findAll(Collection<String> ids, Instant asOf) {
        Map<String, Document> now = findAll(ids);
        return asOf == null ? now : versionsAt(now.values(), asOf, true);
    }

    /**
     * The versions these documents had at the instant, by id, read from the current scope's history and then,
     * for a scenario, from the plan's, which holds the versions up to the fork.
     */
    private Map<String, Document> versionsAt(Collection<Document> documents, Instant asOf, boolean scoped) {
        String then = ViewTime.format(asOf);
        List<String> versionIds = new ArrayList<>();
        for (Document current : documents) {
            current.getList(VERSIONS, Document.class).stream()
                   .filter(version -> version.getString("at").compareTo(then) <= 0)
                   .reduce((earlier, later) -> later)
                   .ifPresent(version -> versionIds.add(versionId(current.getString("_id"),
                                                                  version.get(SEQUENCE, Number.class).longValue())));
        }
        Map<String, Document> asThen = new LinkedHashMap<>();
        Consumer<Document> each = version -> {
            String versionId = version.getString("_id");
            String id = versionId.substring(0, versionId.lastIndexOf('@'));
            asThen.put(id, version.append("_id", id));
        };
        if (scoped && ViewScope.current().isPresent()) {
            findByIds(history(), versionIds, each);
            versionIds.removeIf(versionId -> asThen.containsKey(versionId.substring(0, versionId.lastIndexOf('@'))));
        }
        findByIds(ViewScope.ofThePlan(this::history), versionIds, each);
        return asThen;
    }

    /** The plan's version at the fork, with the plan's versions up to then: what the scenario starts from. */
    @Override
    protected Map<String, Document> asForked(Collection<String> ids, ViewScope scope) {
        Map<String, Document> now = super.asForked(ids, scope);
        Map<String, Document> forked = versionsAt(now.values(), scope.forkedAt(), false);
        String fork = scope.fork();
        forked.forEach((id, version) -> version.put(VERSIONS, now.get(id).getList(VERSIONS, Document.class).stream()
                .filter(earlier -> earlier.getString("at").compareTo(fork) <= 0).collect(Collectors.toCollection(ArrayList::new))));
        return forked;
    }

    /** Every document as it was at the instant (those that did not exist yet left out); now, with none. */
    public Collection<Document> allAt(Instant asOf) {
        List<Document> now = all();
        return asOf == null ? now : findAll(now.stream().map(doc -> doc.getString("_id")).toList(), asOf).values();
    }

    /**
     * The document as of the instant (now, for none), or a 404 for the read that names it ({@code kind} is what
     * people call it: "cycle", "team").
     */
    public Document require(String kind, String id, Instant asOf) {
        Document found = findAll(List.of(id), asOf).get(id);
        if (found == null) {
            throw new ViewNotFound(kind + " " + id + (asOf == null ? " does not exist" : " did not exist at " + asOf));
        }
        return found;
    }

    @Override
    public void clear() {
        super.clear();
        history().deleteMany(new Document());
    }

    private static String versionId(String id, long sequence) {
        return id + "@" + sequence;
    }
}
