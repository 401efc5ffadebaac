package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The views of a scenario, which this thread reads and writes {@linkplain #within within} it: each view collection
 * of the plan has a scenario's own beside it, {@code scenario.<id>.<collection>}, holding only what the scenario's
 * branch changed. A document it does not hold is the plan's as it was at the fork (see {@link KeyedDocuments}), so a
 * scenario costs what it changed, never a copy of the plan.
 *
 * @param scenarioId the scenario's id
 * @param forkedAt   the instant of the plan it was forked from
 */
public record ViewScope(String scenarioId, Instant forkedAt) {

    /** What the names of every scenario's view collections begin with. */
    public static final String PREFIX = "scenario.";

    private static final ThreadLocal<ViewScope> CURRENT = new ThreadLocal<>();

    /** The scenario this thread is in; empty for the plan. */
    public static Optional<ViewScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Does the work in the scenario's views. */
    public static <T> T within(ViewScope scope, Supplier<T> work) {
        ViewScope outer = CURRENT.get();
        CURRENT.set(scope);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Does the work in the plan's views, also from within a scenario (a comparison reads both). */
    public static <T> T ofThePlan(Supplier<T> work) {
        ViewScope outer = CURRENT.get();
        CURRENT.remove();
        try {
            return work.get();
        } finally {
            if (outer != null) {
                CURRENT.set(outer);
            }
        }
    }

    /** The name of a collection of the plan's views in this scenario. */
    public String collectionOf(String name) {
        return PREFIX + scenarioId + "." + name;
    }

    /** The collection of this name in the current scope: the plan's, or the current scenario's own. */
    public static MongoCollection<Document> collection(MongoDatabase database, String name) {
        ViewScope scope = CURRENT.get();
        return database.getCollection(scope == null ? name : scope.collectionOf(name));
    }

    /** The fork as views store instants. */
    String fork() {
        return ViewTime.format(forkedAt);
    }
}
