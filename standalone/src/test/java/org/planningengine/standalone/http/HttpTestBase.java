package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.standalone.PlanningEngineApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone application on its embedded server (in memory, so every HTTP test class shares one running
 * engine), driven through HTTP. Each test class uses ids of its own.
 */
@SpringBootTest(classes = PlanningEngineApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "planning.embedded-mongo.backend=MEMORY")
abstract class HttpTestBase {

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;

    HttpApi api;

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    /** Positions taken so far: every append takes positions, so an unchanged count means nothing was appended. */
    long positionsTaken() {
        Document counter = database.getCollection(MongoEventLog.SEQUENCE_COLLECTION)
                                   .find(Filters.eq("_id", "position")).first();
        return counter == null ? 0 : counter.get("allocated", Number.class).longValue();
    }

    /** Follows an import's status until it is no longer running, insists that it is done, and answers it. */
    JsonNode awaitImported(HttpApi.Response started) {
        assertThat(started.status()).as(started.raw()).isIn(200, 202);
        String path = "/api/cycles/" + started.body().get("cycleId").asText() + "/imports/"
                      + started.body().get("id").asText();
        Await.until("import " + path + " to finish",
                    () -> !api.get(path).body().get("status").asText().equals("RUNNING"));
        JsonNode done = api.get(path).body();
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        return done;
    }

    /** Waits until the plan views reflect every event appended so far. */
    void awaitAllViews() {
        HttpApi.awaitProcessed(processing, PlanProgress.GROUP, positionsTaken() - 1);
    }

    /** Waits until the plan views reflect the write that answered this. */
    void awaitViews(HttpApi.Response write) {
        HttpApi.awaitProcessed(processing, PlanProgress.GROUP, write.position());
    }
}
