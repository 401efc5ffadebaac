package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A planning cycle (normally a semester) began its planning. */
@Revision("1")
public record CycleStarted(String cycleId, String name, LocalDate startDate, LocalDate endDate,
                           CapacityPolicy policy) {
}
