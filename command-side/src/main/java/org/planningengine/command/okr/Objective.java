package org.planningengine.command.okr;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.PlanRegistry.CycleFacts;
import org.planningengine.command.PlanRegistry.ObjectiveFacts;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.Archiving;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.okr.Direction;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultGrade;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.events.okr.ReviewOutcome;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.planningengine.command.Reasons.because;
import static org.planningengine.command.Rules.requireOpenCycle;

/**
 * An OKR objective of one cycle with its key results: set, measured by check-ins, reviewed each quarter, graded once,
 * and carried forward into a later cycle as a successor that names it. An archived objective takes no write but its
 * restore.
 */
@Aggregate(snapshotTriggerDefinition = CommandSideConfiguration.SNAPSHOT_TRIGGER)
public class Objective {

    /** A key result as added, and where it stands: its latest value (null before a check-in) and progress. */
    private record KeyResult(KeyResultAdded added, BigDecimal current, BigDecimal progress) {

        BigDecimal baseline() {
            return added.baseline();
        }

        BigDecimal target() {
            return added.target();
        }
    }

    @AggregateIdentifier
    private String aggregateId;
    private String objectiveId;
    private String cycleId;
    private String title;
    private String ownerTeamId;
    private String parentObjectiveId;
    private ObjectiveStatus status;
    private String successorObjectiveId;
    private Map<String, KeyResult> keyResults = new LinkedHashMap<>();
    private boolean archived;

    protected Objective() {
    }

    @CommandHandler
    public Objective(SetObjective command, PlanRegistry registry) {
        Rules.requireSlug("id", command.objectiveId());
        if (registry.objective(command.objectiveId()).isPresent()) {
            throw new StateConflict("objective " + command.objectiveId() + " already exists");
        }
        requireSettable(command, registry);
        apply(new ObjectiveSet(command.objectiveId(), command.cycleId(), command.ownerTeamId(),
                               command.title().strip(), command.parentObjectiveId(), null));
    }

    /**
     * The rules of a new objective but its id's: an import checks its rows with them before it sends anything (with
     * no parent where the parent is another objective of the same file).
     */
    public static void requireSettable(SetObjective command, PlanRegistry registry) {
        Rules.requireText("title", command.title(), Rules.MAX_NAME);
        requireOpenCycle("cycleId", command.cycleId(), registry);
        requireOwner(command.ownerTeamId(), registry);
        requireParent(command.objectiveId(), command.cycleId(), command.parentObjectiveId(), registry);
    }

    /** The successor a carry-forward creates: its objective and key results in one go. */
    private Objective(ObjectiveSet successor, List<KeyResultAdded> keyResults, String reason) {
        apply(successor, because(reason));
        keyResults.forEach(added -> apply(added, because(reason)));
    }

    @CommandHandler
    void handle(AddKeyResult command, PlanRegistry registry) {
        requireUnarchived();
        requireActive("take new key results");
        requireOpenCycle("cycleId", cycleId, registry);
        Rules.requireSlug("id", command.keyResultId());
        if (keyResults.containsKey(command.keyResultId())) {
            throw new StateConflict("key result " + command.keyResultId() + " already exists on objective "
                                    + objectiveId);
        }
        Direction direction = requireMeasurable(command);
        apply(new KeyResultAdded(objectiveId, command.keyResultId(), command.title().strip(),
                                 command.metric().strip(), command.unit().strip(), command.baseline(),
                                 command.target(), direction, command.spaceDimension()));
    }

    /** The rules of a key result's own fields, and the direction they give it. */
    public static Direction requireMeasurable(AddKeyResult command) {
        Rules.requireText("title", command.title(), Rules.MAX_NAME);
        Rules.requireText("metric", command.metric(), Rules.MAX_NAME);
        Rules.requireText("unit", command.unit(), Rules.MAX_NAME);
        BigDecimal baseline = Measures.value("baseline", command.baseline());
        BigDecimal target = Measures.value("target", command.target());
        if (baseline.compareTo(target) == 0) {
            throw new RuleViolated("target", "target must differ from baseline (both are " + target + ")");
        }
        Direction direction = target.compareTo(baseline) > 0 ? Direction.INCREASE : Direction.DECREASE;
        if (command.direction() != null && command.direction() != direction) {
            throw new RuleViolated("direction", "direction " + command.direction() + " contradicts baseline "
                                                + baseline + " and target " + target + ", which make it "
                                                + direction);
        }
        return direction;
    }

