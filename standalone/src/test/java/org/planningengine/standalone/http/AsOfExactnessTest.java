package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planningengine.command.capacity.AllocateCapacity;
import org.planningengine.command.capacity.OverrideTeamPolicy;
import org.planningengine.command.capacity.SetTeamCapacity;
import org.planningengine.command.cycle.ChangeCapacityPolicy;
import org.planningengine.command.cycle.CommitPlan;
import org.planningengine.command.cycle.StartCycle;
import org.planningengine.command.initiative.AddDependency;
import org.planningengine.command.initiative.CommitInitiative;
import org.planningengine.command.initiative.CompleteInitiative;
import org.planningengine.command.initiative.DeferInitiative;
import org.planningengine.command.initiative.DropInitiative;
import org.planningengine.command.initiative.LinkKeyResult;
import org.planningengine.command.initiative.ProposeInitiative;
import org.planningengine.command.initiative.ScoreInitiative;
import org.planningengine.command.initiative.StartInitiative;
import org.planningengine.command.lesson.RecordLesson;
import org.planningengine.command.okr.AddKeyResult;
import org.planningengine.command.okr.GradeObjective;
import org.planningengine.command.okr.ObjectiveChanges;
import org.planningengine.command.okr.ReviewObjective;
import org.planningengine.command.okr.SetObjective;
import org.planningengine.command.okr.SetObjectiveRollup;
import org.planningengine.command.okr.UpdateKeyResult;
import org.planningengine.command.team.RegisterTeam;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.okr.RollupMode;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.query.capacity.CapacityProjection;
import org.planningengine.query.plan.CapacityReads;
import org.planningengine.query.capacity.CapacityViews;
import org.planningengine.query.cycle.CycleProjection;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.decision.DecisionProjection;
import org.planningengine.query.decision.DecisionReads;
import org.planningengine.query.okr.OkrProjection;
import org.planningengine.query.plan.OkrReads;
import org.planningengine.query.okr.OkrViews;
import org.planningengine.query.lesson.LessonProjection;
import org.planningengine.query.plan.RetrospectiveReads;
import org.planningengine.query.roadmap.RoadmapProjection;
import org.planningengine.query.plan.RoadmapReads;
import org.planningengine.query.roadmap.RoadmapViews;
import org.planningengine.query.team.TeamProjection;
import org.planningengine.query.team.TeamViews;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewNotFound;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measure of time travel: a semester of a few thousand events of every kind, then, for 200 random instants,
 * every cycle view as of the instant (through HTTP) against the same view built from scratch by fresh projections
 * fed only the events up to that instant. Zero mismatches.
 */
class AsOfExactnessTest extends HttpTestBase {

    private static final int ACTIONS = 4000;
    private static final int INSTANTS = 200;
    private static final List<String> CYCLES = List.of("ex-s1", "ex-s2");
    private static final List<String> TEAMS = List.of("ex-t1", "ex-t2", "ex-t3");

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    ObjectMapper json;

    private final Random random = new Random(20261121);
    private final List<String> initiatives = new ArrayList<>();
    private final Map<String, String> teamOf = new HashMap<>();
    private final List<String[]> keyResults = new ArrayList<>();
    private int succeeded;

