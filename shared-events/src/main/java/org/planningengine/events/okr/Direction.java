package org.planningengine.events.okr;

/** Which way a key result's metric should move. */
public enum Direction {
    INCREASE, DECREASE
}
