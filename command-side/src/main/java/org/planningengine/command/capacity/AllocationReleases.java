package org.planningengine.command.capacity;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Releases an initiative's allocation in the unit of work of the decision that causes it (a drop, a deferral), so
 * that both aggregates' events are one commit of the log: visible together or not at all, retried together after a
 * lost append race, answered together under an idempotency key (decision record 0010).
 */
@Component
public class AllocationReleases {

    private final Supplier<Repository<TeamCyclePlan>> plans;

    /** On the engine's repository of plans, found once the Axon configuration is built (it needs this one). */
    @Autowired
    public AllocationReleases(ObjectProvider<Configuration> axon) {
        this(() -> axon.getObject().repository(TeamCyclePlan.class));
    }

    /** On a repository of plans of one's own (an aggregate test's). */
    public AllocationReleases(Supplier<Repository<TeamCyclePlan>> plans) {
        this.plans = plans;
    }

    /** Releases what the team's plan for the cycle gives the initiative: nothing when it gives none or has no plan. */
    public void release(ReleaseAllocation command) throws Exception {
        Aggregate<TeamCyclePlan> plan;
        try {
            plan = plans.get().load(command.aggregateId());
        } catch (AggregateNotFoundException noPlan) {
            return;
        }
        plan.handle(GenericCommandMessage.asCommandMessage(command));
    }
}
