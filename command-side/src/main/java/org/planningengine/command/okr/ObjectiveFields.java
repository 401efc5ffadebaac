package org.planningengine.command.okr;

/** The fields of an objective a review may adjust, by the names the API and the events use. */
public final class ObjectiveFields {

    public static final String TITLE = "title";
    public static final String OWNER = "ownerTeamId";
    public static final String PARENT = "parentObjectiveId";

    private ObjectiveFields() {
    }
}
