package org.planningengine.command.lesson;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.util.List;

/** Record a lesson learned in a cycle, about the cycle or one of its objectives or initiatives. */
public record RecordLesson(String lessonId, String cycleId, String subjectId, String text, List<String> tags)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.lesson(lessonId);
    }
}
