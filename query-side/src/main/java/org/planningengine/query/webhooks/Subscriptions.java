package org.planningengine.query.webhooks;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@code webhooks}: the subscriptions, each with its cursor (the feed position of the last event it has delivered
 * or passed over) and the lease of the node delivering it. The cursor moves only after a delivery succeeded, and
 * only for the node that holds the lease: two nodes never deliver one subscription at once, and a node that lost its
 * lease cannot move a cursor the next one already moved.
 */
final class Subscriptions {

    static final String COLLECTION = "webhooks";

    enum Status { ACTIVE, PAUSED }

    /** A subscription as stored; its secret never leaves the engine but in signatures. */
    record Subscription(String id, String url, List<String> types, String cycleId, String teamId, String secret,
                        Status status, String pausedReason, Long cursor, String createdBy, Instant createdAt,
                        String updatedBy, Instant updatedAt) {

        static Subscription of(Document document) {
            return new Subscription(document.getString("_id"), document.getString("url"),
                                    document.getList("types", String.class), document.getString("cycleId"),
                                    document.getString("teamId"), document.getString("secret"),
                                    Status.valueOf(document.getString("status")), document.getString("pausedReason"),
                                    document.get("cursor") == null ? null : document.get("cursor", Number.class)
                                                                                    .longValue(),
                                    document.getString("createdBy"), instant(document, "createdAt"),
                                    document.getString("updatedBy"), instant(document, "updatedAt"));
        }
    }

    /** An id taken by another subscription. */
    static final class IdTaken extends RuntimeException {
        IdTaken(String id) {
            super("a webhook " + id + " exists already");
        }
    }

    private final MongoCollection<Document> subscriptions;

    Subscriptions(MongoDatabase database) {
        this.subscriptions = database.getCollection(COLLECTION);
    }

    void create(Subscription subscription) {
        try {
            subscriptions.insertOne(new Document("_id", subscription.id()).append("url", subscription.url())
                    .append("types", subscription.types()).append("cycleId", subscription.cycleId())
                    .append("teamId", subscription.teamId()).append("secret", subscription.secret())
                    .append("status", subscription.status().name()).append("pausedReason", null)
                    .append("cursor", subscription.cursor()).append("createdBy", subscription.createdBy())
                    .append("createdAt", Date.from(subscription.createdAt()))
                    .append("updatedBy", subscription.updatedBy())
                    .append("updatedAt", Date.from(subscription.updatedAt())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new IdTaken(subscription.id());
            }
            throw e;
        }
    }

    Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(Filters.eq("_id", id)).first()).map(Subscription::of);
    }

    List<Subscription> all() {
        List<Subscription> all = new ArrayList<>();
        subscriptions.find().sort(Sorts.ascending("_id")).forEach(document -> all.add(Subscription.of(document)));
        return all;
    }

    List<String> active() {
        List<String> ids = new ArrayList<>();
        subscriptions.find(Filters.eq("status", Status.ACTIVE.name())).projection(new Document("_id", 1))
                     .forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** Sets the fields given, and who changed them when; answers whether the subscription exists. */
    boolean change(String id, List<Bson> sets, String by, Instant at) {
        List<Bson> updates = new ArrayList<>(sets);
        updates.add(Updates.set("updatedBy", by));
        updates.add(Updates.set("updatedAt", Date.from(at)));
        return subscriptions.updateOne(Filters.eq("_id", id), Updates.combine(updates)).getMatchedCount() == 1;
    }

    boolean delete(String id) {
        return subscriptions.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    /** Takes or renews the lease of an active subscription for this node; empty when another node holds it. */
    Optional<Subscription> claim(String id, String node, Instant now, Instant until) {
        Bson free = Filters.or(Filters.eq("leaseOwner", node), Filters.eq("leaseUntil", null),
                               Filters.lt("leaseUntil", Date.from(now)));
        return Optional.ofNullable(subscriptions.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.ACTIVE.name()), free),
                Updates.combine(Updates.set("leaseOwner", node), Updates.set("leaseUntil", Date.from(until))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(Subscription::of);
    }

    /** Moves the cursor forward, if this node still holds the lease; answers whether it did. */
    boolean advance(String id, String node, long position) {
        return subscriptions.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("leaseOwner", node),
                                                   Filters.or(Filters.eq("cursor", null),
                                                              Filters.lt("cursor", position))),
                                       Updates.set("cursor", position)).getModifiedCount() == 1;
    }

    /** Pauses a subscription that kept failing; the node that paused it lets its lease go. */
    void pause(String id, String reason, Instant at) {
        subscriptions.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("status", Status.PAUSED.name()), Updates.set("pausedReason", reason),
                Updates.set("updatedBy", "engine"), Updates.set("updatedAt", Date.from(at)),
                Updates.set("leaseUntil", null)));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
