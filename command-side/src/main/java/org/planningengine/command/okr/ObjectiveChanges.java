package org.planningengine.command.okr;

/** What an ADJUST review changes; a field left null stays as it is. */
public record ObjectiveChanges(String title, String ownerTeamId, String parentObjectiveId) {
}
