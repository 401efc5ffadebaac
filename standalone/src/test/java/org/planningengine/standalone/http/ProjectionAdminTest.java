package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.views.PlanProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Replaying every projection from the log while the engine serves, and watching how far they are. */
class ProjectionAdminTest extends HttpTestBase {

    private JsonNode plan() {
        JsonNode status = api.get("/api/admin/projections/status").body();
        return StreamSupport.stream(status.get("projections").spliterator(), false)
                            .filter(projection -> projection.get("name").asText().equals(PlanProgress.GROUP))
                            .findFirst().orElseThrow();
    }

    private boolean caughtUpWith(long position) {
        JsonNode plan = plan();
        return !plan.get("replaying").asBoolean() && plan.get("position").asLong() >= position;
    }

    @Test
    void aReplayRebuildsTheViewsAndTheStatusFollowsIt() {
        HttpApi.Response started = api.write("/api/cycles", """
                {"id": "adm-s1", "name": "Administered", "startDate": "2034-04-01", "endDate": "2034-09-30"}""");
        awaitViews(started);
        Await.until("the plan projection to catch up", () -> caughtUpWith(started.position()));
        JsonNode plan = plan();
        assertThat(plan.get("lag").asLong()).isZero();
        assertThat(plan.get("progress").decimalValue()).isEqualByComparingTo("1");
        assertThat(plan.has("eventsPerSecond")).isTrue();

        // A view that no longer matches the log: only a rebuild from the log puts it right.
        database.getCollection(CycleViews.COLLECTION).updateOne(Filters.eq("_id", "adm-s1"),
                                                                Updates.set("name", "Tampered"));
        assertThat(api.get("/api/cycles/adm-s1").body().get("name").asText()).isEqualTo("Tampered");

        HttpApi.Response replay = api.post("/api/admin/projections/replay", null);
        assertThat(replay.status()).isEqualTo(202);
        List<String> processors = new ArrayList<>();
        replay.body().get("processors").forEach(name -> processors.add(name.asText()));
        assertThat(processors).contains(PlanProgress.GROUP);

        Await.until("the replay to rebuild the cycle's view", () -> {
            HttpApi.Response cycle = api.get("/api/cycles/adm-s1");
            return cycle.status() == 200 && cycle.body().get("name").asText().equals("Administered");
        });
        Await.until("the replay to finish", () -> caughtUpWith(started.position()));
    }

    /**
     * A replay asked for while the processor is still claiming its segment after the previous one (Axon's tracking
     * processor, shut down in that moment, would lose its thread and never claim again) waits for the claim.
     */
    @Test
    void replaysOneRightAfterAnotherEndWithTheViewsCaughtUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/admin/projections/replay", null).status()).isEqualTo(202);
        }
        HttpApi.Response written = api.write("/api/cycles", """
                {"id": "adm-s2", "name": "Replayed thrice", "startDate": "2034-10-01", "endDate": "2035-03-31"}""");
        Await.until("the plan projection to catch up after the replays", () -> caughtUpWith(written.position()),
                    Duration.ofMinutes(2));
        assertThat(api.get("/api/cycles/adm-s2").body().get("name").asText()).isEqualTo("Replayed thrice");
    }
}
