package org.planningengine.events.okr;

/** One field an adjustment changed, from what to what (null for none). */
public record FieldChange(ObjectiveField field, String from, String to) {
}