    @CommandHandler
    void handle(UpdateKeyResult command, PlanRegistry registry) {
        BigDecimal value = Measures.value("value", command.value());
        Rules.optionalText("comment", command.comment(), Rules.MAX_REASON);
        BigDecimal confidence = Measures.fraction("confidence", command.confidence());
        KeyResult keyResult = requireKeyResult("keyResultId", command.keyResultId());
        requireUnarchived();
        requireActive("take check-ins");
        requireOpenCycle("cycleId", cycleId, registry);
        apply(new KeyResultUpdated(objectiveId, command.keyResultId(), keyResult.current(), value,
                                   keyResult.progress(),
                                   Measures.progress(keyResult.baseline(), keyResult.target(), value), confidence,
                                   command.comment() == null || command.comment().isBlank() ? null
                                                                                            : command.comment().strip()));
    }

    @CommandHandler
    void handle(ReviewObjective command, PlanRegistry registry) {
        if (command.outcome() == null) {
            throw new RuleViolated("outcome", "outcome is required: KEEP, ADJUST or RETIRE");
        }
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        requireUnarchived();
        requireActive("be reviewed");
        requireOpenCycle("cycleId", cycleId, registry);
        List<FieldChange> changes = new ArrayList<>();
        if (command.outcome() == ReviewOutcome.ADJUST) {
            changes = adjustments(command.changes(), registry);
        } else if (command.changes() != null) {
            throw new RuleViolated("changes", "only an ADJUST review changes the objective");
        }
        apply(new ObjectiveReviewed(objectiveId, command.outcome(), changes), because(command.reason()));
    }

    @CommandHandler
    void handle(GradeObjective command, PlanRegistry registry) {
        requireUnarchived();
        if (status != ObjectiveStatus.ACTIVE) {
            throw new StateConflict("objective " + objectiveId + " is " + status + "; it can be graded once, and "
                                    + "not once retired");
        }
        CycleStatus cycleStatus = registry.cycle(cycleId).map(CycleFacts::status).orElseThrow();
        if (cycleStatus == CycleStatus.PLANNING) {
            throw new StateConflict("cycle " + cycleId + " is PLANNING; objectives are graded once its plan is "
                                    + "committed");
        }
        if (keyResults.isEmpty()) {
            throw new RuleViolated(null, "objective " + objectiveId + " has no key results to grade");
        }
        Map<String, BigDecimal> given = command.grades() == null ? Map.of() : command.grades();
        for (Map.Entry<String, BigDecimal> grade : given.entrySet()) {
            requireKeyResult("grades." + grade.getKey(), grade.getKey());
            Measures.fraction("grades." + grade.getKey(), grade.getValue());
        }
        List<KeyResultGrade> grades = new ArrayList<>();
        keyResults.forEach((keyResultId, keyResult) -> grades.add(
                given.containsKey(keyResultId) ? new KeyResultGrade(keyResultId, given.get(keyResultId), false)
                                               : new KeyResultGrade(keyResultId, keyResult.progress(), true)));
        BigDecimal sum = grades.stream().map(KeyResultGrade::grade).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = Measures.fractionOf(sum.divide(BigDecimal.valueOf(grades.size()), MathContext.DECIMAL64));
        apply(new ObjectiveGraded(objectiveId, grades, mean), because(command.reason()));
    }

