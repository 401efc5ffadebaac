package org.planningengine.query.scenario;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.scenario.ScenarioApplied;
import org.planningengine.events.scenario.ScenarioDiscarded;
import org.planningengine.events.scenario.ScenarioForked;
import org.planningengine.events.scenario.ScenarioRenamed;
import org.planningengine.events.scenario.ScenarioStatus;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewScope;
import org.planningengine.query.views.ViewTime;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** The scenarios from the log: what each is, and what became of it. Its events are the plan's, never a branch's. */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class ScenarioProjection {

    private final ScenarioViews scenarios;
    private final MongoDatabase database;

    public ScenarioProjection(ScenarioViews scenarios, MongoDatabase planningDatabase) {
        this.scenarios = scenarios;
        this.database = planningDatabase;
    }

    @EventHandler
    void on(ScenarioForked event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor) {
        scenarios.apply(event.scenarioId(), sequence, at, scenario -> scenario
                .append("cycleId", event.cycleId()).append("name", event.name())
                .append("forkedAt", ViewTime.format(event.forkedAt())).append("teamId", event.teamId())
                .append("status", ScenarioStatus.after(null, event).name())
                .append("createdBy", actor).append("createdAt", ViewTime.format(at)));
    }

    @EventHandler
    void on(ScenarioRenamed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        scenarios.apply(event.scenarioId(), sequence, at, scenario -> scenario.put("name", event.name()));
    }

    @EventHandler
    void on(ScenarioDiscarded event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor, @MetaDataValue(EventMetadata.REASON) String reason) {
        scenarios.apply(event.scenarioId(), sequence, at, scenario -> scenario
                .append("status", ScenarioStatus.DISCARDED.name())
                .append("closedBy", actor).append("closedAt", ViewTime.format(at)).append("closedBecause", reason));
    }

    @EventHandler
    void on(ScenarioApplied event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor, @MetaDataValue(EventMetadata.REASON) String reason) {
        scenarios.apply(event.scenarioId(), sequence, at, scenario -> scenario
                .append("status", ScenarioStatus.APPLIED.name()).append("appliedCommands", event.commands())
                .append("closedBy", actor).append("closedAt", ViewTime.format(at)).append("closedBecause", reason));
    }

    /**
     * A replay of the plan's views rebuilds every scenario's too: their own documents are dropped, and the next read
     * of each brings them up from its branch again, over the plan's views as the replay rebuilt them.
     */
    @ResetHandler
    void reset() {
        scenarios.clear();
        for (String name : database.listCollectionNames()) {
            if (name.startsWith(ViewScope.PREFIX)) {
                database.getCollection(name).drop();
            }
        }
    }
}
