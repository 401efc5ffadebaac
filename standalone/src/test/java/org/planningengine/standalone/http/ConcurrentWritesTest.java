package org.planningengine.standalone.http;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.standalone.PlanningEngineApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one consistency boundary that matters: allocations of one team sent at the same moment, which together exceed
 * its capacity, never all succeed. Whatever the interleaving, the log holds at most the capacity (decision record
 * 0004).
 */
class ConcurrentWritesTest extends HttpTestBase {

    private static final int WRITERS = 8;

    @Autowired
    EventStore eventStore;

    @Test
    void parallelAllocationsBeyondCapacityCannotAllSucceed() throws Exception {
        prepareTheRace(api, "race-s1");

        Map<Integer, Integer> byStatus = race(List.of(api), "race-s1");

        // 3 + 3 + 3 fit in 10; a fourth would not. Within one engine the writes to the plan take turns.
        assertThat(byStatus.get(200)).as("accepted, of " + byStatus).isEqualTo(3);
        assertThat(byStatus.get(422)).as("refused for capacity, of " + byStatus).isEqualTo(WRITERS - 3);
        assertThat(allocatedInTheLog(eventStore, "race-s1")).isEqualByComparingTo("9");
    }

    /**
     * Two engines on one MongoDB share no lock: the log's unique (aggregate, sequence) key decides, and a writer that
     * loses the append is told so ({@code 409}) rather than overrunning the capacity.
     */
    @Test
    void twoEnginesOnOneMongoDbCannotOverrunTheCapacityEither() throws Exception {
        String uri = MongoTestServer.connectionString() + "/two-engines";
        try (ConfigurableApplicationContext one = engine(uri); ConfigurableApplicationContext two = engine(uri)) {
            HttpApi first = new HttpApi(portOf(one));
            HttpApi second = new HttpApi(portOf(two));
            prepareTheRace(first, "race-s2");

            Map<Integer, Integer> byStatus = race(List.of(first, second), "race-s2");

            int accepted = byStatus.getOrDefault(200, 0);
            // Writers that lost the append race are decided again: most get the 422 one engine gives.
            assertThat(accepted).as("accepted, of " + byStatus).isBetween(1, 3);
            assertThat(byStatus.keySet()).as("statuses").isSubsetOf(200, 409, 422);
            assertThat(allocatedInTheLog(one.getBean(EventStore.class), "race-s2"))
                    .isEqualByComparingTo(BigDecimal.valueOf(3L * accepted));
        }
    }

