package org.planningengine.standalone;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.command.cycle.StartCycle;
import org.planningengine.command.okr.ReviewObjective;
import org.planningengine.command.okr.SetObjective;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.query.admin.ViewsUpgrade;
import org.planningengine.query.decision.DecisionProjection;
import org.planningengine.query.views.PlanProgress;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Views built by an engine that kept them in an older shape are rebuilt when a newer one starts on them; views of
 * the current shape are left as they are.
 */
class ViewsUpgradeTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlanningEngineApplication.class)
                .run("--server.port=0", "--planning.embedded-mongo.data-dir=" + dataDir);
    }

    @Test
    void viewsOfAnOlderShapeAreRebuiltAtStartAndViewsOfTheCurrentOneAreNot() {
        try (ConfigurableApplicationContext first = start()) {
            send(first, new StartCycle("upg-s1", "Upgrade", LocalDate.parse("2040-04-01"),
                                       LocalDate.parse("2040-09-30"), null));
            send(first, new SetObjective("upg-o1", "upg-s1", null, "Upgrade cleanly", null));
            awaitViews(first);
            assertThat(version(first)).isEqualTo(ViewsUpgrade.VERSION);
            // What an engine of shape 1 left behind: no decision subjects, no version.
            MongoDatabase database = first.getBean(MongoDatabase.class);
            database.getCollection(DecisionProjection.SUBJECTS).drop();
            database.getCollection(ViewsUpgrade.COLLECTION).drop();
        }

        try (ConfigurableApplicationContext second = start()) {
            send(second, new ReviewObjective("upg-o1", ReviewOutcome.KEEP, null, "on track"));
            awaitViews(second);
            MongoDatabase database = second.getBean(MongoDatabase.class);
            assertThat(database.getCollection(DecisionProjection.SUBJECTS).countDocuments()).isEqualTo(1);
            assertThat(database.getCollection(DecisionProjection.COLLECTION)
                               .countDocuments(Filters.eq("type", "ObjectiveReviewed"))).isEqualTo(1);
            assertThat(version(second)).isEqualTo(ViewsUpgrade.VERSION);
            database.getCollection(DecisionProjection.COLLECTION).deleteMany(Filters.eq("type", "ObjectiveReviewed"));
        }

        try (ConfigurableApplicationContext third = start()) {
            send(third, new ReviewObjective("upg-o1", ReviewOutcome.KEEP, null, "still on track"));
            awaitViews(third);
            // A replay would have been done by now, and brought the first review back.
            assertThat(third.getBean(MongoDatabase.class).getCollection(DecisionProjection.COLLECTION)
                            .countDocuments(Filters.eq("type", "ObjectiveReviewed"))).isEqualTo(1);
        }
    }

    private static void send(ConfigurableApplicationContext engine, Object command) {
        engine.getBean(CommandGateway.class).sendAndWait(command, MetaData.with(EventMetadata.ACTOR, "upgrader"));
    }

    /** Until the plan views reflect every event appended so far. */
    private static void awaitViews(ConfigurableApplicationContext engine) {
        MongoDatabase database = engine.getBean(MongoDatabase.class);
        long last = database.getCollection(MongoEventLog.SEQUENCE_COLLECTION).find(Filters.eq("_id", "position"))
                            .first().get("allocated", Number.class).longValue() - 1;
        PlanProgress progress = engine.getBean(PlanProgress.class);
        Await.until("the plan views to reflect position " + last, () -> progress.reflects(last));
    }

    private static int version(ConfigurableApplicationContext engine) {
        Document stored = engine.getBean(MongoDatabase.class).getCollection(ViewsUpgrade.COLLECTION)
                                .find(Filters.eq("_id", PlanProgress.GROUP)).first();
        return stored == null ? 0 : stored.getInteger("version");
    }
}
