package org.planningengine.events.okr;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of an objective a review may adjust. Stored in events by the names the API uses (the JSON of
 * {@link FieldChange} is the same as when the field was a free string).
 */
public enum ObjectiveField {
    @JsonProperty("title") TITLE("title"),
    @JsonProperty("ownerTeamId") OWNER_TEAM("ownerTeamId"),
    @JsonProperty("parentObjectiveId") PARENT("parentObjectiveId");

    private final String fieldName;

    ObjectiveField(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The field's name in the API, the events and the views. */
    public String fieldName() {
        return fieldName;
    }
}
