package org.planningengine.eventlog;

import org.axonframework.eventhandling.DomainEventMessage;

/** An event of a branch, with its position among the branch's own events (from 0). */
public record BranchEvent(long position, DomainEventMessage<?> message) {
}
