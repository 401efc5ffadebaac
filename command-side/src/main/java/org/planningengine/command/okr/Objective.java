package org.planningengine.command.okr;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
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
import org.planningengine.events.EventMetadata;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.okr.ChildObjectiveCarriedForward;
import org.planningengine.events.okr.Direction;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultGrade;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRealigned;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveRollupSet;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.okr.RollupMode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.planningengine.command.Reasons.because;
import static org.planningengine.command.Rules.requireOpenCycle;

/**
 * An OKR objective of one cycle with its key results: set, measured by check-ins, reviewed each quarter, graded once,
 * and carried forward into a later cycle as a successor that names it, in its place in the alignment tree. How its
 * progress rolls up its parts is its own choice; the views compute it. An archived objective takes no write but its
 * restore.
 */
@Aggregate(snapshotTriggerDefinition = CommandSideConfiguration.SNAPSHOT_TRIGGER,
           cache = CommandSideConfiguration.AGGREGATE_CACHE)
@Revision("2") // its snapshots' shape: 2 keeps measurements' instants, the roll-up and lineage; another is ignored
public class Objective {

    /** The most a weight of a roll-up may be: weights say how parts compare, not how large they are. */
    static final BigDecimal MAX_WEIGHT = new BigDecimal("1000");

    /**
     * A key result as added, and where it stands: the value measured last (null before a check-in), its progress,
     * and when it was measured.
     */
    private record KeyResult(KeyResultAdded added, BigDecimal current, BigDecimal progress, Instant measuredAt) {

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
    private String predecessorObjectiveId;
    private String successorObjectiveId;
    private String successorCycleId;
    private Map<String, KeyResult> keyResults = new LinkedHashMap<>();
    private boolean archived;
    private ObjectiveRollupSet rollup;
    /** The children carried forward before this one, to be followed by their successors when it is. */
    private List<ChildObjectiveCarriedForward> childrenCarried = new ArrayList<>();

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

    /**
     * A check-in measured now (without {@code measuredAt}) or at a past instant within the cycle or before it. The
     * event carries the value measured last before it; an older measurement does not replace that one.
     */
    @CommandHandler
    void handle(UpdateKeyResult command, PlanRegistry registry) {
        BigDecimal value = Measures.value("value", command.value());
        Rules.optionalText("comment", command.comment(), Rules.MAX_REASON);
        BigDecimal confidence = Measures.fraction("confidence", command.confidence());
        KeyResult keyResult = requireKeyResult("keyResultId", command.keyResultId());
        requireUnarchived();
        requireActive("take check-ins");
        CycleFacts cycle = requireOpenCycle("cycleId", cycleId, registry);
        Instant measuredAt = measuredAt(command.measuredAt(), cycle);
        apply(new KeyResultUpdated(objectiveId, command.keyResultId(), keyResult.current(), value,
                                   keyResult.progress(),
                                   Measures.progress(keyResult.baseline(), keyResult.target(), value), confidence,
                                   command.comment() == null || command.comment().isBlank() ? null
                                                                                            : command.comment().strip(),
                                   measuredAt));
    }