    /**
     * Creates the successor in the later cycle, with the chosen key results starting from their latest values, and
     * names it here; the successor names this one. Both in one commit.
     */
    @CommandHandler
    void handle(CarryForwardObjective command, PlanRegistry registry) throws Exception {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        requireUnarchived();
        if (successorObjectiveId != null) {
            throw new StateConflict("objective " + objectiveId + " was carried forward already, as "
                                    + successorObjectiveId);
        }
        Rules.requireSlug("toCycleId", command.toCycleId());
        CycleFacts to = requireOpenCycle("toCycleId", command.toCycleId(), registry);
        Rules.requireStartsLater("toCycleId", cycleId, command.toCycleId(), to, registry, "objective " + objectiveId);
        requireOwner(ownerTeamId, registry);
        Rules.requireSlug("newObjectiveId", command.newObjectiveId());
        if (registry.objective(command.newObjectiveId()).isPresent()) {
            throw new StateConflict("objective " + command.newObjectiveId() + " already exists");
        }
        List<String> chosen = command.keyResultIds() == null ? List.copyOf(keyResults.keySet())
                                                             : command.keyResultIds();
        List<KeyResultAdded> carried = new ArrayList<>();
        for (String keyResultId : chosen) {
            carried.add(carriedForward(command.newObjectiveId(), keyResultId));
        }
        apply(new ObjectiveCarriedForward(objectiveId, command.toCycleId(), command.newObjectiveId(), chosen),
              because(command.reason()));
        ObjectiveSet successor = new ObjectiveSet(command.newObjectiveId(), command.toCycleId(), ownerTeamId, title,
                                                  null, objectiveId);
        createNew(Objective.class, () -> new Objective(successor, carried, command.reason()));
    }

    /**
     * Archiving an archived objective changes nothing. One still active in a cycle that is open is live: it is
     * retired by a review, or graded, first.
     */
    @CommandHandler
    void handle(ArchiveObjective command, PlanRegistry registry) {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (archived) {
            return;
        }
        CycleFacts cycle = registry.cycle(cycleId).orElseThrow();
        if (!status.isSettled() && cycle.status() != CycleStatus.CLOSED && !cycle.archived()) {
            throw new StateConflict("objective " + objectiveId + " is " + status + " in cycle " + cycleId + ", which "
                                    + "is " + cycle.status() + "; only a retired or graded objective, or one of a "
                                    + "closed or archived cycle, can be archived: retire it with a review, or grade "
                                    + "it, first");
        }
        apply(new ObjectiveArchived(objectiveId, cycleId, status), because(command.reason()));
    }

    /** Restoring an objective that is not archived changes nothing; a restored one is as it was. */
    @CommandHandler
    void handle(RestoreObjective command) {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (archived) {
            apply(new ObjectiveRestored(objectiveId, cycleId, status), because(command.reason()));
        }
    }

    /** A key result of the successor: the same target, from the latest value. One that reached it stays here. */
    private KeyResultAdded carriedForward(String successorId, String keyResultId) {
        KeyResult keyResult = requireKeyResult("keyResultIds", keyResultId);
        if (keyResult.progress().compareTo(BigDecimal.ONE) >= 0) {
            throw new RuleViolated("keyResultIds", "key result " + keyResultId + " reached its target "
                                                   + keyResult.target() + "; leave it out, or add a new one to the "
                                                   + "successor");
        }
        KeyResultAdded added = keyResult.added();
        BigDecimal baseline = keyResult.current() != null ? keyResult.current() : added.baseline();
        return new KeyResultAdded(successorId, keyResultId, added.title(), added.metric(), added.unit(), baseline,
                                  added.target(), added.direction(), added.spaceDimension());
    }

    private List<FieldChange> adjustments(ObjectiveChanges changes, PlanRegistry registry) {
        List<FieldChange> adjusted = new ArrayList<>();
        if (changes != null && changes.title() != null) {
            Rules.requireText("changes.title", changes.title(), Rules.MAX_NAME);
            change(adjusted, ObjectiveField.TITLE, title, changes.title().strip());
        }
        if (changes != null && changes.ownerTeamId() != null) {
            requireOwner(changes.ownerTeamId(), registry);
            change(adjusted, ObjectiveField.OWNER_TEAM, ownerTeamId, changes.ownerTeamId());
        }
        if (changes != null && changes.parentObjectiveId() != null) {
            requireParent(objectiveId, cycleId, changes.parentObjectiveId(), registry);
            change(adjusted, ObjectiveField.PARENT, parentObjectiveId, changes.parentObjectiveId());
        }
        if (adjusted.isEmpty()) {
            throw new RuleViolated("changes", "an ADJUST review changes at least one of title, ownerTeamId, "
                                              + "parentObjectiveId");
        }
        return adjusted;
    }

