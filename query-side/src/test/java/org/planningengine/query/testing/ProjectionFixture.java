package org.planningengine.query.testing;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.lesson.LessonRecorded;
import org.planningengine.events.okr.ChildObjectiveCarriedForward;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRealigned;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveRollupSet;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.query.capacity.CapacityProjection;
import org.planningengine.query.capacity.CapacityViews;
import org.planningengine.query.cycle.CycleProjection;
import org.planningengine.query.cycle.CycleReads;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.decision.DecisionProjection;
import org.planningengine.query.decision.DecisionReads;
import org.planningengine.query.lesson.LessonProjection;
import org.planningengine.query.okr.OkrProjection;
import org.planningengine.query.okr.OkrViews;
import org.planningengine.query.plan.CapacityReads;
import org.planningengine.query.plan.OkrReads;
import org.planningengine.query.plan.RetrospectiveReads;
import org.planningengine.query.plan.RoadmapReads;
import org.planningengine.query.roadmap.RoadmapProjection;
import org.planningengine.query.roadmap.RoadmapViews;
import org.planningengine.query.team.TeamProjection;
import org.planningengine.query.team.TeamReads;
import org.planningengine.query.team.TeamViews;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewNotFound;
import org.planningengine.query.views.ViewWrites;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan views of the query side, built by hand as the application builds them (the real projections and reads)
 * on a database of their own in the JVM's one MongoDB wire-protocol server ({@link MongoTestServer}: started at its
 * first use, shared by every test class, a fresh database per fixture), and fed events as the processor feeds them.
 * <p>
 * A specification reads given → then: {@link #given} the events, each {@link #at} its instant (explicit, no clock),
 * by an actor for a reason ({@link Given#by}); the events of one aggregate take sequence numbers 0, 1, 2… in the
 * order they are given, and deterministic identifiers, so two fixtures given the same events hold the same messages.
 * Then the reads' answers now and as of any instant, {@link #documents() every stored document}, or
 * {@link #assertAsOfEveryInstant} a read as of every instant of the events against a rebuild from the events up to it.
 * <p>
 * Events are handled as the plan processor handles them: in batches (of {@value #BATCH} here, so that a few events
 * make several), each in a {@link BatchingUnitOfWork} through the {@link ViewWrites#SENT_AFTER_EACH_BATCH}
 * interceptor, every projection of the group given each event in turn. An event a projection cannot apply fails the
 * test (the processor would dead-letter it).
 */
public final class ProjectionFixture {

    /** Events per batch when a fixture handles events, unless told otherwise. */
    public static final int BATCH = 3;
    public static final String ACTOR = "planner";
    /** What {@link #answer} gives for a read the views refuse with {@link ViewNotFound}: a 404 over HTTP. */
    public static final String NOT_FOUND = "404";

    static {
        // Each fixture's decision log asks for an index the embedded server does not build, and it says so.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(AbstractMongoDatabase.class)).setLevel(Level.ERROR);
    }

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
                                                                          .build();

    /** An event as it is given, before it has its aggregate's sequence number. */
    public record Given(Instant at, Object event, String actor, String reason) {

        /** The same event, caused by this actor for this reason. */
        public Given by(String someone, String because) {
            return new Given(at, event, someone, because);
        }
    }

    /** A read of the views as of an instant (null: now). */
    @FunctionalInterface
    public interface Read {
        Object at(ProjectionFixture views, Instant asOf);
    }

    /** The views reflect, for a read of now, the time of the last event handled (unless told otherwise). */
    private static final class Reflecting extends PlanProgress {

        private Instant reflects;

        Reflecting() {
            super(null, null, null);
        }

        @Override
        public Instant asOf(Instant asked) {
            return asked != null ? asked : reflects;
        }

        @Override
        public Optional<Instant> asOf() {
            return Optional.ofNullable(reflects);
        }
    }

    public final MongoDatabase database;
    public final CycleViews cycles;
    public final RoadmapViews roadmapViews;
    public final CapacityViews capacityViews;
    public final OkrViews okrViews;
    public final TeamViews teamViews;
    public final LessonProjection lessons;
    public final CycleReads cycleReads;
    public final TeamReads teams;
    public final RoadmapReads roadmap;
    public final CapacityReads capacity;
    public final OkrReads okrs;
    public final DecisionReads decisions;
    public final RetrospectiveReads retrospective;

    private final Reflecting progress = new Reflecting();
    private final Map<Class<?>, AnnotationEventHandlerAdapter> projections = new LinkedHashMap<>();
    private final List<DomainEventMessage<?>> events;

    private ProjectionFixture(List<DomainEventMessage<?>> events) {
        this.events = List.copyOf(events);
        database = MongoTestServer.newDatabase();
        cycles = new CycleViews(database);
        roadmapViews = new RoadmapViews(database);
        capacityViews = new CapacityViews(database);
        okrViews = new OkrViews(database);
        teamViews = new TeamViews(database);
        lessons = new LessonProjection(database);
        for (Object projection : List.of(new CycleProjection(cycles), new RoadmapProjection(roadmapViews),
                                         new CapacityProjection(capacityViews), new OkrProjection(okrViews),
                                         new DecisionProjection(database), new TeamProjection(teamViews),
                                         lessons)) {
            projections.put(projection.getClass(), new AnnotationEventHandlerAdapter(projection));
        }
        roadmap = new RoadmapReads(cycles, roadmapViews, capacityViews, progress);
        capacity = new CapacityReads(cycles, capacityViews, teamViews, progress);
        cycleReads = new CycleReads(cycles, progress);
        teams = new TeamReads(teamViews, progress);
        okrs = new OkrReads(cycles, okrViews, roadmapViews, progress);
        decisions = new DecisionReads(database);
        retrospective = new RetrospectiveReads(roadmap, capacity, okrs, decisions, lessons, progress);
    }

    /** An event stamped at the instant (ISO-8601, such as {@code 2025-01-06T09:00:00Z}), by {@value #ACTOR}. */
    public static Given at(String instant, Object event) {
        return new Given(Instant.parse(instant), event, ACTOR, null);
    }

    /** Fresh views that have handled these events, in batches of {@value #BATCH}. */
    public static ProjectionFixture given(Given... events) {
        return given(Arrays.asList(events));
    }

    public static ProjectionFixture given(List<Given> events) {
        ProjectionFixture views = notYetHandling(events);
        views.handle(views.events);
        return views;
    }

    /** Fresh views that know these events (to handle them as the test decides) but have handled none. */
    public static ProjectionFixture notYetHandling(List<Given> events) {
        return new ProjectionFixture(messages(events));
    }

    // --- the events -------------------------------------------------------------------------------------------

    /** The events given, as the log holds them. */
    public List<DomainEventMessage<?>> events() {
        return events;
    }

    /** Every event given from this one on (0 is the first), as a redelivery after a crash hands them again. */
    public List<DomainEventMessage<?>> eventsFrom(int index) {
        return events.subList(index, events.size());
    }

    /** The events given from one index up to (not including) another. */
    public List<DomainEventMessage<?>> events(int from, int to) {
        return events.subList(from, to);
    }

    /**
     * The instants worth reading as of: a second before the first event, each event's time, the middle between each
     * two consecutive times, and a day after the last.
     */
    public List<Instant> instants() {
        TreeSet<Instant> times = new TreeSet<>();
        events.forEach(event -> times.add(event.getTimestamp()));
        List<Instant> instants = new ArrayList<>();
        if (times.isEmpty()) {
            return instants;
        }
        instants.add(times.first().minusSeconds(1));
        Instant previous = null;
        for (Instant time : times) {
            if (previous != null) {
                instants.add(previous.plus(Duration.between(previous, time).dividedBy(2)));
            }
            instants.add(time);
            previous = time;
        }
        instants.add(times.last().plus(Duration.ofDays(1)));
        return instants;
    }

    // --- handling ---------------------------------------------------------------------------------------------

    /** Handles the events as the processor does, in batches of {@value #BATCH}. */
    public ProjectionFixture handle(List<? extends EventMessage<?>> messages) {
        return handleInBatchesOf(BATCH, messages);
    }

    public ProjectionFixture handleInBatchesOf(int size, List<? extends EventMessage<?>> messages) {
        for (int from = 0; from < messages.size(); from += size) {
            batch(messages.subList(from, Math.min(messages.size(), from + size)));
        }
        return this;
    }

    /** Handles each event outside any unit of work (as a test calling a projection would): each write at once. */
    public ProjectionFixture handleOneAtATime(List<? extends EventMessage<?>> messages) {
        messages.forEach(this::deliver);
        messages.stream().map(EventMessage::getTimestamp).max(Comparator.naturalOrder()).ifPresent(this::reflects);
        return this;
    }

    /** Handles every event given again, as a redelivery does. */
    public ProjectionFixture redeliver(int fromIndex) {
        return handle(eventsFrom(fromIndex));
    }

    /** Resets every projection (each one's {@code @ResetHandler}), as a replay of the processor begins. */
    public ProjectionFixture reset() {
        projections.values().forEach(AnnotationEventHandlerAdapter::prepareReset);
        return this;
    }

    /** Resets one projection only. */
    public ProjectionFixture reset(Class<?> projection) {
        projections.get(projection).prepareReset();
        return this;
    }

    /** The projections, by class. */
    public List<Class<?>> projections() {
        return List.copyOf(projections.keySet());
    }

    /** How far the views have come, as the reads ask it: up to the last event handled, unless told otherwise. */
    public PlanProgress progress() {
        return progress;
    }

    /** From now on a read of now answers as of this instant (the views reflect the log up to it). */
    public ProjectionFixture reflects(Instant instant) {
        progress.reflects = instant;
        return this;
    }

    private void batch(List<? extends EventMessage<?>> messages) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(messages));
        ResultMessage<Object> result = batch.executeWithResult(() -> new DefaultInterceptorChain<>(
                batch, List.of(ViewWrites.SENT_AFTER_EACH_BATCH), message -> {
            deliver(message);
            return null;
        }).proceed());
        assertThat(CurrentUnitOfWork.isStarted()).as("the batch has ended").isFalse();
        if (result.isExceptional()) {
            throw new AssertionError("a batch of " + messages.size() + " events failed", result.exceptionResult());
        }
        reflects(messages.get(messages.size() - 1).getTimestamp());
    }

    private void deliver(EventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections.values()) {
            try {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            } catch (RuntimeException | Error failed) {
                throw failed;
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
        }
    }

    // --- then -------------------------------------------------------------------------------------------------

    /**
     * Every document the views hold, by collection (those with documents; {@code _history} ones among them), each
     * as canonical extended JSON of its BSON as the server sends it: every type, field and field order, in order of
     * id. Two equal snapshots hold the same bytes.
     */
    public SortedMap<String, List<String>> documents() {
        SortedMap<String, List<String>> all = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            List<RawBsonDocument> stored = database.getCollection(name, RawBsonDocument.class).find()
                                                   .into(new ArrayList<>());
            if (stored.isEmpty()) {
                continue;
            }
            stored.sort(Comparator.comparing(document -> document.get("_id").toString()));
            all.put(name, stored.stream().map(document -> document.toJson(CANONICAL)).toList());
        }
        return all;
    }

    /** The number of documents in each collection of the views, none left out. */
    public SortedMap<String, Long> counts() {
        SortedMap<String, Long> counts = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            counts.put(name, database.getCollection(name).countDocuments());
        }
        return counts;
    }

    /** The read's answer as of the instant (null: now), or {@value #NOT_FOUND} when the views refuse it. */
    public Object answer(Read read, Instant asOf) {
        try {
            return read.at(this, asOf);
        } catch (ViewNotFound notThen) {
            return NOT_FOUND;
        }
    }

    /**
     * The read as of every instant of the events ({@link #instants}) answers exactly what fresh views that handled
     * only the events up to the instant answer now: time travel is exact. Returns the instants compared.
     */
    public int assertAsOfEveryInstant(Read read) {
        ProjectionFixture rebuilt = new ProjectionFixture(events);
        boolean[] handled = new boolean[events.size()];
        List<String> mismatches = new ArrayList<>();
        List<Instant> instants = instants();
        for (Instant instant : instants) {
            List<DomainEventMessage<?>> upToNow = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (!handled[i] && !events.get(i).getTimestamp().isAfter(instant)) {
                    upToNow.add(events.get(i));
                    handled[i] = true;
                }
            }
            rebuilt.handle(upToNow).reflects(instant);
            Object then = answer(read, instant);
            Object rebuiltNow = rebuilt.answer(read, null);
            if (!then.equals(rebuiltNow)) {
                mismatches.add("as of " + instant + "\n  as of:   " + then + "\n  rebuilt: " + rebuiltNow);
            }
        }
        assertThat(mismatches).as("answers as of an instant that differ from the views rebuilt up to it").isEmpty();
        return instants.size();
    }

    // --- the log's messages -----------------------------------------------------------------------------------

    private static List<DomainEventMessage<?>> messages(List<Given> given) {
        Map<String, Long> sequences = new HashMap<>();
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Given event : given) {
            String[] aggregate = aggregateOf(event.event());
            long sequence = sequences.merge(aggregate[1], 1L, Long::sum) - 1;
            Map<String, Object> metaData = new HashMap<>();
            metaData.put(EventMetadata.ACTOR, event.actor());
            if (event.reason() != null) {
                metaData.put(EventMetadata.REASON, event.reason());
            }
            String identifier = UUID.nameUUIDFromBytes((aggregate[1] + ":" + sequence)
                                                               .getBytes(StandardCharsets.UTF_8)).toString();
            messages.add(new GenericDomainEventMessage<>(aggregate[0], aggregate[1], sequence, event.event(),
                                                         MetaData.from(metaData), identifier, event.at()));
        }
        return messages;
    }

    /** The aggregate (its type and its id in the log) whose event this is, as the command side has them. */
    private static String[] aggregateOf(Object event) {
        if (event instanceof CycleStarted e) {
            return cycle(e.cycleId());
        } else if (event instanceof CapacityPolicyChanged e) {
            return cycle(e.cycleId());
        } else if (event instanceof PlanCommitted e) {
            return cycle(e.cycleId());
        } else if (event instanceof CycleClosed e) {
            return cycle(e.cycleId());
        } else if (event instanceof CycleArchived e) {
            return cycle(e.cycleId());
        } else if (event instanceof CycleRestored e) {
            return cycle(e.cycleId());
        } else if (event instanceof CommitmentRecorded e) {
            return cycle(e.cycleId());
        } else if (event instanceof InitiativeProposed e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeScored e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeCommitted e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeStarted e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeCompleted e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeDropped e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeDeferred e) {
            return initiative(e.initiativeId());
        } else if (event instanceof DependencyAdded e) {
            return initiative(e.initiativeId());
        } else if (event instanceof KeyResultLinked e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeArchived e) {
            return initiative(e.initiativeId());
        } else if (event instanceof InitiativeRestored e) {
            return initiative(e.initiativeId());
        } else if (event instanceof TeamCapacitySet e) {
            return teamPlan(e.cycleId(), e.teamId());
        } else if (event instanceof TeamPolicyOverridden e) {
            return teamPlan(e.cycleId(), e.teamId());
        } else if (event instanceof CapacityAllocated e) {
            return teamPlan(e.cycleId(), e.teamId());
        } else if (event instanceof GuardrailOverridden e) {
            return teamPlan(e.cycleId(), e.teamId());
        } else if (event instanceof CyclePolicyAdopted e) {
            return teamPlan(e.cycleId(), e.teamId());
        } else if (event instanceof ObjectiveSet e) {
            return objective(e.objectiveId());
        } else if (event instanceof KeyResultAdded e) {
            return objective(e.objectiveId());
        } else if (event instanceof KeyResultUpdated e) {
            return objective(e.objectiveId());
        } else if (event instanceof ObjectiveReviewed e) {
            return objective(e.objectiveId());
        } else if (event instanceof ObjectiveGraded e) {
            return objective(e.objectiveId());
        } else if (event instanceof ObjectiveCarriedForward e) {
            return objective(e.objectiveId());
        } else if (event instanceof ObjectiveArchived e) {
            return objective(e.objectiveId());
        } else if (event instanceof ObjectiveRestored e) {
            return objective(e.objectiveId());
        } else if (event instanceof ObjectiveRollupSet e) {
            return objective(e.objectiveId());
        } else if (event instanceof ChildObjectiveCarriedForward e) {
            return objective(e.objectiveId());
        } else if (event instanceof ObjectiveRealigned e) {
            return objective(e.objectiveId());
        } else if (event instanceof LessonRecorded e) {
            return new String[] {"Lesson", AggregateIds.lesson(e.lessonId())};
        } else if (event instanceof TeamRegistered e) {
            return team(e.teamId());
        } else if (event instanceof TeamArchived e) {
            return team(e.teamId());
        } else if (event instanceof TeamRestored e) {
            return team(e.teamId());
        }
        throw new IllegalArgumentException("no aggregate known for " + event);
    }

    private static String[] cycle(String cycleId) {
        return new String[] {"Cycle", AggregateIds.cycle(cycleId)};
    }

    private static String[] team(String teamId) {
        return new String[] {"Team", AggregateIds.team(teamId)};
    }

    private static String[] initiative(String initiativeId) {
        return new String[] {"Initiative", AggregateIds.initiative(initiativeId)};
    }

    private static String[] teamPlan(String cycleId, String teamId) {
        return new String[] {"TeamCyclePlan", AggregateIds.teamPlan(cycleId, teamId)};
    }

    private static String[] objective(String objectiveId) {
        return new String[] {"Objective", AggregateIds.objective(objectiveId)};
    }
}