    /**
     * When the value was measured: now (by the clock that stamps the events) when not given; a given instant must not
     * be after now (no skew allowed: a client that means now leaves it out) nor after the cycle's last day (UTC).
     * Before the cycle is allowed: a baseline is measured before, and a cycle is planned before it starts.
     */
    private Instant measuredAt(Instant given, CycleFacts cycle) {
        Instant now = GenericEventMessage.clock.instant();
        if (given == null) {
            return now;
        }
        if (given.isAfter(now)) {
            throw new RuleViolated("measuredAt", "measuredAt " + given + " is in the future; a check-in records a "
                                                 + "value measured before it is sent");
        }
        if (!given.isBefore(cycle.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw new RuleViolated("measuredAt", "measuredAt " + given + " is after the last day of cycle " + cycleId
                                                 + " (" + cycle.endDate() + ", UTC); a check-in measures within its "
                                                 + "cycle or before it");
        }
        return given;
    }

    /**
     * Chooses how progress rolls up the objective's key results and the objectives aligned under it now; weights only
     * for {@code WEIGHTED}, each more than 0 and at most 1,000. The roll-up it has already appends nothing.
     */
    @CommandHandler
    void handle(SetObjectiveRollup command, PlanRegistry registry) {
        requireUnarchived();
        if (command.mode() == null) {
            throw new RuleViolated("mode", "mode is required: MEAN or WEIGHTED");
        }
        Map<String, BigDecimal> keyResultWeights = weights("keyResultWeights", command.keyResultWeights());
        Map<String, BigDecimal> childWeights = weights("childWeights", command.childWeights());
        if (command.mode() == RollupMode.MEAN && !(keyResultWeights.isEmpty() && childWeights.isEmpty())) {
            throw new RuleViolated(keyResultWeights.isEmpty() ? "childWeights" : "keyResultWeights",
                                   "only a WEIGHTED roll-up takes weights; MEAN counts every part alike");
        }
        keyResultWeights.keySet().forEach(id -> requireKeyResult("keyResultWeights." + id, id));
        for (String childId : childWeights.keySet()) {
            ObjectiveFacts child = registry.objective(childId).orElseThrow(() -> new UnknownReference(
                    "childWeights." + childId, "objective " + childId + " does not exist"));
            if (!objectiveId.equals(child.parentObjectiveId())) {
                throw new RuleViolated("childWeights." + childId, "objective " + childId + " is not aligned under "
                                                                  + objectiveId);
            }
        }
        requireActive("change how its progress rolls up");
        requireOpenCycle("cycleId", cycleId, registry);
        ObjectiveRollupSet next = new ObjectiveRollupSet(objectiveId, command.mode(), keyResultWeights, childWeights);
        if (!sameRollup(rollup(), next)) {
            apply(next, because(command.reason()));
        }
    }

    /** The weights given, checked and sorted by id (none for null). */
    private static Map<String, BigDecimal> weights(String field, Map<String, BigDecimal> given) {
        Map<String, BigDecimal> weights = new TreeMap<>();
        if (given != null) {
            given.forEach((id, weight) -> {
                String name = field + "." + id;
                Measures.value(name, weight);
                if (weight.signum() <= 0 || weight.compareTo(MAX_WEIGHT) > 0) {
                    throw new RuleViolated(name, name + " must be more than 0 and at most 1000 (was "
                                                 + weight.toPlainString() + ")");
                }
                weights.put(id, weight);
            });
        }
        return weights;
    }

    private ObjectiveRollupSet rollup() {
        return rollup != null ? rollup : new ObjectiveRollupSet(objectiveId, RollupMode.MEAN, Map.of(), Map.of());
    }

    /** The same mode and weights, compared by value (2 and 2.0 are the same weight). */
    private static boolean sameRollup(ObjectiveRollupSet one, ObjectiveRollupSet other) {
        return one.mode() == other.mode() && sameWeights(one.keyResultWeights(), other.keyResultWeights())
               && sameWeights(one.childWeights(), other.childWeights());
    }

    private static boolean sameWeights(Map<String, BigDecimal> one, Map<String, BigDecimal> other) {
        return one.keySet().equals(other.keySet())
               && one.entrySet().stream().allMatch(
                       weight -> weight.getValue().compareTo(other.get(weight.getKey())) == 0);
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
     * names it here; the successor names this one. It goes under the successor of this one's parent when that is in
     * the same cycle (asked of the parent, which otherwise remembers this one), and the successors of children
     * carried there before this one follow it. All in one commit.
     */
    @CommandHandler
    void handle(CarryForwardObjective command, PlanRegistry registry, Alignments alignments) throws Exception {
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
        String successorParent = parentObjectiveId == null ? null : alignments.childCarriedForward(
                new NoteChildCarriedForward(parentObjectiveId, objectiveId, command.toCycleId(),
                                            command.newObjectiveId(), command.reason()));
        ObjectiveSet successor = new ObjectiveSet(command.newObjectiveId(), command.toCycleId(), ownerTeamId, title,
                                                  successorParent, objectiveId);
        createNew(Objective.class, () -> new Objective(successor, carried, command.reason()));
        String why = "objective " + objectiveId + " was carried forward to cycle " + command.toCycleId() + " as "
                     + command.newObjectiveId() + ": " + command.reason().strip();
        for (ChildObjectiveCarriedForward child : childrenCarried) {
            if (child.toCycleId().equals(command.toCycleId())) {
                alignments.follow(new FollowParentForward(child.successorObjectiveId(), objectiveId,
                                                          command.newObjectiveId(), successorParent, why));
            }
        }
    }

    /**
     * A child of this objective is being carried forward: its successor goes under this one's successor when that is
     * in the same cycle; while this one has none, it remembers the child for its own carry-forward.
     */
    @CommandHandler
    String handle(NoteChildCarriedForward note) {
        if (successorObjectiveId != null) {
            return note.toCycleId().equals(successorCycleId) ? successorObjectiveId : null;
        }
        apply(new ChildObjectiveCarriedForward(objectiveId, note.childObjectiveId(), note.toCycleId(),
                                               note.successorObjectiveId()), because(note.reason()));
        return null;
    }

    /**
     * Goes under the successor of its predecessor's parent, unless its place was chosen since (it has a parent), its
     * predecessor is no longer under that parent, or it would close a loop (the new parent is below it).
     */
    @CommandHandler
    void handle(FollowParentForward follow, PlanRegistry registry) {
        boolean predecessorStillUnder = predecessorObjectiveId != null
                && registry.objective(predecessorObjectiveId).map(ObjectiveFacts::parentObjectiveId)
                           .filter(follow.parentObjectiveId()::equals).isPresent();
        if (parentObjectiveId == null && predecessorStillUnder
            && !isAbove(follow.successorParentObjectiveId(), registry)) {
            apply(new ObjectiveRealigned(objectiveId, null, follow.successorObjectiveId()),
                  MetaData.with(EventMetadata.REASON, follow.reason()));
        }
    }

    /** Whether this objective is the given one or above it. */
    private boolean isAbove(String objective, PlanRegistry registry) {
        Set<String> seen = new HashSet<>();
        for (String current = objective; current != null && seen.add(current); ) {
            if (current.equals(objectiveId)) {
                return true;
            }
            current = registry.objective(current).map(ObjectiveFacts::parentObjectiveId).orElse(null);
        }
        return false;
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
        predecessorObjectiveId = event.predecessorObjectiveId();
        status = ObjectiveStatus.after(status, event);
    }

    @EventSourcingHandler
    void on(KeyResultAdded event) {
        keyResults.put(event.keyResultId(), new KeyResult(event, null, BigDecimal.ZERO, null));
    }

    /** The value measured last stands; of two measured at the same instant, the one recorded later. */
    @EventSourcingHandler
    void on(KeyResultUpdated event) {
        KeyResult keyResult = keyResults.get(event.keyResultId());
        if (keyResult != null && (keyResult.measuredAt() == null
                                  || !event.measuredAt().isBefore(keyResult.measuredAt()))) {
            keyResults.put(event.keyResultId(), new KeyResult(keyResult.added(), event.value(), event.progress(),
                                                              event.measuredAt()));
        }
    }

    @EventSourcingHandler
    void on(ObjectiveRollupSet event) {
        rollup = event;
    }

    @EventSourcingHandler
    void on(ChildObjectiveCarriedForward event) {
        childrenCarried.add(event);
    }

    @EventSourcingHandler
    void on(ObjectiveRealigned event) {
        parentObjectiveId = event.parentObjectiveId();
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
        successorCycleId = event.toCycleId();
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