    private static void change(List<FieldChange> changes, ObjectiveField field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new FieldChange(field, from, to));
        }
    }

    /** A team that takes new work, or none (the organisation). */
    private static void requireOwner(String ownerTeamId, PlanRegistry registry) {
        if (ownerTeamId != null) {
            Rules.requireWorkingTeam("ownerTeamId", ownerTeamId, registry);
        }
    }

    /** The parent exists, is in the same cycle, is not archived, and is not this objective nor below it. */
    private static void requireParent(String objectiveId, String cycleId, String parentId, PlanRegistry registry) {
        if (parentId == null) {
            return;
        }
        if (parentId.equals(objectiveId)) {
            throw new RuleViolated("parentObjectiveId", "an objective cannot be its own parent");
        }
        List<String> path = new ArrayList<>(List.of(objectiveId));
        Set<String> seen = new HashSet<>();
        for (String current = parentId; current != null && seen.add(current); ) {
            ObjectiveFacts parent = registry.objective(current).orElseThrow(
                    () -> new UnknownReference("parentObjectiveId", "objective " + parentId + " does not exist"));
            if (current.equals(parentId) && !parent.cycleId().equals(cycleId)) {
                throw new RuleViolated("parentObjectiveId", "objective " + parentId + " is in cycle "
                                                            + parent.cycleId() + ", not " + cycleId);
            }
            if (current.equals(parentId) && parent.archived()) {
                throw new StateConflict("objective " + parentId + " is archived; nothing is aligned under it "
                                        + "(restore it first)");
            }
            path.add(current);
            if (objectiveId.equals(parent.parentObjectiveId())) {
                path.add(objectiveId);
                throw new RuleViolated("parentObjectiveId", "aligning under " + parentId + " would close a loop: "
                                                            + String.join(" → ", path));
            }
            current = parent.parentObjectiveId();
        }
    }

    private KeyResult requireKeyResult(String field, String keyResultId) {
        KeyResult keyResult = keyResults.get(keyResultId);
        if (keyResult == null) {
            throw new UnknownReference(field, "key result " + keyResultId + " of objective " + objectiveId
                                              + " does not exist");
        }
        return keyResult;
    }

    private void requireUnarchived() {
        Rules.requireUnarchived(archived, "objective " + objectiveId);
    }

    private void requireActive(String action) {
        if (status != ObjectiveStatus.ACTIVE) {
            throw new StateConflict("objective " + objectiveId + " is " + status + "; only an active objective can "
                                    + action);
        }
    }

    @EventSourcingHandler
    void on(ObjectiveSet event) {
        aggregateId = AggregateIds.objective(event.objectiveId());
        objectiveId = event.objectiveId();
        cycleId = event.cycleId();
        title = event.title();
        ownerTeamId = event.ownerTeamId();
        parentObjectiveId = event.parentObjectiveId();
        status = ObjectiveStatus.after(status, event);
    }

    @EventSourcingHandler
    void on(KeyResultAdded event) {
        keyResults.put(event.keyResultId(), new KeyResult(event, null, BigDecimal.ZERO));
    }

    @EventSourcingHandler
    void on(KeyResultUpdated event) {
        keyResults.computeIfPresent(event.keyResultId(),
                                    (id, keyResult) -> new KeyResult(keyResult.added(), event.value(), event.progress()));
    }

    @EventSourcingHandler
    void on(ObjectiveReviewed event) {
        status = ObjectiveStatus.after(status, event);
        for (FieldChange change : event.changes()) {
            switch (change.field()) {
                case TITLE -> title = change.to();
                case OWNER_TEAM -> ownerTeamId = change.to();
                case PARENT -> parentObjectiveId = change.to();
            }
        }
    }

    @EventSourcingHandler
    void on(ObjectiveGraded event) {
        status = ObjectiveStatus.after(status, event);
    }

    @EventSourcingHandler
    void on(ObjectiveCarriedForward event) {
        successorObjectiveId = event.successorObjectiveId();
    }

    @EventSourcingHandler
    void on(ObjectiveArchived event) {
        archived = Archiving.after(archived, event);
    }

    @EventSourcingHandler
    void on(ObjectiveRestored event) {
        archived = Archiving.after(archived, event);
    }
}
