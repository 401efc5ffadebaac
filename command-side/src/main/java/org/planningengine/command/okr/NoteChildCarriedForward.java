package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/**
 * Tell a parent objective that one aligned under it is being carried forward ({@link Alignments}): it answers its own
 * successor when that is in the same cycle (the child's successor goes under it), else remembers the child for its
 * own carry-forward.
 */
public record NoteChildCarriedForward(String objectiveId, String childObjectiveId, String toCycleId,
                                      String successorObjectiveId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
