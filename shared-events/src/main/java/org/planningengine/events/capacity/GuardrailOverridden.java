package org.planningengine.events.capacity;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * An allocation took a bucket above its share plus tolerance of the team's capacity, and was made anyway: someone
 * (the actor) said why (the reason), both in the metadata. Shares are in percent of the team's capacity; the
 * resulting one is rounded to 4 decimals.
 */
@Revision("1")
public record GuardrailOverridden(String cycleId, String teamId, String initiativeId, String bucket,
                                  int targetShare, int tolerance, BigDecimal resultingShare) {
}
