package org.planningengine.events.initiative;

import java.util.List;

import static org.planningengine.events.initiative.InitiativeStatus.COMMITTED;
import static org.planningengine.events.initiative.InitiativeStatus.DONE;
import static org.planningengine.events.initiative.InitiativeStatus.DROPPED;
import static org.planningengine.events.initiative.InitiativeStatus.IN_PROGRESS;
import static org.planningengine.events.initiative.InitiativeStatus.PROPOSED;

/**
 * The initiative's lifecycle as one table: which statuses each step may start from, the event it appends and the
 * status it leads to. The initiative aggregate guards its commands with it; the aggregate, the command side's facts
 * about initiatives, the roadmap and the histories fold the events with {@link #after}.
 * <p>
 * {@code PROPOSED → COMMITTED → IN_PROGRESS → DONE}; an open initiative can be scored, dropped, or deferred to
 * another cycle, where it is {@code PROPOSED} again. One that is not in the plan (proposed, done or dropped) can be
 * archived, a flag beside its status ({@link org.planningengine.events.Archiving}).
 */
public enum InitiativeTransition {
    PROPOSE(InitiativeProposed.class, PROPOSED, List.of()),
    SCORE(InitiativeScored.class, null, List.of(PROPOSED, COMMITTED, IN_PROGRESS)),
    COMMIT(InitiativeCommitted.class, COMMITTED, List.of(PROPOSED)),
    START(InitiativeStarted.class, IN_PROGRESS, List.of(COMMITTED)),
    COMPLETE(InitiativeCompleted.class, DONE, List.of(IN_PROGRESS)),
    DROP(InitiativeDropped.class, DROPPED, List.of(PROPOSED, COMMITTED, IN_PROGRESS)),
    DEFER(InitiativeDeferred.class, PROPOSED, List.of(PROPOSED, COMMITTED, IN_PROGRESS)),
    /** Archiving keeps the status; committed or started work is in the plan, and is dropped or completed first. */
    ARCHIVE(InitiativeArchived.class, null, List.of(PROPOSED, DONE, DROPPED));

    private final Class<?> event;
    private final InitiativeStatus to;
    private final List<InitiativeStatus> from;

    InitiativeTransition(Class<?> event, InitiativeStatus to, List<InitiativeStatus> from) {
        this.event = event;
        this.to = to;
        this.from = from;
    }

    /** The statuses the step may start from, in lifecycle order. */
    public List<InitiativeStatus> from() {
        return from;
    }

    public boolean allowedFrom(InitiativeStatus status) {
        return from.contains(status);
    }

    /** The status after the event: {@code current} (null before the proposal) when the event does not move it. */
    public static InitiativeStatus after(InitiativeStatus current, Object event) {
        for (InitiativeTransition transition : values()) {
            if (transition.event.isInstance(event)) {
                return transition.to == null ? current : transition.to;
            }
        }
        return current;
    }
}
