package org.planningengine.events;

import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRestored;

import java.util.Set;

/**
 * Whether a cycle, team, initiative or objective is archived: a flag beside its lifecycle, never a status of it, so
 * that an archived item keeps the status it had and a restored one comes back as it was. Nothing is ever deleted:
 * archiving only hides an item from the views by default. The one definition the aggregates, the command side's
 * facts and the views fold the events with.
 */
public final class Archiving {

    public static final Set<Class<?>> ARCHIVED = Set.of(CycleArchived.class, TeamArchived.class,
                                                        InitiativeArchived.class, ObjectiveArchived.class);
    public static final Set<Class<?>> RESTORED = Set.of(CycleRestored.class, TeamRestored.class,
                                                        InitiativeRestored.class, ObjectiveRestored.class);

    private Archiving() {
    }

    /** Archived after the event: {@code archived} (what it was before) when the event is neither kind. */
    public static boolean after(boolean archived, Object event) {
        if (ARCHIVED.contains(event.getClass())) {
            return true;
        }
        if (RESTORED.contains(event.getClass())) {
            return false;
        }
        return archived;
    }
}