    /**
     * Parallel writes to one initiative through two engines: losers of the append race are decided again, so most
     * succeed, and every write answered 200 is in the log, once; none is lost.
     */
    @Test
    void parallelScoresOfOneInitiativeThroughTwoEnginesAreAllKept() throws Exception {
        String uri = MongoTestServer.connectionString() + "/parallel-scores";
        try (ConfigurableApplicationContext one = engine(uri); ConfigurableApplicationContext two = engine(uri)) {
            List<HttpApi> engines = List.of(new HttpApi(portOf(one)), new HttpApi(portOf(two)));
            proposeInANewCycle(engines.get(0), "par");

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS * 2);
            List<Future<HttpApi.Response>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < WRITERS * 2; i++) {
                    int reach = 100 + i;
                    HttpApi engine = engines.get(i % 2);
                    answers.add(writers.submit(() -> {
                        start.await();
                        return engine.post("/api/initiatives/par-i/score", """
                                {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "mine"}"""
                                .formatted(reach));
                    }));
                }
                start.countDown();
                List<Long> accepted = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                    HttpApi.Response answer = answers.get(i).get();
                    assertThat(answer.status()).as(answer.raw()).isIn(200, 409);
                    if (answer.status() == 200) {
                        accepted.add(100L + i);
                    }
                }
                List<Long> inTheLog = one.getBean(EventStore.class).readEvents("initiative:par-i").asStream()
                        .filter(event -> event.getPayload() instanceof InitiativeScored)
                        .map(event -> ((InitiativeScored) event.getPayload()).rice().reach().longValueExact())
                        .toList();
                assertThat(inTheLog).containsExactlyInAnyOrderElementsOf(accepted);
                assertThat(accepted).as("most writes pass once decided again").hasSizeGreaterThan(WRITERS);
            } finally {
                writers.shutdownNow();
            }
        }
    }

    /**
     * Each engine keeps the aggregates it handled in memory. One that the other engine moved on is decided on as the
     * log has it, whether the copy in memory would have refused what the log allows, allowed what it refuses, or
     * answered another version (decision record 0020).
     */
    @Test
    void anEngineDecidesOnWhatTheOtherEngineAppendedThoughItHeldTheAggregateInMemory() {
        String uri = MongoTestServer.connectionString() + "/cached-aggregates";
        try (ConfigurableApplicationContext one = engine(uri); ConfigurableApplicationContext two = engine(uri)) {
            HttpApi first = new HttpApi(portOf(one));
            HttpApi second = new HttpApi(portOf(two));
            proposeInANewCycle(first, "cached");
            first.write("/api/initiatives/cached-i/score", """
                    {"reach": 10, "impact": 1, "confidence": 1, "effort": 1, "reason": "first"}""");

            // Engine one holds it proposed; engine two commits it, and engine one may start it.
            second.write("/api/initiatives/cached-i/commit", null);
            HttpApi.Response started = first.post("/api/initiatives/cached-i/start", null);
            assertThat(started.status()).as(started.raw()).isEqualTo(200);

            // Engine two scores it; engine one is asked for a change on the version that score left.
            HttpApi.Response scored = second.write("/api/initiatives/cached-i/score", """
                    {"reach": 20, "impact": 1, "confidence": 1, "effort": 1, "reason": "second"}""");
            long version = scored.body().get("version").asLong();
            HttpApi.Response onThatVersion = first.with("If-Match", "\"" + version + "\"")
                    .post("/api/initiatives/cached-i/score", """
                            {"reach": 30, "impact": 1, "confidence": 1, "effort": 1, "reason": "third"}""");
            assertThat(onThatVersion.status()).as(onThatVersion.raw()).isEqualTo(200);
            assertThat(onThatVersion.body().get("version").asLong()).isEqualTo(version + 1);

            // Engine two drops it; engine one, holding it in progress, refuses to score it.
            second.write("/api/initiatives/cached-i/drop", """
                    {"reason": "no longer needed"}""");
            HttpApi.Response afterTheDrop = first.post("/api/initiatives/cached-i/score", """
                    {"reach": 40, "impact": 1, "confidence": 1, "effort": 1, "reason": "fourth"}""");
            assertThat(afterTheDrop.status()).as(afterTheDrop.raw()).isEqualTo(409);
            List<Long> reaches = one.getBean(EventStore.class).readEvents("initiative:cached-i").asStream()
                    .filter(event -> event.getPayload() instanceof InitiativeScored)
                    .map(event -> ((InitiativeScored) event.getPayload()).rice().reach().longValueExact())
                    .toList();
            assertThat(reaches).containsExactly(10L, 20L, 30L);
        }
    }

    /** A cycle {@code <name>-s1}, a team {@code <name>-team} and an initiative {@code <name>-i} of both. */
    private static void proposeInANewCycle(HttpApi api, String name) {
        api.write("/api/cycles", """
                {"id": "%s-s1", "name": "%s", "startDate": "2030-04-01", "endDate": "2030-09-30"}"""
                .formatted(name, name));
        api.write("/api/teams", """
                {"id": "%s-team", "name": "%s"}""".formatted(name, name));
        api.write("/api/initiatives", """
                {"id": "%s-i", "cycleId": "%s-s1", "teamId": "%s-team", "title": "Contended", "category": "KTLO"}"""
                .formatted(name, name, name));
    }

    private static ConfigurableApplicationContext engine(String mongoUri) {
        return new SpringApplicationBuilder(PlanningEngineApplication.class)
                .run("--server.port=0", "--spring.data.mongodb.uri=" + mongoUri, "--spring.application.name=racer");
    }

    private static int portOf(ConfigurableApplicationContext engine) {
        return Integer.parseInt(engine.getEnvironment().getProperty("local.server.port"));
    }

    private static void prepareTheRace(HttpApi api, String cycleId) {
        api.write("/api/cycles", """
                {"id": "%s", "name": "Race", "startDate": "2030-04-01", "endDate": "2030-09-30"}""".formatted(cycleId));
        api.write("/api/teams", """
                {"id": "racers-%s", "name": "Racers"}""".formatted(cycleId));
        api.replace("/api/cycles/%s/teams/racers-%s/capacity".formatted(cycleId, cycleId), """
                {"personWeeks": 10}""");
        // One bucket for everything, so that only the capacity can refuse.
        api.replace("/api/cycles/%s/teams/racers-%s/policy".formatted(cycleId, cycleId), """
                {"policy": {"buckets": [{"name": "all", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                         "share": 100}], "tolerance": 0},
                 "reason": "one pot"}""");
        for (int i = 0; i < WRITERS; i++) {
            api.write("/api/initiatives", """
                    {"id": "%s-%d", "cycleId": "%s", "teamId": "racers-%s", "title": "Race %d", "category": "KTLO"}"""
                    .formatted(cycleId, i, cycleId, cycleId, i));
        }
    }

    /** Every writer allocates 3 person-weeks to an initiative of its own, all released at once; answers by status. */
    private static Map<Integer, Integer> race(List<HttpApi> engines, String cycleId) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<HttpApi.Response>> answers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                HttpApi engine = engines.get(i % engines.size());
                answers.add(writers.submit(() -> {
                    start.await();
                    return engine.post("/api/cycles/%s/teams/racers-%s/allocations".formatted(cycleId, cycleId), """
                            {"initiativeId": "%s-%d", "personWeeks": 3}""".formatted(cycleId, writer));
                }));
            }
            start.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<HttpApi.Response> answer : answers) {
                byStatus.merge(answer.get().status(), 1, Integer::sum);
            }
            return byStatus;
        } finally {
            writers.shutdownNow();
        }
    }

    /** Each initiative is allocated once here, so the allocations in the log add up to the team's total. */
    private static BigDecimal allocatedInTheLog(EventStore eventStore, String cycleId) {
        return eventStore.readEvents("team-plan:%s/racers-%s".formatted(cycleId, cycleId)).asStream()
                         .filter(event -> event.getPayload() instanceof CapacityAllocated)
                         .map(event -> ((CapacityAllocated) event.getPayload()).personWeeks())
                         .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
