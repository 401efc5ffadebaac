package org.planningengine.events.okr;

/** The developer-productivity SPACE dimension a key result measures. */
public enum SpaceDimension {
    SATISFACTION, PERFORMANCE, ACTIVITY, COMMUNICATION, EFFICIENCY
}
