package org.planningengine.query.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ViewOutOfRange;
import org.planningengine.query.views.ViewScope;
import org.planningengine.query.views.ViewTime;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The decision log, searched by cycle, actor, type and time range, newest first, a page at a time. Types are event
 * names ({@code InitiativeScored}), several separated by commas.
 */
@Component
public class DecisionReads {

    public static final int MAX_PAGE_SIZE = 500;

    /**
     * @param rescore for a score, whether it replaced an earlier one (null for other decisions)
     * @param values  what was decided, by name, from the event (exact decimals); fixed names per type
     */
    public record Decision(String id, String cycleId, String subjectId, Instant at, String actor, String type,
                           String reason, Boolean rescore, String scenarioId, JsonNode values) {
    }

    public record DecisionPage(List<Decision> decisions, int page, int size, long total) {
    }

    private static final Comparator<Document> NEWEST_FIRST =
            Comparator.comparing((Document doc) -> doc.getString("at")).thenComparing(doc -> doc.getString("_id"))
                      .reversed();

    private final MongoDatabase database;
    private final MongoCollection<Document> decisions;

    public DecisionReads(MongoDatabase planningDatabase) {
        this.database = planningDatabase;
        this.decisions = planningDatabase.getCollection(DecisionProjection.COLLECTION);
    }

    /** Every decision the filters name, newest first, unpaged: the decision log as CSV or Markdown. */
    public record DecisionLog(List<Decision> decisions) {
    }

    /** A page of the decisions the filters name, newest first. */
    public DecisionPage page(String cycle, String actor, String type, String from, String to, String page,
                             String size) {
        int pageNumber = number("page", page, 0, Integer.MAX_VALUE);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
        Bson filter = filter(cycle, actor, type, from, to);
        int skip = (int) Math.min((long) pageNumber * pageSize, Integer.MAX_VALUE);
        List<Decision> found = new ArrayList<>();
        Optional<ViewScope> scenario = ViewScope.current();
        if (scenario.isPresent()) {
            // The page is among the first skip + size of each side's, merged.
            Bson plansUpToTheFork = plansUpToTheFork(scenario.get(), filter);
            MongoCollection<Document> own = ViewScope.collection(database, DecisionProjection.COLLECTION);
            List<Document> first = newestFirst(decisions, plansUpToTheFork).limit(skip + pageSize)
                                                                            .into(new ArrayList<>());
            newestFirst(own, filter).limit(skip + pageSize).into(first);
            first.sort(NEWEST_FIRST);
            first.stream().skip(skip).limit(pageSize).forEach(doc -> found.add(decision(doc)));
            return new DecisionPage(found, pageNumber, pageSize,
                                    decisions.countDocuments(plansUpToTheFork) + own.countDocuments(filter));
        }
        newestFirst(filter).skip(skip).limit(pageSize).forEach(doc -> found.add(decision(doc)));
        return new DecisionPage(found, pageNumber, pageSize, decisions.countDocuments(filter));
    }

    /** Every decision the filters name, newest first, unpaged. */
    public DecisionLog log(String cycle, String actor, String type, String from, String to) {
        Bson filter = filter(cycle, actor, type, from, to);
        List<Decision> found = new ArrayList<>();
        ViewScope.current().ifPresentOrElse(
                scenario -> inScenario(scenario, filter, NEWEST_FIRST).forEach(doc -> found.add(decision(doc))),
                () -> newestFirst(filter).forEach(doc -> found.add(decision(doc))));
        return new DecisionLog(found);
    }

    private FindIterable<Document> newestFirst(Bson filter) {
        return newestFirst(decisions, filter);
    }

    private static FindIterable<Document> newestFirst(MongoCollection<Document> collection, Bson filter) {
        return collection.find(filter).sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id")));
    }

    private static Bson plansUpToTheFork(ViewScope scenario, Bson filter) {
        return Filters.and(filter, Filters.lte("at", ViewTime.format(scenario.forkedAt())));
    }

    private static Bson filter(String cycle, String actor, String type, String from, String to) {
        List<Bson> filters = new ArrayList<>();
        if (cycle != null) {
            filters.add(Filters.eq("cycleId", cycle));
        }
        if (actor != null) {
            filters.add(Filters.eq("actor", actor));
        }
        if (type != null) {
            filters.add(Filters.in("type", types(type)));
        }
        if (from != null) {
            filters.add(Filters.gte("at", ViewTime.format(AsOf.parse(from, "from"))));
        }
        if (to != null) {
            filters.add(Filters.lte("at", ViewTime.format(AsOf.parse(to, "to"))));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    /** Every decision of the cycle up to the instant (all, for none), oldest first. */
    public List<Decision> ofCycle(String cycleId, Instant asOf) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("cycleId", cycleId)));
        if (asOf != null) {
            filters.add(Filters.lte("at", ViewTime.format(asOf)));
        }
        List<Decision> found = new ArrayList<>();
        ViewScope.current().ifPresentOrElse(
                scenario -> inScenario(scenario, Filters.and(filters), NEWEST_FIRST.reversed())
                        .forEach(doc -> found.add(decision(doc))),
                () -> decisions.find(Filters.and(filters))
                               .sort(Sorts.orderBy(Sorts.ascending("at"), Sorts.ascending("_id")))
                               .forEach(doc -> found.add(decision(doc))));
        return found;
    }

    /**
     * The decisions a scenario's log holds: the plan's up to the fork, then the scenario's own, in this order (a
     * scenario's are few, sorted here).
     */
    private List<Document> inScenario(ViewScope scenario, Bson filter, Comparator<Document> order) {
        List<Document> found = decisions.find(plansUpToTheFork(scenario, filter)).into(new ArrayList<>());
        ViewScope.collection(database, DecisionProjection.COLLECTION).find(filter).into(found);
        found.sort(order);
        return found;
    }

    private static Decision decision(Document doc) {
        return new Decision(doc.getString("_id"), doc.getString("cycleId"), doc.getString("subjectId"),
                            ViewTime.parse(doc.getString("at")), doc.getString("actor"), doc.getString("type"),
                            doc.getString("reason"), doc.getBoolean(DecisionProjection.RESCORE),
                            doc.getString(DecisionProjection.SCENARIO),
                            DecisionValues.read(doc.getString(DecisionProjection.VALUES)));
    }

    /** The event names of the filter, each one the log records: an unknown one would match nothing, unseen. */
    private static List<String> types(String type) {
        List<String> types = Arrays.stream(type.split(",")).map(String::strip).toList();
        types.stream().filter(name -> !DecisionProjection.TYPES.contains(name)).findFirst().ifPresent(name -> {
            throw new BadQuery("type", "type must be one or more of " + String.join(", ", DecisionProjection.TYPES)
                                       + ", separated by commas (was " + name + ")");
        });
        return types;
    }

    private static int number(String parameter, String value, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new BadQuery(parameter, parameter + " must be a whole number (was '" + value + "')");
        }
        if (number < min || number > max) {
            throw new ViewOutOfRange(parameter, parameter + " must be " + min + " to " + max + " (was " + number
                                                + ")");
        }
        return number;
    }
}
