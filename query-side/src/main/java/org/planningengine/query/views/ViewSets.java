package org.planningengine.query.views;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Named sets of ids (the initiatives on a cycle's roadmap, the teams with a plan in a cycle), one document each,
 * changed only by operations that are idempotent on their own: adding what is there or removing what is not changes
 * nothing. Events of different aggregates may change one set at once. When a set changed is told by its members'
 * documents, never by the set.
 */
public class ViewSets extends KeyedDocuments {

    public static final String MEMBERS = "members";
    /** Every id the set ever held: who belonged at a past instant is told by their own documents then. */
    public static final String EVER = "ever";

    public ViewSets(MongoDatabase database, String collection) {
        super(database, collection);
    }

    public void add(String setId, String member) {
        copiedForAScenario(setId);
        ViewWrites.upsert(collection(), setId,
                          Updates.combine(Updates.addToSet(MEMBERS, member), Updates.addToSet(EVER, member)));
    }

    public void remove(String setId, String member) {
        copiedForAScenario(setId);
        ViewWrites.upsert(collection(), setId, Updates.pull(MEMBERS, member));
    }

    /**
     * A scenario reads every set as of an instant, by the members' own documents then; so the plan's set it has not
     * changed yet counts every id it ever held as a member (a superset, checked against those documents), and its
     * first change copies that.
     */
    @Override
    protected Map<String, Document> asForked(Collection<String> ids, ViewScope scope) {
        Map<String, Document> forked = super.asForked(ids, scope);
        forked.values().forEach(set -> set.put(MEMBERS, set.getList(EVER, String.class, List.of())));
        return forked;
    }

    private void copiedForAScenario(String setId) {
        if (ViewScope.current().isPresent() && collection().find(Filters.eq("_id", setId)).first() == null) {
            find(setId).ifPresent(set -> collection().insertOne(set));
        }
    }

    public static List<String> members(Document set) {
        return set.getList(MEMBERS, String.class, List.of());
    }

    /** The members now, or, for a past instant, every id that was ever one (to be checked against their documents). */
    public static List<String> members(Document set, Instant asOf) {
        return asOf == null ? members(set) : set.getList(EVER, String.class, List.of());
    }
}
