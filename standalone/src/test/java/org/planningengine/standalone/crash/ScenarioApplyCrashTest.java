package org.planningengine.standalone.crash;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.config.EventLogAutoConfiguration;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying a scenario is one commit: the engine killed between reserving that commit's positions and inserting it
 * ({@code planning.event-log.halt-after-reserving}, the test-only fault; a scenario's own writes are on its branch,
 * so the application's commit is the first the fault meets) leaves none of the scenario's writes in the plan, and
 * the scenario open; applied again after the restart, every one of them is there, once.
 */
class ScenarioApplyCrashTest {

    private static final String CYCLE = "/api/cycles/apply-s1";

    @TempDir
    Path tempDir;

    private static String initiative(String id) {
        return """
                {"id": "%s", "cycleId": "apply-s1", "teamId": "apply-team", "title": "%s", "category": "KTLO"}"""
                .formatted(id, id);
    }

    private static String score(int reach) {
        return "{\"reach\": %d, \"impact\": 1, \"confidence\": 1, \"effort\": 1, \"reason\": \"estimate\"}"
                .formatted(reach);
    }

    private static List<String> ranked(EngineProcess engine) {
        List<String> ranked = new ArrayList<>();
        engine.json(CYCLE + "/roadmap").get("items").forEach(item -> ranked.add(item.get("initiativeId").asText()));
        return ranked;
    }

    private static long fromTheScenario(EngineProcess engine) {
        long applied = 0;
        for (JsonNode decision : engine.json("/api/decisions?cycle=apply-s1&size=100").get("decisions")) {
            applied += decision.path("scenarioId").asText("").equals("what-if") ? 1 : 0;
        }
        return applied;
    }

    @Test
    void anApplicationKilledBeforeItsCommitLeavesNothingAndAppliedAgainLeavesEverythingOnce() throws Exception {
        Path dataDir = tempDir.resolve("data");
        EngineProcess engine = EngineProcess.start(dataDir, tempDir, "first").awaitReady();
        engine.write("POST", "/api/cycles", """
                {"id": "apply-s1", "name": "Apply", "startDate": "2046-04-01", "endDate": "2046-09-30"}""");
        engine.write("POST", "/api/teams", "{\"id\": \"apply-team\", \"name\": \"Apply\"}");
        engine.write("PUT", CYCLE + "/teams/apply-team/capacity", "{\"personWeeks\": 20}");
        for (String id : List.of("first", "second")) {
            engine.write("POST", "/api/initiatives", initiative(id));
        }
        engine.write("POST", "/api/initiatives/first/score", score(100));
        engine.write("POST", "/api/initiatives/second/score", score(10));
        engine.write("POST", CYCLE + "/scenarios", "{\"id\": \"what-if\", \"name\": \"Second first\"}");
        engine.write("POST", "/api/scenarios/what-if/initiatives/second/score", score(1000));
        engine.write("POST", "/api/scenarios/what-if" + CYCLE.substring(4) + "/teams/apply-team/allocations",
                     "{\"initiativeId\": \"second\", \"personWeeks\": 5}");
        engine.write("POST", "/api/scenarios/what-if/initiatives", initiative("third"));
        engine.kill();

        engine = EngineProcess.start(dataDir, tempDir, "halting", "--planning.event-log.halt-after-reserving=true")
                              .awaitReady();
        assertThat(engine.send("POST", "/api/scenarios/what-if/apply", "{}")).as("no answer from the dead").isNull();
        assertThat(engine.awaitExit()).isEqualTo(EventLogAutoConfiguration.HALTED_AFTER_RESERVING);

        EngineProcess restarted = EngineProcess.start(dataDir, tempDir, "restarted",
                                                      "--planning.event-log.gap-timeout=5s").awaitReady();
        try {
            assertThat(ranked(restarted)).containsExactly("first", "second");
            assertThat(restarted.get("/api/initiatives/third").statusCode()).isEqualTo(404);
            assertThat(restarted.json(CYCLE + "/capacity").get("teams").get(0).get("allocatedPersonWeeks").asInt())
                    .isZero();
            assertThat(fromTheScenario(restarted)).isZero();
            assertThat(restarted.json("/api/scenarios/what-if").get("status").asText()).isEqualTo("OPEN");

            HttpResponse<String> applied = restarted.write("POST", "/api/scenarios/what-if/apply",
                                                           "{\"reason\": \"after the crash\"}");
            assertThat(applied.body()).contains("\"commands\":3");
            String position = applied.body().replaceAll(".*\"position\":(\\d+).*", "$1");
            restarted.json("/api/scenarios/what-if?consistentWith=" + position);
            assertThat(ranked(restarted)).containsExactly("second", "first", "third");
            assertThat(restarted.json(CYCLE + "/capacity").get("teams").get(0).get("allocatedPersonWeeks").asInt())
                    .isEqualTo(5);
            assertThat(fromTheScenario(restarted)).as("the score and the allocation, once each").isEqualTo(2);
            assertThat(restarted.json("/api/scenarios/what-if").get("status").asText()).isEqualTo("APPLIED");
        } finally {
            restarted.kill();
        }
    }
}
