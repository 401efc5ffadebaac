package org.planningengine.events.okr;

/**
 * How an objective's progress rolls up the progress of its parts: its own key results and the objectives aligned
 * under it. {@code MEAN} counts every part alike; {@code WEIGHTED} counts each by its weight (1 unless given).
 */
public enum RollupMode {
    MEAN, WEIGHTED
}
