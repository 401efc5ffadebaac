package org.planningengine.query.testing;

import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.GuardrailOverridden.Cause;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.UnfinishedInitiative;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.events.lesson.LessonRecorded;
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
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveRollupSet;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.okr.RollupMode;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;
import org.planningengine.query.testing.ProjectionFixture.Given;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.planningengine.query.testing.PlanEvents.STANDARD;
import static org.planningengine.query.testing.PlanEvents.allocated;
import static org.planningengine.query.testing.PlanEvents.capacitySet;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.PlanEvents.decimal;
import static org.planningengine.query.testing.PlanEvents.policy;
import static org.planningengine.query.testing.PlanEvents.proposed;
import static org.planningengine.query.testing.PlanEvents.rescored;
import static org.planningengine.query.testing.PlanEvents.rice;
import static org.planningengine.query.testing.PlanEvents.scored;
import static org.planningengine.query.testing.ProjectionFixture.at;

/**
 * A half year of two teams in two cycles, with an event of every kind the plan views handle (and one they do not):
 * cycles started, changed, committed and closed; initiatives proposed, scored (once without naming their cycle, as
 * revision 1 did), re-scored, linked, committed, started, completed, dropped and deferred to the next cycle; capacity
 * set, allocated, replaced and released, a team's own policy and a guardrail passed; objectives set, aligned,
 * checked in (once with a measurement older than the latest, entered late), adjusted, retired, graded, carried
 * forward, realigned under a parent that rolls up by weights; lessons; and once it is over, the dropped initiative,
 * the retired objective and the closed cycle archived, the team archived and restored, the initiative restored.
 */
public final class Semester {

    private static final RiceInputs CHECKOUT = rice("1000", "2", "0.8", "4");
    private static final RiceInputs FRAUD = rice("500", "1", "0.8", "3");
    private static final RiceInputs AUTOCOMPLETE = rice("2000", "1", "0.5", "5");
    private static final RiceInputs AUTOCOMPLETE_AGAIN = rice("3000", "2", "0.8", "4");
    private static final RiceInputs REINDEX = rice("100", "0.5", "1", "2");
    private static final RiceInputs REINDEX_IN_H2 = rice("400", "1", "1", "2");

    private Semester() {
    }