    private void send(Object command) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                    Map.of(EventMetadata.ACTOR, "actor-" + random.nextInt(4), EventMetadata.REASON, "why")));
            succeeded++;
        } catch (RuntimeException refused) {
            // A command the rules refuse appends nothing, as a planner's mistake would.
        }
    }

    private BigDecimal some(int bound) {
        return BigDecimal.valueOf(random.nextInt(bound) + 1);
    }

    private <T> T any(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private void planASemester() {
        send(new StartCycle("ex-s1", "Exact", LocalDate.parse("2040-04-01"), LocalDate.parse("2040-09-30"), null));
        send(new StartCycle("ex-s2", "Exact later", LocalDate.parse("2040-10-01"), LocalDate.parse("2041-03-31"),
                            null));
        for (String team : TEAMS) {
            send(new RegisterTeam(team, team, null));
            send(new SetTeamCapacity("ex-s1", team, some(80).add(BigDecimal.valueOf(40)), null, null));
        }
        send(new OverrideTeamPolicy("ex-s1", "ex-t3", new CapacityPolicy(
                List.of(new PolicyBucket("build", List.of(Category.NEW_INITIATIVE), 70),
                        new PolicyBucket("keep", List.of(Category.KTLO, Category.TEAM_INITIATIVE), 30)), 10),
                                    "migration", null));
        for (int i = 0; i < 40; i++) {
            String id = "ex-i" + i;
            initiatives.add(id);
            teamOf.put(id, any(TEAMS));
            send(new ProposeInitiative(id, "ex-s1", teamOf.get(id),
                                       "Initiative " + (char) ('A' + random.nextInt(20)), null,
                                       any(List.of(Category.values()))));
        }
        for (int o = 0; o < 6; o++) {
            String objective = "ex-o" + o;
            send(new SetObjective(objective, "ex-s1", o < 2 ? null : any(TEAMS), "Objective " + o,
                                  o < 2 ? null : "ex-o" + random.nextInt(2)));
            for (int k = 0; k < 2; k++) {
                keyResults.add(new String[]{objective, "kr" + k});
                send(new AddKeyResult(objective, "kr" + k, "KR " + k, "metric", "#", BigDecimal.valueOf(10),
                                      BigDecimal.valueOf(k == 0 ? 60 : 0), null, null));
            }
        }
        send(new SetObjectiveRollup("ex-o0", RollupMode.WEIGHTED, Map.of("kr0", new BigDecimal("3")), null,
                                    "the first counts most"));
        for (int action = 0; action < ACTIONS; action++) {
            if (action == ACTIONS / 2) {
                send(new CommitPlan("ex-s1", "half way"));
            }
            String initiative = any(initiatives);
            String[] keyResult = any(keyResults);
            int dice = random.nextInt(100);
            if (dice < 25) {
                send(new ScoreInitiative(initiative, some(1000), any(List.of(new BigDecimal("0.25"),
                        new BigDecimal("0.5"), BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("3"))),
                                         new BigDecimal("0." + (random.nextInt(9) + 1)), some(20), "estimate"));
            } else if (dice < 45) {
                send(new AllocateCapacity("ex-s1", teamOf.get(initiative), initiative,
                                          BigDecimal.valueOf(random.nextInt(9)), null,
                                          random.nextBoolean() ? "worth it" : null));
            } else if (dice < 70) {
                // Some check-ins are measured weeks before they are recorded, out of order with the others.
                Instant measuredAt = random.nextInt(4) == 0 ? Instant.now().minus(some(60).longValue(), ChronoUnit.DAYS)
                                                            : null;
                send(new UpdateKeyResult(keyResult[0], keyResult[1], some(70),
                                         new BigDecimal("0." + random.nextInt(10)), null, measuredAt));
            } else if (dice < 76) {
                send(new CommitInitiative(initiative, null));
            } else if (dice < 80) {
                send(new StartInitiative(initiative, null));
            } else if (dice < 83) {
                send(new CompleteInitiative(initiative, null));
            } else if (dice < 85) {
                if (random.nextInt(8) == 0) {
                    send(new DropInitiative(initiative, "no longer"));
                }
            } else if (dice < 87) {
                if (random.nextInt(8) == 0) {
                    send(new DeferInitiative(initiative, "ex-s2", "later"));
                }
            } else if (dice < 90) {
                send(new AddDependency(initiative, any(initiatives)));
            } else if (dice < 93) {
                send(new LinkKeyResult(initiative, keyResult[0], keyResult[1]));
            } else if (dice < 95) {
                send(new ReviewObjective(keyResult[0], ReviewOutcome.KEEP, null, "quarterly"));
                send(new ReviewObjective(keyResult[0], ReviewOutcome.ADJUST,
                                         new ObjectiveChanges("Objective " + action, null, null), "reworded"));
            } else if (dice < 97) {
                send(new RecordLesson("ex-l" + action, "ex-s1", random.nextBoolean() ? initiative : null, "Lesson",
                                      List.of("tag" + random.nextInt(3))));
            } else {
                int share = 40 + random.nextInt(30);
                send(new ChangeCapacityPolicy("ex-s1", new CapacityPolicy(
                        List.of(new PolicyBucket("new", List.of(Category.NEW_INITIATIVE), share),
                                new PolicyBucket("run", List.of(Category.KTLO, Category.TEAM_INITIATIVE), 100 - share)),
                        5), "rebalance", random.nextBoolean() ? "keep what is planned" : null));
            }
        }
        send(new ReviewObjective("ex-o5", ReviewOutcome.RETIRE, null, "superseded"));
        keyResults.stream().map(keyResult -> keyResult[0]).distinct()
                  .forEach(objective -> send(new GradeObjective(objective, null, "end of the semester")));
    }

    /** Fresh projections on an empty database, and the reads over them. */
    private final class Fresh {

        final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
        final RoadmapReads roadmap;
        final CapacityReads capacity;
        final OkrReads okrs;
        final RetrospectiveReads retrospective;

        Fresh(MongoDatabase database) {
            CycleViews cycles = new CycleViews(database);
            RoadmapViews roadmapViews = new RoadmapViews(database);
            CapacityViews capacityViews = new CapacityViews(database);
            OkrViews okrViews = new OkrViews(database);
            TeamViews teamViews = new TeamViews(database);
            PlanProgress progress = new PlanProgress(null, null, null); // every read here names its instant
            LessonProjection lessons = new LessonProjection(database);
            for (Object projection : List.of(new CycleProjection(cycles), new RoadmapProjection(roadmapViews),
                                             new CapacityProjection(capacityViews), new OkrProjection(okrViews),
                                             new DecisionProjection(database), new TeamProjection(teamViews),
                                             lessons)) {
                projections.add(new AnnotationEventHandlerAdapter(projection));
            }
            roadmap = new RoadmapReads(cycles, roadmapViews, capacityViews, progress);
            capacity = new CapacityReads(cycles, capacityViews, teamViews, progress);
            okrs = new OkrReads(cycles, okrViews, roadmapViews, progress);
            retrospective = new RetrospectiveReads(roadmap, capacity, okrs, new DecisionReads(database), lessons,
                                                   progress);
        }

        /** As the live processor does, an event the views cannot apply (another test's poison) is set aside. */
        void apply(EventMessage<?> event) {
            for (AnnotationEventHandlerAdapter projection : projections) {
                try {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                } catch (Exception poison) {
                    return;
                }
            }
        }
    }

    /** The answer as JSON, or "404" when the cycle did not exist yet. */
    private String answer(Supplier<Object> read) throws Exception {
        try {
            return json.writeValueAsString(read.get());
        } catch (ViewNotFound notYet) {
            return "404";
        }
    }

    private String overHttp(String path) {
        HttpApi.Response response = api.get(path);
        return response.status() == 404 ? "404" : response.raw();
    }

    @Test
    void everyViewAsOfTwoHundredInstantsEqualsAFreshRebuildFromTheEventsUntilThen() throws Exception {
        Instant started = Instant.now();
        planASemester();
        HttpApi.Response last = api.write("/api/teams", """
                {"id": "ex-last", "name": "Last"}""");
        awaitViews(last);
        assertThat(succeeded).as("commands accepted").isGreaterThan(1000);

        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                events.add(stream.nextAvailable());
            }
        }
        List<Instant> times = events.stream().map(EventMessage::getTimestamp)
                                    .filter(time -> !time.isBefore(started)).toList();
        assertThat(times.size()).as("events of the semester").isGreaterThan(2000);
        Instant first = times.get(0);
        Instant end = times.get(times.size() - 1);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < INSTANTS; i++) {
            long span = end.toEpochMilli() - first.toEpochMilli();
            instants.add(first.plusMillis((long) (random.nextDouble() * span))
                              .plusNanos(random.nextInt(1_000_000)));
        }
        instants.sort(null);

        Fresh fresh = new Fresh(MongoTestServer.newDatabase());
        boolean[] fed = new boolean[events.size()];
        List<String> mismatches = new ArrayList<>();
        for (Instant instant : instants) {
            for (int i = 0; i < events.size(); i++) {
                if (!fed[i] && !events.get(i).getTimestamp().isAfter(instant)) {
                    fresh.apply(events.get(i));
                    fed[i] = true;
                }
            }
            for (String cycle : CYCLES) {
                String asOf = "?asOf=" + instant;
                compare(mismatches, "/api/cycles/" + cycle + "/roadmap" + asOf,
                        answer(() -> fresh.roadmap.roadmapAt(cycle, instant)));
                compare(mismatches, "/api/cycles/" + cycle + "/capacity" + asOf,
                        answer(() -> fresh.capacity.capacityAt(cycle, instant)));
                compare(mismatches, "/api/cycles/" + cycle + "/okrs" + asOf,
                        answer(() -> fresh.okrs.okrsAt(cycle, instant)));
                compare(mismatches, "/api/cycles/" + cycle + "/retrospective" + asOf,
                        answer(() -> fresh.retrospective.retrospective(cycle, instant.toString())));
            }
        }
        assertThat(mismatches).as("views as of an instant that differ from a fresh rebuild").isEmpty();
    }

    private void compare(List<String> mismatches, String path, String rebuilt) {
        String served = overHttp(path);
        if (!served.equals(rebuilt)) {
            mismatches.add(path + "\n  served:  " + served + "\n  rebuilt: " + rebuilt);
        }
    }
}
