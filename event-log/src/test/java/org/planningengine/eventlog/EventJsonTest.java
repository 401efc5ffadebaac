package org.planningengine.eventlog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.cycle.UnfinishedInitiative;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.events.lesson.LessonRecorded;
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
import org.planningengine.events.okr.SpaceDimension;
import org.planningengine.events.scenario.ScenarioApplied;
import org.planningengine.events.scenario.ScenarioDiscarded;
import org.planningengine.events.scenario.ScenarioForked;
import org.planningengine.events.scenario.ScenarioRenamed;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event's JSON is frozen in {@code src/test/resources/events/<Event>.json}: it must read back into the same
 * event, and the event must still write it. When this fails because an event's shape changed, the change needs a
 * new revision and an upcaster (see UpcastingTest), not a new golden file.
 */
public class EventJsonTest {

    private static final Serializer SERIALIZER = EventSerialization.serializer();
    /** Numbers as exact decimals, as written: 100.00 is not 100.0 to a BigDecimal. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** One event of every type, as the frozen JSON files have them; other modules test their mappings of each. */
    public static List<Object> everyEvent() {
        RiceInputs before = new RiceInputs(new BigDecimal("500"), new BigDecimal("2"), new BigDecimal("0.8"),
                                           new BigDecimal("4"));
        RiceInputs after = new RiceInputs(new BigDecimal("1200"), new BigDecimal("0.25"), new BigDecimal("1"),
                                          new BigDecimal("3"));
        CapacityPolicy sixtyForty = new CapacityPolicy(
                List.of(new PolicyBucket("new", List.of(Category.NEW_INITIATIVE), 60),
                        new PolicyBucket("run", List.of(Category.KTLO, Category.TEAM_INITIATIVE), 40)), 10);
        return List.of(
                new CycleStarted("2027-s1", "2027 first semester", LocalDate.parse("2027-04-01"),
                                 LocalDate.parse("2027-09-30"), CapacityPolicy.standard()),
                new PlanCommitted("2027-s1"),
                new CycleClosed("2027-s1", List.of(new UnfinishedInitiative(
                        "faster-checkout", "Faster checkout", "payments", InitiativeStatus.IN_PROGRESS,
                        new BigDecimal("12.5")))),
                new CommitmentRecorded("2027-s1", "faster-checkout"),
                new TeamRegistered("payments", "Payments", "platform"),
                new InitiativeProposed("faster-checkout", "2027-s1", "payments", "Faster checkout",
                                       "Halve the checkout's p99", Category.NEW_INITIATIVE),
                new InitiativeScored("faster-checkout", "2027-s1", before, before.score(), after, after.score()),
                new InitiativeCommitted("faster-checkout", "2027-s1"),
                new InitiativeStarted("faster-checkout", "2027-s1"),
                new InitiativeCompleted("faster-checkout", "2027-s1"),
                new InitiativeDropped("faster-checkout", "2027-s1", InitiativeStatus.COMMITTED),
                new InitiativeDeferred("faster-checkout", "2027-s1", "2027-s2", InitiativeStatus.PROPOSED),
                new DependencyAdded("faster-checkout", "new-ledger"),
                new KeyResultLinked("faster-checkout", "happy-buyers", "checkout-p99"),
                new CapacityPolicyChanged("2027-s1", CapacityPolicy.standard(), sixtyForty),
                new TeamCapacitySet("2027-s1", "payments", BigDecimal.ZERO, new BigDecimal("62.5")),
                new TeamPolicyOverridden("2027-s1", "payments", null, sixtyForty),
                new CapacityAllocated("2027-s1", "payments", "faster-checkout", Category.NEW_INITIATIVE,
                                      new BigDecimal("4"), new BigDecimal("12.5")),
                new GuardrailOverridden("2027-s1", "payments", GuardrailOverridden.Cause.CYCLE_POLICY_CHANGED,
                                        null, "new", 60, 10, new BigDecimal("72.5")),
                new CyclePolicyAdopted("2027-s1", "payments", CapacityPolicy.standard(), sixtyForty),
                new ObjectiveSet("reliable-payments", "2027-s2", "payments", "Payments nobody has to think about",
                                 "trusted-platform", "fewer-payment-incidents"),
                new KeyResultAdded("reliable-payments", "checkout-p99", "Checkout p99 under 800 ms",
                                   "checkout latency p99", "ms", new BigDecimal("1400"), new BigDecimal("800"),
                                   Direction.DECREASE, SpaceDimension.PERFORMANCE),
                new KeyResultUpdated("reliable-payments", "checkout-p99", new BigDecimal("1250"),
                                     new BigDecimal("1100"), new BigDecimal("0.25"), new BigDecimal("0.5"),
                                     new BigDecimal("0.7"), "the cache landed",
                                     Instant.parse("2027-05-03T08:15:00Z")),
                new ObjectiveRollupSet("reliable-payments", RollupMode.WEIGHTED,
                                       Map.of("checkout-p99", new BigDecimal("2")),
                                       Map.of("refunds-in-a-day", new BigDecimal("0.5"))),
                new ObjectiveReviewed("reliable-payments", ReviewOutcome.ADJUST,
                                      List.of(new FieldChange(ObjectiveField.TITLE, "Payments nobody has to think about",
                                                              "Payments that just work"))),
                new ObjectiveGraded("reliable-payments",
                                    List.of(new KeyResultGrade("checkout-p99", new BigDecimal("0.7"), false),
                                            new KeyResultGrade("refund-time", new BigDecimal("0.5"), true)),
                                    new BigDecimal("0.6")),
                new ObjectiveCarriedForward("reliable-payments", "2028-s1", "reliable-payments-2028",
                                            List.of("checkout-p99")),
                new ChildObjectiveCarriedForward("trusted-platform", "reliable-payments", "2028-s1",
                                                 "reliable-payments-2028"),
                new ObjectiveRealigned("reliable-payments-2028", null, "trusted-platform-2028"),
                new LessonRecorded("lesson-3k9x2a", "2027-s2", "reliable-payments",
                                   "Latency work needs a load test before the quarter starts.",
                                   List.of("performance", "planning")),
                new CycleArchived("2027-s1", CycleStatus.CLOSED),
                new CycleRestored("2027-s1", CycleStatus.CLOSED),
                new TeamArchived("payments"),
                new TeamRestored("payments"),
                new InitiativeArchived("faster-checkout", "2027-s1", InitiativeStatus.DONE),
                new InitiativeRestored("faster-checkout", "2027-s1", InitiativeStatus.DONE),
                new ObjectiveArchived("reliable-payments", "2027-s2", ObjectiveStatus.GRADED),
                new ObjectiveRestored("reliable-payments", "2027-s2", ObjectiveStatus.GRADED),
                new ScenarioForked("payments-slower", "2027-s1", "What if Payments loses a quarter",
                                   Instant.parse("2027-02-15T09:30:00Z"), "payments"),
                new ScenarioRenamed("payments-slower", "What if Payments loses a quarter", "Payments at 75%"),
                new ScenarioDiscarded("payments-slower"),
                new ScenarioApplied("payments-slower", 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void readsItsFrozenJsonAndStillWritesIt(Object event) throws Exception {
        String name = event.getClass().getSimpleName();
        JsonNode frozen;
        try (InputStream in = getClass().getResourceAsStream("/events/" + name + ".json")) {
            assertThat(in).as("frozen JSON for " + name).isNotNull();
            frozen = JSON.readTree(in);
        }
        assertThat(event.getClass().getAnnotation(Revision.class)).as(name + " has a revision").isNotNull();

        SerializedObject<String> written = SERIALIZER.serialize(event, String.class);
        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(frozen.toString(), String.class,
                                                                          written.getType()));

        assertThat(JSON.readTree(written.getData())).isEqualTo(frozen);
        assertThat(read).isEqualTo(event);
        assertThat(written.getType().getRevision()).isEqualTo(event.getClass().getAnnotation(Revision.class).value());
    }
}
