package org.planningengine.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.planningengine.query.views.PlanProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the plan views when they were built in another shape than the one this code keeps (a view collection
 * added, a field changed): the shape's version is stored beside the views, and at start a version other than
 * {@link #VERSION} replays the plan views from the start of the log, as an administrator's replay does. Views built
 * before versions were stored count as version 1.
 */
@Component
public class ViewsUpgrade {

    /**
     * Raise it with every change to what the plan views keep. 2: the decision log keeps its subjects' cycles
     * ({@code view_decision_subjects}). 3: each decision keeps its values; the teams have a view
     * ({@code view_teams}). 4: cycles, teams, initiatives and objectives keep whether they are archived; an
     * objective keeps its roll-up, a key result and each check-in when it was measured; a guardrail override keeps
     * its cause, a close's decision its unfinished work, and a cycle's and a team plan's version follow the
     * commitments recorded on the cycle and the cycle's policies adopted by the plan.
     */
    public static final int VERSION = 4;
    public static final String COLLECTION = "view_versions";

    private static final Logger log = LoggerFactory.getLogger(ViewsUpgrade.class);

    private final MongoCollection<Document> versions;
    private final EventProcessingConfiguration processing;
    private final EventStorageEngine events;

    ViewsUpgrade(MongoDatabase planningDatabase, EventProcessingConfiguration processing, EventStorageEngine events) {
        this.versions = planningDatabase.getCollection(COLLECTION);
        this.processing = processing;
        this.events = events;
    }

    /**
     * Runs after the processor is built and before it starts (a start handler of the query side's configuration), so that the reset needs no shut-down: Axon
     * 4.12's tracking processor, shut down while it claims its segments as it does just after a start, loses the
     * thread and never claims again.
     */
    public void rebuildViewsOfAnotherShape() {
        Document stored = versions.find(Filters.eq("_id", PlanProgress.GROUP)).first();
        // Without a stored version the views are new when the log is, else an older engine built them.
        int built = stored != null ? stored.getInteger("version") : events.createHeadToken() == null ? VERSION : 1;
        if (built != VERSION) {
            log.info("The plan views were built in shape {}, this engine keeps shape {}: replaying them", built,
                     VERSION);
            try {
                processing.eventProcessor(PlanProgress.GROUP, StreamingEventProcessor.class).orElseThrow()
                          .resetTokens();
            } catch (UnableToClaimTokenException heldElsewhere) {
                log.warn("Could not replay the plan views at start (another replica holds segments of them); the "
                         + "replica that holds them replays them when it starts, or an administrator can");
                return;
            }
        }
        versions.replaceOne(Filters.eq("_id", PlanProgress.GROUP),
                            new Document("_id", PlanProgress.GROUP).append("version", VERSION),
                            new ReplaceOptions().upsert(true));
    }
}
