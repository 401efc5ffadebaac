package org.planningengine.events.cycle;

import org.planningengine.events.initiative.InitiativeStatus;

import java.math.BigDecimal;

/**
 * An initiative a cycle closed with that was committed or in progress: its title and team, its status and the
 * person-weeks its team's plan gave it at the close (0 when none).
 */
public record UnfinishedInitiative(String initiativeId, String title, String teamId, InitiativeStatus status,
                                   BigDecimal allocatedPersonWeeks) {
}
