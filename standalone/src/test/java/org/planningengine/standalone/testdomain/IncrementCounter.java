package org.planningengine.standalone.testdomain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Test-only command: the domain's commands come with the domain issues. */
public record IncrementCounter(@TargetAggregateIdentifier String counterId) {
}