    public static List<Given> events() {
        return List.of(
                at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")).by("olga", null),
                at("2025-01-06T10:00:00Z", new TeamRegistered("payments", "Payments", null)),
                at("2025-01-07T09:00:00Z", capacitySet("h1", "payments", "0", "40")),
                at("2025-01-07T09:00:00Z", capacitySet("h1", "search", "0", "20")),
                at("2025-01-08T09:00:00Z", new ObjectiveSet("conversion", "h1", "payments", "Lift conversion",
                                                            null, null)),
                at("2025-01-08T09:05:00Z", new KeyResultAdded("conversion", "kr-1", "Checkout conversion",
                                                              "conversion rate", "%", decimal("2"), decimal("4"),
                                                              Direction.INCREASE, null)),
                at("2025-01-09T09:00:00Z", proposed("checkout", "h1", "payments", "Checkout revamp",
                                                    Category.NEW_INITIATIVE)),
                at("2025-01-09T09:01:00Z", proposed("fraud", "h1", "payments", "Fraud rules", Category.KTLO)),
                at("2025-01-09T09:02:00Z", proposed("reindex", "h1", "search", "Reindex",
                                                    Category.TEAM_INITIATIVE)),
                at("2025-01-09T09:03:00Z", proposed("autocomplete", "h1", "search", "Autocomplete",
                                                    Category.NEW_INITIATIVE)),
                // 10
                at("2025-01-10T09:00:00Z", scored("checkout", "h1", CHECKOUT)),
                at("2025-01-10T09:01:00Z", scored("fraud", "h1", FRAUD)),
                at("2025-01-10T09:02:00Z", scored("autocomplete", "h1", AUTOCOMPLETE)),
                at("2025-01-10T09:03:00Z", new InitiativeScored("reindex", null, null, null, REINDEX,
                                                                REINDEX.score())),
                at("2025-01-11T09:00:00Z", new DependencyAdded("autocomplete", "reindex")),
                at("2025-01-11T09:01:00Z", new KeyResultLinked("checkout", "conversion", "kr-1")),
                at("2025-01-12T09:00:00Z", allocated("h1", "payments", "checkout", Category.NEW_INITIATIVE, "0",
                                                     "16")),
                at("2025-01-12T09:01:00Z", allocated("h1", "payments", "fraud", Category.KTLO, "0", "20")),
                at("2025-01-13T09:00:00Z", new TeamPolicyOverridden("h1", "search", null, policy(70, 30, 10)))
                        .by("sam", "search invests this half"),
                at("2025-01-13T09:01:00Z", allocated("h1", "search", "autocomplete", Category.NEW_INITIATIVE, "0",
                                                     "17")),
                // 20
                at("2025-01-13T09:02:00Z", new GuardrailOverridden("h1", "search", Cause.ALLOCATION, "autocomplete",
                                                                   "new", 70, 10, decimal("85.0000")))
                        .by("sam", "launch before summer"),
                at("2025-01-15T09:00:00Z", rescored("autocomplete", "h1", AUTOCOMPLETE, AUTOCOMPLETE_AGAIN))
                        .by("sam", "reach was measured"),
                at("2025-01-20T09:00:00Z", new InitiativeCommitted("checkout", "h1")),
                at("2025-01-20T09:01:00Z", new InitiativeCommitted("autocomplete", "h1")),
                at("2025-01-25T09:00:00Z", new CapacityPolicyChanged("h1", STANDARD, policy(40, 60, 10)))
                        .by("alice", "more run work"),
                at("2025-01-31T09:00:00Z", new PlanCommitted("h1")).by("olga", null),
                at("2025-02-01T09:00:00Z", new InitiativeStarted("checkout", "h1")),
                at("2025-02-01T09:30:00Z", new KeyResultUpdated("conversion", "kr-1", null, decimal("2.5"),
                                                                BigDecimal.ZERO, decimal("0.25"), decimal("0.7"),
                                                                "first week", Instant.parse("2025-02-01T09:30:00Z")))
                        .by("olga", null),
                at("2025-03-01T09:00:00Z", allocated("h1", "payments", "checkout", Category.NEW_INITIATIVE, "16",
                                                     "20")),
                at("2025-03-01T09:01:00Z", new InitiativeDropped("fraud", "h1", InitiativeStatus.PROPOSED))
                        .by("pat", "the vendor covers it"),
                // 30
                at("2025-03-02T09:00:00Z", allocated("h1", "payments", "fraud", Category.KTLO, "20", "0")),
                at("2025-03-05T09:00:00Z", new LessonRecorded("flags", "h1", "checkout", "Ship behind a flag",
                                                              List.of("delivery")))
                        .by("olga", null),
                at("2025-04-01T09:00:00Z", new ObjectiveReviewed("conversion", ReviewOutcome.ADJUST, List.of(
                        new FieldChange(ObjectiveField.TITLE, "Lift conversion", "Lift checkout conversion"))))
                        .by("alice", "narrower"),
                at("2025-04-01T09:01:00Z", new ObjectiveSet("checkout-ux", "h1", "payments", "Smoother checkout",
                                                            "conversion", null)),
                at("2025-04-02T09:00:00Z", new ObjectiveReviewed("checkout-ux", ReviewOutcome.RETIRE, List.of()))
                        .by("alice", "folded into conversion"),
                at("2025-05-01T09:00:00Z", cycleStarted("h2", "2025-07-01", "2025-12-31")).by("olga", null),
                at("2025-05-02T09:00:00Z", new InitiativeDeferred("reindex", "h1", "h2",
                                                                  InitiativeStatus.PROPOSED))
                        .by("sam", "no room this half"),
                at("2025-05-03T09:00:00Z", rescored("reindex", "h2", REINDEX, REINDEX_IN_H2)),
                at("2025-05-04T09:00:00Z", capacitySet("h2", "search", "0", "18")),
                at("2025-05-04T09:01:00Z", allocated("h2", "search", "reindex", Category.TEAM_INITIATIVE, "0",
                                                     "8")),
                // 40
                at("2025-06-01T09:00:00Z", new InitiativeCompleted("checkout", "h1")),
                at("2025-06-30T09:00:00Z", new ObjectiveGraded("conversion", List.of(
                        new KeyResultGrade("kr-1", decimal("0.25"), true)), decimal("0.25"))),
                at("2025-06-30T09:01:00Z", new ObjectiveCarriedForward("conversion", "h2", "conversion-2",
                                                                       List.of("kr-1"))),
                at("2025-06-30T09:01:00Z", new ObjectiveSet("conversion-2", "h2", "payments",
                                                            "Lift checkout conversion", null, "conversion")),
                // autocomplete was committed and never started; checkout was done.
                at("2025-07-01T09:00:00Z", new CycleClosed("h1", List.of(new UnfinishedInitiative(
                        "autocomplete", "Autocomplete", "search", InitiativeStatus.COMMITTED, decimal("17")))))
                        .by("olga", "the rest carries on next half"),
                at("2025-07-02T09:00:00Z", new LessonRecorded("review", "h2", "h2", "Review early", List.of())),
                at("2025-07-03T09:00:00Z", new KeyResultAdded("conversion-2", "kr-1", "Checkout conversion",
                                                              "conversion rate", "%", decimal("2.5"), decimal("4"),
                                                              Direction.INCREASE, null)),
                at("2025-07-03T09:01:00Z", new ObjectiveSet("payments-health", "h2", "payments", "Healthy payments",
                                                            null, null)),
                // 50
                at("2025-07-03T09:02:00Z", new ObjectiveSet("refunds", "h2", "payments", "Quick refunds",
                                                            "payments-health", null)),
                at("2025-07-03T09:03:00Z", new KeyResultAdded("refunds", "refund-days", "Refunds in a day", "days",
                                                              "days", decimal("5"), decimal("1"), Direction.DECREASE,
                                                              null)),
                at("2025-07-04T09:00:00Z", new ObjectiveRealigned("conversion-2", null, "payments-health"))
                        .by("alice", "objective conversion's parent went forward"),
                at("2025-07-05T09:00:00Z", new ObjectiveRollupSet("payments-health", RollupMode.WEIGHTED, Map.of(),
                                                                  Map.of("conversion-2", decimal("3"))))
                        .by("alice", "conversion matters most"),
                at("2025-07-06T09:00:00Z", new KeyResultUpdated("refunds", "refund-days", null, decimal("3"),
                                                                BigDecimal.ZERO, decimal("0.5"), decimal("0.6"), null,
                                                                Instant.parse("2025-07-06T08:00:00Z"))),
                at("2025-07-07T09:00:00Z", new KeyResultUpdated("refunds", "refund-days", decimal("3"),
                                                                decimal("4"), decimal("0.5"), decimal("0.25"),
                                                                decimal("0.5"), "an older figure, entered late",
                                                                Instant.parse("2025-07-01T09:00:00Z"))),
                at("2025-07-08T09:00:00Z", new KeyResultUpdated("conversion-2", "kr-1", null, decimal("3.5"),
                                                                BigDecimal.ZERO, decimal("0.6667"), decimal("0.7"),
                                                                null, Instant.parse("2025-07-08T09:00:00Z"))),
                at("2025-07-09T09:00:00Z", new InitiativeArchived("fraud", "h1", InitiativeStatus.DROPPED))
                        .by("olga", "tidying up h1"),
                at("2025-07-09T10:00:00Z", new ObjectiveArchived("checkout-ux", "h1", ObjectiveStatus.RETIRED))
                        .by("olga", "tidying up h1"),
                at("2025-07-10T09:00:00Z", new CycleArchived("h1", CycleStatus.CLOSED)).by("olga", "h1 is history"),
                at("2025-07-11T09:00:00Z", new TeamArchived("payments")).by("olga", "merged into checkout"),
                at("2025-07-12T09:00:00Z", new TeamRestored("payments")).by("olga", "the merge was called off"),
                at("2025-07-12T10:00:00Z", new InitiativeRestored("fraud", "h1", InitiativeStatus.DROPPED))
                        .by("pat", "the vendor left"));
    }
}
