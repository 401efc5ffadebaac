package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/**
 * Align a carried-forward objective under the successor of its predecessor's parent, which is being carried into the
 * same cycle now ({@link Alignments}).
 *
 * @param parentObjectiveId          the parent its predecessor was aligned under
 * @param successorObjectiveId       that parent's successor, being created in the same unit of work
 * @param successorParentObjectiveId the successor's own parent (null for none), where a loop would be found
 * @param reason                     what caused it, as the history shows it
 */
public record FollowParentForward(String objectiveId, String parentObjectiveId, String successorObjectiveId,
                                  String successorParentObjectiveId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
