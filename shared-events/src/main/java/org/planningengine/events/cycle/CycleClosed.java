package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The cycle ended; nothing in it is scored, committed or allocated any more. {@code unfinished} is the work it
 * closed with: its initiatives that were committed or in progress at the close, in the order of their ids; empty
 * when there was none, and null when it is not known (a close of revision 1, which did not record it).
 */
@Revision("2")
public record CycleClosed(String cycleId, List<UnfinishedInitiative> unfinished) {
}
