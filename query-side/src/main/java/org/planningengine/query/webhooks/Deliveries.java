package org.planningengine.query.webhooks;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@code webhook_deliveries}: one document per event sent to a subscription, with every attempt. Its id,
 * {@code <subscription>:<position>}, is the delivery id the receiver sees: the same on every retry, after a restart
 * and from any node, so a receiver that keeps the ids it has seen handles each event once.
 */
final class Deliveries {

    static final String COLLECTION = "webhook_deliveries";
    /** The attempts a delivery keeps (the count goes on). */
    static final int KEPT_ATTEMPTS = 20;

    enum Status { PENDING, DELIVERED }

    record Attempt(Instant at, Integer statusCode, long latencyMillis, String error) {
    }

    record Delivery(String id, String subscriptionId, long position, String eventId, String type, Instant eventAt,
                    String body, Status status, int attemptCount, List<Attempt> attempts, Instant firstAttemptAt,
                    Instant nextAttemptAt, Instant deliveredAt) {

        static Delivery of(Document document) {
            List<Attempt> attempts = new ArrayList<>();
            for (Document attempt : document.getList("attempts", Document.class, List.of())) {
                attempts.add(new Attempt(attempt.getDate("at").toInstant(), attempt.getInteger("statusCode"),
                                         attempt.get("latencyMillis", Number.class).longValue(),
                                         attempt.getString("error")));
            }
            return new Delivery(document.getString("_id"), document.getString("subscriptionId"),
                                document.get("position", Number.class).longValue(), document.getString("eventId"),
                                document.getString("type"), instant(document, "eventAt"), document.getString("body"),
                                Status.valueOf(document.getString("status")), document.getInteger("attemptCount", 0),
                                attempts, instant(document, "firstAttemptAt"), instant(document, "nextAttemptAt"),
                                instant(document, "deliveredAt"));
        }
    }

    private final MongoCollection<Document> deliveries;

    Deliveries(MongoDatabase database) {
        this.deliveries = database.getCollection(COLLECTION);
        deliveries.createIndex(Indexes.compoundIndex(Indexes.ascending("subscriptionId"),
                                                     Indexes.ascending("position")),
                               new IndexOptions().name("subscription_position"));
    }

    static String id(String subscriptionId, long position) {
        return subscriptionId + ":" + position;
    }

    /** The delivery of this event to this subscription: made now, or the one made before. */
    Delivery open(String subscriptionId, long position, String eventId, String type, Instant eventAt, String body) {
        Document delivery = new Document("_id", id(subscriptionId, position)).append("subscriptionId", subscriptionId)
                .append("position", position).append("eventId", eventId).append("type", type)
                .append("eventAt", Date.from(eventAt)).append("body", body)
                .append("status", Status.PENDING.name()).append("attemptCount", 0).append("attempts", List.of());
        try {
            deliveries.insertOne(delivery);
            return Delivery.of(delivery);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return Delivery.of(deliveries.find(Filters.eq("_id", delivery.get("_id"))).first());
        }
    }

    /** The subscription's oldest delivery not yet made, if any: it goes before every later event. */
    Optional<Delivery> pending(String subscriptionId) {
        return Optional.ofNullable(deliveries.find(Filters.and(Filters.eq("subscriptionId", subscriptionId),
                                                               Filters.eq("status", Status.PENDING.name())))
                                             .sort(Sorts.ascending("position")).first())
                       .map(Delivery::of);
    }

    void attempted(Delivery delivery, Attempt attempt, Instant nextAttemptAt) {
        List<Document> attempts = new ArrayList<>();
        List<Attempt> kept = new ArrayList<>(delivery.attempts());
        kept.add(attempt);
        for (Attempt each : kept.subList(Math.max(0, kept.size() - KEPT_ATTEMPTS), kept.size())) {
            attempts.add(new Document("at", Date.from(each.at())).append("statusCode", each.statusCode())
                                 .append("latencyMillis", each.latencyMillis()).append("error", each.error()));
        }
        boolean delivered = nextAttemptAt == null;
        deliveries.updateOne(Filters.eq("_id", delivery.id()), Updates.combine(
                Updates.set("attempts", attempts), Updates.inc("attemptCount", 1),
                Updates.set("firstAttemptAt", Date.from(delivery.firstAttemptAt() != null ? delivery.firstAttemptAt()
                                                                                          : attempt.at())),
                Updates.set("status", (delivered ? Status.DELIVERED : Status.PENDING).name()),
                Updates.set("nextAttemptAt", delivered ? null : Date.from(nextAttemptAt)),
                Updates.set("deliveredAt", delivered ? Date.from(attempt.at()) : null)));
    }

    /** The subscription's pending deliveries are due now (it resumes). */
    void dueNow(String subscriptionId, Instant now) {
        deliveries.updateMany(Filters.and(Filters.eq("subscriptionId", subscriptionId),
                                          Filters.eq("status", Status.PENDING.name())),
                              Updates.set("nextAttemptAt", Date.from(now)));
    }

    /** A page of a subscription's deliveries, the latest first. */
    List<Delivery> page(String subscriptionId, int page, int size) {
        List<Delivery> found = new ArrayList<>();
        deliveries.find(Filters.eq("subscriptionId", subscriptionId)).sort(Sorts.descending("position"))
                  .skip(page * size).limit(size).forEach(document -> found.add(Delivery.of(document)));
        return found;
    }

    long count(String subscriptionId) {
        return deliveries.countDocuments(Filters.eq("subscriptionId", subscriptionId));
    }

    void deleteAll(String subscriptionId) {
        deliveries.deleteMany(Filters.eq("subscriptionId", subscriptionId));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
