package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.standalone.PlanningEngineApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimistic concurrency for clients, as EventStoreDB's expected version: a write sent with {@code If-Match} naming
 * the version its client read applies only while the item is still at that version; otherwise it is {@code 412} with
 * the version the item is at, and nothing is appended. Reads of one item answer its version as their {@code ETag}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalWritesTest extends HttpTestBase {

    private static final int WRITERS = 16;

    @Autowired
    EventStore eventStore;

    @BeforeAll
    void plan() {
        client();
        api.write("/api/cycles", """
                {"id": "cw-s1", "name": "Conditional", "startDate": "2041-04-01", "endDate": "2041-09-30"}""");
        api.write("/api/cycles", """
                {"id": "cw-s2", "name": "Later", "startDate": "2041-10-01", "endDate": "2042-03-31"}""");
        api.write("/api/teams", """
                {"id": "cw-team", "name": "Conditionals"}""");
    }

    private static String tag(long version) {
        return "\"" + version + "\"";
    }

    /** Proposes an initiative of the team in cw-s1, and answers the proposal (version 0). */
    private HttpApi.Response propose(String id) {
        return api.write("/api/initiatives", """
                {"id": "%s", "cycleId": "cw-s1", "teamId": "cw-team", "title": "%s", "category": "KTLO"}"""
                .formatted(id, id));
    }

    private static String score(int reach) {
        return """
                {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "estimate"}""".formatted(reach);
    }

    /** The version a read answers as its ETag, once the views reflect this write. */
    private String eTagAfter(HttpApi.Response write, String path) {
        awaitViews(write);
        HttpApi.Response read = api.as("viewer").get(path);
        assertThat(read.status()).as(path + ": " + read.raw()).isEqualTo(200);
        return read.header("ETag");
    }

    private static void assertRefusedAt(HttpApi.Response answer, Long currentVersion) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(412);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("type").asText()).isEqualTo("urn:planning-engine:problem:precondition-failed");
        assertThat(answer.body().has("currentVersion")).as(answer.raw()).isTrue();
        if (currentVersion == null) {
            assertThat(answer.body().get("currentVersion").isNull()).as(answer.raw()).isTrue();
        } else {
            assertThat(answer.body().get("currentVersion").asLong()).as(answer.raw()).isEqualTo(currentVersion);
        }
    }

    private List<Long> reachesScored(EventStore events, String initiativeId) {
        return events.readEvents("initiative:" + initiativeId).asStream()
                     .filter(event -> event.getPayload() instanceof InitiativeScored)
                     .map(event -> ((InitiativeScored) event.getPayload()).rice().reach().longValueExact())
                     .toList();
    }

    @Nested
    @DisplayName("two planners editing one initiative")
    class TwoPlanners {

        @Test
        void bothReadVersionZero_theFirstScoresIt_theSecondIsRefusedWithTheCurrentVersionAndAppendsNothing() {
            String read = eTagAfter(propose("cw-two"), "/api/initiatives/cw-two");
            assertThat(read).isEqualTo(tag(0));

            HttpApi.Response ana = api.as("ana").with("If-Match", read).post("/api/initiatives/cw-two/score",
                                                                              score(100));
            assertThat(ana.status()).as(ana.raw()).isEqualTo(200);
            assertThat(ana.body().get("version").asLong()).isEqualTo(1);

            long taken = positionsTaken();
            HttpApi.Response ines = api.as("ines").with("If-Match", read).post("/api/initiatives/cw-two/score",
                                                                               score(900));
            assertRefusedAt(ines, 1L);
            assertThat(ines.body().get("detail").asText()).isEqualTo(
                    "initiative cw-two is at version 1, not 0: it changed since that version was read; nothing was "
                    + "appended, read it again and decide on what it is now");
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
            assertThat(reachesScored(eventStore, "cw-two")).containsExactly(100L);

            // Ines reads what Ana decided, and decides on it.
            String again = eTagAfter(ana, "/api/initiatives/cw-two");
            assertThat(again).isEqualTo(tag(1));
            HttpApi.Response decided = api.as("ines").with("If-Match", again).post("/api/initiatives/cw-two/score",
                                                                                   score(900));
            assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
            assertThat(decided.body().get("version").asLong()).isEqualTo(2);
        }

        @Test
        void withoutIfMatchTheLastWriteWinsAsBefore() {
            propose("cw-unconditional");
            api.as("ana").write("/api/initiatives/cw-unconditional/score", score(100));

            HttpApi.Response ines = api.as("ines").post("/api/initiatives/cw-unconditional/score", score(900));

            assertThat(ines.status()).as(ines.raw()).isEqualTo(200);
            assertThat(reachesScored(eventStore, "cw-unconditional")).containsExactly(100L, 900L);
        }
    }

    @Nested
    @DisplayName("the version a read answers")
    class ReadVersions {

        @Test
        void anInitiativesETagIsTheVersionItsWritesAnswer_andTakenAsIfMatchItPasses() {
            propose("cw-read-i");
            HttpApi.Response scored = api.write("/api/initiatives/cw-read-i/score", score(10));
            String eTag = eTagAfter(scored, "/api/initiatives/cw-read-i");

            assertThat(eTag).isEqualTo(tag(scored.body().get("version").asLong())).isEqualTo(tag(1));
            HttpApi.Response committed = api.with("If-Match", eTag).post("/api/initiatives/cw-read-i/commit", null);
            assertThat(committed.status()).as(committed.raw()).isEqualTo(200);
            assertThat(committed.body().get("version").asLong()).isEqualTo(2);
        }

        @Test
        void asOfAnInstantTheETagIsTheVersionThen() {
            HttpApi.Response proposed = propose("cw-read-then");
            awaitViews(proposed);
            String then = api.get("/api/initiatives/cw-read-then").body().get("asOf").asText();
            HttpApi.Response scored = api.write("/api/initiatives/cw-read-then/score", score(10));
            awaitViews(scored);

            assertThat(api.get("/api/initiatives/cw-read-then?asOf=" + then).header("ETag")).isEqualTo(tag(0));
            assertThat(api.get("/api/initiatives/cw-read-then").header("ETag")).isEqualTo(tag(1));
        }

        @Test
        void anObjectivesETagIsItsVersion_aKeyResultsCheckInMovesIt() {
            api.write("/api/objectives", """
                    {"id": "cw-goal", "cycleId": "cw-s1", "ownerTeamId": "cw-team", "title": "Goal"}""");
            api.write("/api/objectives/cw-goal/key-results", """
                    {"id": "kr", "title": "Speed", "metric": "days", "unit": "d", "baseline": 0, "target": 10}""");
            HttpApi.Response checkedIn = api.write("/api/objectives/cw-goal/key-results/kr/check-ins", """
                    {"value": 5, "confidence": 0.5}""");
            String eTag = eTagAfter(checkedIn, "/api/objectives/cw-goal");

            assertThat(eTag).isEqualTo(tag(checkedIn.body().get("version").asLong())).isEqualTo(tag(2));
            HttpApi.Response stale = api.with("If-Match", tag(1)).post(
                    "/api/objectives/cw-goal/key-results/kr/check-ins", """
                    {"value": 6, "confidence": 0.5}""");
            assertRefusedAt(stale, 2L);
            HttpApi.Response current = api.with("If-Match", eTag).post(
                    "/api/objectives/cw-goal/key-results/kr/check-ins", """
                    {"value": 6, "confidence": 0.5}""");
            assertThat(current.status()).as(current.raw()).isEqualTo(200);
        }

        @Test
        void aCyclesETagIsItsVersion() {
            api.write("/api/cycles", """
                    {"id": "cw-read-c", "name": "Read", "startDate": "2043-04-01", "endDate": "2043-09-30"}""");
            HttpApi.Response changed = api.replace("/api/cycles/cw-read-c/policy", """
                    {"policy": {"buckets": [{"name": "all", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                             "share": 100}]}, "reason": "one pot"}""");
            String eTag = eTagAfter(changed, "/api/cycles/cw-read-c");

            assertThat(eTag).isEqualTo(tag(changed.body().get("version").asLong())).isEqualTo(tag(1));
            assertRefusedAt(api.with("If-Match", tag(0)).post("/api/cycles/cw-read-c/commit", null), 1L);
            assertThat(api.with("If-Match", eTag).post("/api/cycles/cw-read-c/commit", null).status()).isEqualTo(200);
        }

        @Test
        void aTeamsETagIsItsVersion() {
            HttpApi.Response registered = api.write("/api/teams", """
                    {"id": "cw-read-t", "name": "Read"}""");

            assertThat(eTagAfter(registered, "/api/teams/cw-read-t")).isEqualTo(tag(0));
        }

        @Test
        void aTeamsPlanHasNoReadOfItsOwn_itsRowInTheCapacityViewCarriesItsVersion() {
            api.write("/api/teams", """
                    {"id": "cw-plan-t", "name": "Planned"}""");
            propose("cw-plan-i");
            api.replace("/api/cycles/cw-s1/teams/cw-plan-t/capacity", """
                    {"personWeeks": 10}""");
            HttpApi.Response policy = api.replace("/api/cycles/cw-s1/teams/cw-plan-t/policy", """
                    {"policy": {"buckets": [{"name": "all", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                             "share": 100}]}, "reason": "one pot"}""");
            awaitViews(policy);
            JsonNode row = StreamSupport.stream(api.get("/api/cycles/cw-s1/capacity").body().get("teams").spliterator(),
                                                false)
                                        .filter(team -> team.get("teamId").asText().equals("cw-plan-t"))
                                        .findFirst().orElseThrow();

            assertThat(row.get("version").asLong()).isEqualTo(policy.body().get("version").asLong()).isEqualTo(1);
            assertRefusedAt(api.with("If-Match", tag(0)).put("/api/cycles/cw-s1/teams/cw-plan-t/capacity", """
                    {"personWeeks": 12}"""), 1L);
            HttpApi.Response set = api.with("If-Match", tag(row.get("version").asLong())).put(
                    "/api/cycles/cw-s1/teams/cw-plan-t/capacity", """
                    {"personWeeks": 12}""");
            assertThat(set.status()).as(set.raw()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("If-Match: *")
    class AnyVersion {

        @Test
        void aTeamsPlanThatDoesNotExistYetIsAtNoVersion_soTheWriteThatWouldCreateItIsRefused() {
            api.write("/api/teams", """
                    {"id": "cw-star", "name": "Star"}""");
            long taken = positionsTaken();

            HttpApi.Response refused = api.with("If-Match", "*").put("/api/cycles/cw-s1/teams/cw-star/capacity", """
                    {"personWeeks": 10}""");

            assertRefusedAt(refused, null);
            assertThat(refused.body().get("detail").asText()).isEqualTo(
                    "team-plan cw-s1/cw-star does not exist yet, so it is not at any version (If-Match: *); nothing "
                    + "was appended");
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
            assertRefusedAt(api.with("If-Match", tag(0)).put("/api/cycles/cw-s1/teams/cw-star/capacity", """
                    {"personWeeks": 10}"""), null);

            api.replace("/api/cycles/cw-s1/teams/cw-star/capacity", """
                    {"personWeeks": 10}""");
            HttpApi.Response exists = api.with("If-Match", "*").put("/api/cycles/cw-s1/teams/cw-star/capacity", """
                    {"personWeeks": 12}""");
            assertThat(exists.status()).as(exists.raw()).isEqualTo(200);
            assertThat(exists.body().get("version").asLong()).isEqualTo(1);
        }

        @Test
        void anInitiativeThatDoesNotExistIsUnknown_asWithoutIfMatch() {
            HttpApi.Response unknown = api.with("If-Match", "*").post("/api/initiatives/cw-nobody/commit", null);

            assertThat(unknown.status()).as(unknown.raw()).isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("what If-Match is not")
    class Malformed {

        @ParameterizedTest(name = "If-Match: {0}")
        @ValueSource(strings = {"0", "W/\"0\"", "\"0\", \"1\"", "\"zero\"", "\"-1\"", "\"00\"", "0, *"})
        void anythingButOneVersionInQuotesOrAStarIsMalformed_andNothingIsAppended(String ifMatch) {
            propose("cw-bad-" + Math.abs(ifMatch.hashCode()));
            long taken = positionsTaken();

            HttpApi.Response refused = api.with("If-Match", ifMatch).post(
                    "/api/initiatives/cw-bad-" + Math.abs(ifMatch.hashCode()) + "/commit", null);

            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.body().get("type").asText()).isEqualTo("urn:planning-engine:problem:malformed-request");
            assertThat(refused.body().get("detail").asText()).isEqualTo(
                    "If-Match must be one version in quotes, as a read's ETag gives it (\"3\"), or * for any version; "
                    + "was " + ifMatch);
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
        }

        @Test
        void writesThatTakeNoIfMatchRefuseIt_ratherThanApplyUnconditionally() {
            long taken = positionsTaken();
            HttpApi conditional = api.with("If-Match", tag(0));
            List<HttpApi.Response> refused = List.of(
                    conditional.post("/api/initiatives", """
                            {"id": "cw-create", "cycleId": "cw-s1", "teamId": "cw-team", "title": "C",
                             "category": "KTLO"}"""),
                    conditional.post("/api/cycles", """
                            {"id": "cw-create", "name": "C", "startDate": "2044-04-01", "endDate": "2044-09-30"}"""),
                    conditional.post("/api/teams", """
                            {"id": "cw-create", "name": "C"}"""),
                    conditional.post("/api/objectives", """
                            {"id": "cw-create", "cycleId": "cw-s1", "title": "C"}"""),
                    conditional.post("/api/lessons", """
                            {"cycleId": "cw-s1", "text": "C"}"""),
                    conditional.postFile("/api/cycles/cw-s1/imports", "text/csv",
                                         "title,team,category\nImported,cw-team,KTLO\n"),
                    conditional.put("/api/admin/users/cw-user", """
                            {"password": "a-long-enough-password", "roles": ["VIEWER"]}"""),
                    conditional.post("/api/admin/projections/plan/dead-letters/retry", null));

            for (HttpApi.Response answer : refused) {
                assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
                assertThat(answer.body().get("detail").asText()).as(answer.raw())
                        .contains("takes no If-Match: only a write to one item that exists does");
                assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("If-Match");
            }
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
            assertThat(api.get("/api/admin/users").raw()).doesNotContain("cw-user");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"If-None-Match", "If-Modified-Since", "If-Unmodified-Since"})
        void noWriteTakesAnotherPrecondition(String header) {
            propose("cw-other-" + header.toLowerCase());
            long taken = positionsTaken();

            HttpApi.Response refused = api.with(header, header.equals("If-None-Match") ? "*"
                                                                                      : "Tue, 01 Jan 2041 00:00:00 GMT")
                                          .post("/api/initiatives/cw-other-" + header.toLowerCase() + "/commit", null);

            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo(header);
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
        }

        @Test
        void readsEvaluateNoPrecondition_andAnswerWhole() {
            awaitViews(propose("cw-read-whole"));

            HttpApi.Response revalidated = api.with("If-None-Match", tag(0)).get("/api/initiatives/cw-read-whole");

            assertThat(revalidated.status()).as("no 304: the rank may have moved").isEqualTo(200);
            assertThat(revalidated.header("ETag")).isEqualTo(tag(0));
            assertThat(revalidated.body().get("initiativeId").asText()).isEqualTo("cw-read-whole");
        }
    }

    @Nested
    @DisplayName("beside the other rules of a write")
    class Order {

        @Test
        void aRetryUnderItsIdempotencyKeyIsAnsweredAsBefore_thoughItMovedTheVersionOn() {
            propose("cw-retry");
            HttpApi retrying = api.with("If-Match", tag(0)).with("Idempotency-Key", "cw-retry-1");
            HttpApi.Response first = retrying.post("/api/initiatives/cw-retry/score", score(10));
            long taken = positionsTaken();

            HttpApi.Response retry = retrying.post("/api/initiatives/cw-retry/score", score(10));

            assertThat(first.status()).as(first.raw()).isEqualTo(200);
            assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
        }

        @Test
        void aWriteThatWouldChangeNothingIsRefusedOnAStaleVersion_andAnsweredOnTheCurrentOne() {
            propose("cw-same");
            api.write("/api/initiatives/cw-same/score", score(10));
            long taken = positionsTaken();

            assertRefusedAt(api.with("If-Match", tag(0)).post("/api/initiatives/cw-same/score", score(10)), 1L);
            HttpApi.Response same = api.with("If-Match", tag(1)).post("/api/initiatives/cw-same/score", score(10));
            assertThat(same.status()).as(same.raw()).isEqualTo(200);
            assertThat(same.body().get("version").asLong()).isEqualTo(1);
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
        }

        @Test
        void theVersionIsCheckedBeforeTheRules_aStaleCommitOfACommittedInitiativeIsTheStaleOne() {
            propose("cw-order");
            api.write("/api/initiatives/cw-order/commit", null);

            assertRefusedAt(api.with("If-Match", tag(0)).post("/api/initiatives/cw-order/commit", null), 1L);
            assertThat(api.with("If-Match", tag(1)).post("/api/initiatives/cw-order/commit", null).status())
                    .as("committed already").isEqualTo(409);
        }

        /**
         * If-Match names the initiative's version: the release of its allocation that a drop appends to the team's
         * plan needs none, and moves the plan's version on, so a client holding the plan's older one is refused.
         */
        @Test
        void aDropReleasesTheAllocationOnTheTeamsPlanWhateverItsVersion_andMovesItOn() {
            api.write("/api/teams", """
                    {"id": "cw-drop-t", "name": "Drops"}""");
            api.write("/api/initiatives", """
                    {"id": "cw-drop", "cycleId": "cw-s1", "teamId": "cw-drop-t", "title": "Drop",
                     "category": "KTLO"}""");
            api.replace("/api/cycles/cw-s1/teams/cw-drop-t/capacity", """
                    {"personWeeks": 10}""");
            HttpApi.Response allocated = api.write("/api/cycles/cw-s1/teams/cw-drop-t/allocations", """
                    {"initiativeId": "cw-drop", "personWeeks": 4}""");
            long planVersion = allocated.body().get("version").asLong();

            HttpApi.Response dropped = api.with("If-Match", tag(0)).post("/api/initiatives/cw-drop/drop", """
                    {"reason": "not this half"}""");

            assertThat(dropped.status()).as(dropped.raw()).isEqualTo(200);
            assertRefusedAt(api.with("If-Match", tag(planVersion)).put("/api/cycles/cw-s1/teams/cw-drop-t/capacity",
                                                                       """
                    {"personWeeks": 8}"""), planVersion + 1);
        }
    }

    @Nested
    @DisplayName("writes racing from one version")
    class Races {

        /** Within one engine the writes to an aggregate take turns: all but the first find it moved on. */
        @Test
        void onOneEngineExactlyOneSucceeds_theOthersAreTold412() throws Exception {
            propose("cw-race");
            long taken = positionsTaken();

            Map<Integer, Integer> byStatus = race(writer -> api.with("If-Match", tag(0)), "cw-race");

            assertThat(byStatus).isEqualTo(Map.of(200, 1, 412, WRITERS - 1));
            assertThat(reachesScored(eventStore, "cw-race")).hasSize(1);
            assertThat(positionsTaken()).as("positions taken").isEqualTo(taken + 1);
        }

        /**
         * Two engines share no lock: both may load the initiative at version 0 and decide, and the log's unique
         * (aggregate, sequence) key takes the first append of sequence 1 only. The loser is sent again and meets the
         * check again, on version 1: a 412, never a decision on the winner's score, nor a 409 after retries.
         */
        @Test
        void throughTwoEnginesOnOneMongoDbExactlyOneSucceedsToo() throws Exception {
            String uri = MongoTestServer.connectionString() + "/conditional-writes";
            try (ConfigurableApplicationContext one = engine(uri); ConfigurableApplicationContext two = engine(uri)) {
                List<HttpApi> engines = List.of(new HttpApi(portOf(one)), new HttpApi(portOf(two)));
                HttpApi first = engines.get(0);
                first.write("/api/cycles", """
                        {"id": "cw-s9", "name": "Two", "startDate": "2041-04-01", "endDate": "2041-09-30"}""");
                first.write("/api/teams", """
                        {"id": "cw-team9", "name": "Two"}""");
                first.write("/api/initiatives", """
                        {"id": "cw-race2", "cycleId": "cw-s9", "teamId": "cw-team9", "title": "Race",
                         "category": "KTLO"}""");

                List<Long> accepted = new ArrayList<>();
                Map<Integer, Integer> byStatus = race(writer -> engines.get(writer % 2).with("If-Match", tag(0)),
                                                      "cw-race2", accepted);

                assertThat(byStatus).isEqualTo(Map.of(200, 1, 412, WRITERS - 1));
                assertThat(reachesScored(one.getBean(EventStore.class), "cw-race2")).isEqualTo(accepted);
            }
        }

        /** Retries of one request under one key and one If-Match: all answered alike, whoever made the write. */
        @Test
        void retriesOfOneRequestRacingUnderItsKeyAreAllAnsweredItsAnswer() throws Exception {
            propose("cw-race-key");
            HttpApi retrying = api.with("If-Match", tag(0)).with("Idempotency-Key", "cw-race-key-1");

            List<HttpApi.Response> answers = all(writer -> () -> retrying.post("/api/initiatives/cw-race-key/score",
                                                                                 score(7)));

            Set<String> bodies = new HashSet<>();
            for (HttpApi.Response answer : answers) {
                assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                bodies.add(answer.raw());
            }
            assertThat(bodies).hasSize(1);
            assertThat(reachesScored(eventStore, "cw-race-key")).containsExactly(7L);
        }

        private Map<Integer, Integer> race(IntFunction<HttpApi> client, String initiativeId) throws Exception {
            return race(client, initiativeId, new ArrayList<>());
        }

        /** Every writer scores the initiative with a reach of its own, all from version 0; answers by status. */
        private Map<Integer, Integer> race(IntFunction<HttpApi> client, String initiativeId, List<Long> accepted)
                throws Exception {
            List<HttpApi.Response> answers = all(writer -> () -> client.apply(writer).post(
                    "/api/initiatives/" + initiativeId + "/score", score(100 + writer)));
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (int writer = 0; writer < answers.size(); writer++) {
                HttpApi.Response answer = answers.get(writer);
                byStatus.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 200) {
                    accepted.add(100L + writer);
                } else {
                    assertRefusedAt(answer, 1L);
                }
            }
            return byStatus;
        }

        /** Sends what each writer sends, all released at once, and answers their answers in writer order. */
        private List<HttpApi.Response> all(IntFunction<Callable<HttpApi.Response>> writes) throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<HttpApi.Response>> answers = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    Callable<HttpApi.Response> write = writes.apply(writer);
                    answers.add(writers.submit(() -> {
                        start.await();
                        return write.call();
                    }));
                }
                start.countDown();
                List<HttpApi.Response> done = new ArrayList<>();
                for (Future<HttpApi.Response> answer : answers) {
                    done.add(answer.get());
                }
                return done;
            } finally {
                writers.shutdownNow();
            }
        }

        private static ConfigurableApplicationContext engine(String mongoUri) {
            return new SpringApplicationBuilder(PlanningEngineApplication.class)
                    .run("--server.port=0", "--spring.data.mongodb.uri=" + mongoUri,
                         "--spring.application.name=conditional");
        }

        private static int portOf(ConfigurableApplicationContext engine) {
            return Integer.parseInt(engine.getEnvironment().getProperty("local.server.port"));
        }
    }
}
