package org.planningengine.query.feed;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.lesson.LessonRecorded;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.query.feed.FeedEvent.Subject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an event is about, with the cycle and team it was in when it happened. Most events name them; the others
 * (a score, a check-in) are placed by their aggregate's own stream, read from the log and folded: an initiative
 * moves cycle when deferred, an objective changes owner when reviewed. Those folds are kept for the aggregates seen
 * last, and read on when an event is newer than what was folded.
 */
final class Subjects {

    private static final int KEPT = 10_000;

    /** From a sequence number on, the aggregate was in this cycle and team. */
    private record Placement(long fromSequence, String cycleId, String teamId) {
    }

    /** An aggregate's placements in order, folded up to {@code lastSequence}. */
    private static final class Timeline {
        final List<Placement> placements = new ArrayList<>();
        long lastSequence = -1;

        Placement at(long sequence) {
            Placement found = null;
            for (Placement placement : placements) {
                if (placement.fromSequence() <= sequence) {
                    found = placement;
                }
            }
            return found;
        }
    }

    private final EventStorageEngine log;
    private final Map<String, Timeline> timelines = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Timeline> eldest) {
            return size() > KEPT;
        }
    };

    Subjects(EventStorageEngine log) {
        this.log = log;
    }

    Subject of(DomainEventMessage<?> event) {
        String aggregateId = event.getAggregateIdentifier();
        int colon = aggregateId.indexOf(':');
        String kind = colon < 0 ? aggregateId : aggregateId.substring(0, colon);
        String id = aggregateId.substring(colon + 1);
        Object payload = event.getPayload();
        return switch (kind) {
            case "cycle" -> new Subject("cycle", id, id, null);
            case "team" -> new Subject("team", id, null, id);
            case "team-plan" -> teamPlan(id, payload);
            case "lesson" -> new Subject("lesson", id, ((LessonRecorded) payload).cycleId(), null);
            case "initiative", "objective" -> {
                Placement placement = placement(aggregateId, event.getSequenceNumber());
                yield new Subject(kind, id, placement == null ? null : placement.cycleId(),
                                  placement == null ? null : placement.teamId());
            }
            default -> new Subject(kind, id, null, null);
        };
    }

    private static Subject teamPlan(String id, Object payload) {
        String cycleId;
        String teamId;
        if (payload instanceof TeamCapacitySet set) {
            cycleId = set.cycleId();
            teamId = set.teamId();
        } else if (payload instanceof TeamPolicyOverridden overridden) {
            cycleId = overridden.cycleId();
            teamId = overridden.teamId();
        } else if (payload instanceof CapacityAllocated allocated) {
            cycleId = allocated.cycleId();
            teamId = allocated.teamId();
        } else if (payload instanceof GuardrailOverridden overridden) {
            cycleId = overridden.cycleId();
            teamId = overridden.teamId();
        } else if (payload instanceof CyclePolicyAdopted adopted) {
            cycleId = adopted.cycleId();
            teamId = adopted.teamId();
        } else {
            int slash = id.indexOf('/');
            cycleId = id.substring(0, slash);
            teamId = id.substring(slash + 1);
        }
        return new Subject("teamPlan", id, cycleId, teamId);
    }

    private synchronized Placement placement(String aggregateId, long sequence) {
        Timeline timeline = timelines.computeIfAbsent(aggregateId, any -> new Timeline());
        if (sequence > timeline.lastSequence) {
            Iterator<? extends DomainEventMessage<?>> events = log.readEvents(aggregateId, timeline.lastSequence + 1);
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                fold(timeline, event);
                timeline.lastSequence = event.getSequenceNumber();
            }
        }
        return timeline.at(sequence);
    }

    /** A move (deferral, change of owner) places the events after it: the event itself is of where it left. */
    private static void fold(Timeline timeline, DomainEventMessage<?> event) {
        long sequence = event.getSequenceNumber();
        Placement now = timeline.at(sequence);
        Object payload = event.getPayload();
        if (payload instanceof InitiativeProposed proposed) {
            timeline.placements.add(new Placement(sequence, proposed.cycleId(), proposed.teamId()));
        } else if (payload instanceof InitiativeDeferred deferred && now != null) {
            timeline.placements.add(new Placement(sequence + 1, deferred.toCycleId(), now.teamId()));
        } else if (payload instanceof ObjectiveSet set) {
            timeline.placements.add(new Placement(sequence, set.cycleId(), set.ownerTeamId()));
        } else if (payload instanceof ObjectiveReviewed reviewed && now != null) {
            reviewed.changes().stream().filter(change -> change.field() == ObjectiveField.OWNER_TEAM)
                    .forEach(change -> timeline.placements.add(new Placement(sequence + 1, now.cycleId(),
                                                                             change.to())));
        }
    }
}
