package org.planningengine.query.capacity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.GuardrailOverridden.Cause;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.initiative.Category;
import org.planningengine.query.capacity.TeamCapacity.Totals;
import org.planningengine.query.plan.CapacityReads.CapacityAnswer;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.ProjectionFixture.Given;
import org.planningengine.query.views.PolicyChange;
import org.planningengine.query.views.ViewNotFound;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.PlanEvents.STANDARD;
import static org.planningengine.query.testing.PlanEvents.allocated;
import static org.planningengine.query.testing.PlanEvents.capacitySet;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.PlanEvents.decimal;
import static org.planningengine.query.testing.PlanEvents.policy;
import static org.planningengine.query.testing.ProjectionFixture.at;

@DisplayName("The capacity projection and the capacity read")
class CapacityProjectionTest {

    private static final CapacityPolicy SEARCH_OWN = policy(70, 30, 10);
    private static final CapacityPolicy MORE_RUN = policy(40, 60, 10);

    private static final Instant STARTED = Instant.parse("2025-01-06T09:00:00Z");
    private static final Instant PAYMENTS_SET = Instant.parse("2025-01-07T09:00:00Z");
    private static final Instant CHECKOUT_ALLOCATED = Instant.parse("2025-01-09T09:00:00Z");
    private static final Instant FRAUD_ALLOCATED = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant CHECKOUT_REPLACED = Instant.parse("2025-01-11T09:00:00Z");
    private static final Instant SEARCH_OWN_POLICY = Instant.parse("2025-01-12T09:00:00Z");
    private static final Instant OVERRIDDEN = Instant.parse("2025-01-13T09:05:00Z");
    private static final Instant FRAUD_RELEASED = Instant.parse("2025-01-20T09:00:00Z");
    private static final Instant CYCLE_POLICY_CHANGED = Instant.parse("2025-01-25T09:00:00Z");

    private static final List<Given> EVENTS = List.of(
            at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
            at("2025-01-07T09:00:00Z", capacitySet("h1", "payments", "0", "40")),
            at("2025-01-08T09:00:00Z", capacitySet("h1", "search", "0", "20")),
            at("2025-01-09T09:00:00Z", allocated("h1", "payments", "checkout", Category.NEW_INITIATIVE, "0", "16")),
            at("2025-01-10T09:00:00Z", allocated("h1", "payments", "fraud", Category.KTLO, "0", "20")),
            at("2025-01-11T09:00:00Z", allocated("h1", "payments", "checkout", Category.NEW_INITIATIVE, "16", "20")),
            at("2025-01-12T09:00:00Z", new TeamPolicyOverridden("h1", "search", null, SEARCH_OWN))
                    .by("sam", "search invests this half"),
            at("2025-01-13T09:00:00Z", allocated("h1", "search", "autocomplete", Category.NEW_INITIATIVE, "0", "17")),
            at("2025-01-13T09:05:00Z", new GuardrailOverridden("h1", "search", Cause.ALLOCATION, "autocomplete",
                                                               "new", 70, 10, decimal("85.0000")))
                    .by("sam", "launch before summer"),
            at("2025-01-20T09:00:00Z", allocated("h1", "payments", "fraud", Category.KTLO, "20", "0")),
            at("2025-01-25T09:00:00Z", new CapacityPolicyChanged("h1", STANDARD, MORE_RUN))
                    .by("alice", "more run work"));

    private static ProjectionFixture given(int events) {
        return ProjectionFixture.given(EVENTS.subList(0, events));
    }

    private static TeamCapacity team(CapacityAnswer capacity, String teamId) {
        return capacity.teams().stream().filter(team -> team.teamId().equals(teamId)).findFirst().orElseThrow();
    }

    /** A team's capacity as a person reads it: capacity, allocated, remaining. */
    private static String figures(TeamCapacity team) {
        return team.capacityPersonWeeks() + " - " + team.allocatedPersonWeeks() + " = "
               + team.remainingPersonWeeks();
    }

    /** Each bucket: what it holds, its share of the capacity against its target and tolerance, and its flag. */
    private static List<String> buckets(List<TeamCapacity.Bucket> buckets) {
        return buckets.stream().map(bucket -> bucket.name() + " " + bucket.allocatedPersonWeeks() + "pw "
                                              + bucket.actualShare() + "% of " + bucket.targetShare() + "±"
                                              + bucket.tolerance() + " " + bucket.flag()).toList();
    }

    @Nested
    @DisplayName("when a team's capacity is set")
    class CapacitySet {

        private final ProjectionFixture views = given(2);

        @Test
        @DisplayName("the team has it all remaining, every bucket empty, under the cycle's policy")
        void set() {
            TeamCapacity payments = team(views.capacity.capacityAt("h1", null), "payments");

            assertThat(figures(payments)).isEqualTo("40 - 0 = 40");
            assertThat(payments.policySource()).isEqualTo("CYCLE");
            assertThat(buckets(payments.buckets())).containsExactly("new 0pw 0.00% of 50±5 UNDER",
                                                                    "run 0pw 0.00% of 50±5 UNDER");
            assertThat(payments.byCategory()).containsEntry(Category.NEW_INITIATIVE, BigDecimal.ZERO);
        }

        @Test
        @DisplayName("before it was set, the cycle had no team, and shares of nothing are within tolerance")
        void before() {
            CapacityAnswer then = views.capacity.capacityAt("h1", PAYMENTS_SET.minusSeconds(1));

            assertThat(then.teams()).isEmpty();
            assertThat(then.organisation().capacityPersonWeeks()).isEqualTo(BigDecimal.ZERO);
            assertThat(buckets(then.organisation().buckets())).containsExactly("new 0pw 0.00% of 50±5 WITHIN",
                                                                               "run 0pw 0.00% of 50±5 WITHIN");
            assertThat(then.lastEventAt()).isEqualTo(STARTED);
        }

        @Test
        @DisplayName("before the cycle existed, there is no capacity to read")
        void beforeTheCycle() {
            assertThatThrownBy(() -> views.capacity.capacityAt("h1", STARTED.minusSeconds(1)))
                    .isInstanceOf(ViewNotFound.class);
        }
    }

    @Nested
    @DisplayName("when capacity is allocated, an allocation replaced and one released with 0")
    class Allocations {

        private final ProjectionFixture views = given(10);

        @Test
        @DisplayName("an allocation counts in its category's bucket")
        void allocated() {
            TeamCapacity payments = team(views.capacity.capacityAt("h1", CHECKOUT_ALLOCATED), "payments");

            assertThat(figures(payments)).isEqualTo("40 - 16 = 24");
            assertThat(buckets(payments.buckets())).containsExactly("new 16pw 40.00% of 50±5 UNDER",
                                                                    "run 0pw 0.00% of 50±5 UNDER");
            TeamCapacity withFraud = team(views.capacity.capacityAt("h1", FRAUD_ALLOCATED), "payments");
            assertThat(buckets(withFraud.buckets())).containsExactly("new 16pw 40.00% of 50±5 UNDER",
                                                                     "run 20pw 50.00% of 50±5 WITHIN");
        }

        @Test
        @DisplayName("a cycle's policy adopted by a plan that follows it moves the plan's version, nothing else")
        void adoptedPolicy() {
            List<Given> events = new ArrayList<>(EVENTS);
            events.add(at("2025-01-25T09:00:00Z", new CyclePolicyAdopted("h1", "payments", STANDARD, MORE_RUN)));
            TeamCapacity adopted = team(ProjectionFixture.given(events).capacity.capacityAt("h1", null), "payments");
            TeamCapacity before = team(given(EVENTS.size()).capacity.capacityAt("h1", null), "payments");

            assertThat(adopted.version()).isEqualTo(before.version() + 1);
            assertThat(figures(adopted)).isEqualTo(figures(before));
            assertThat(buckets(adopted.buckets())).isEqualTo(buckets(before.buckets()));
        }

        @Test
        @DisplayName("a team's row carries the version of its plan, which the plan's writes take as If-Match")
        void version() {
            assertThat(team(views.capacity.capacityAt("h1", null), "payments").version()).isEqualTo(4);
            assertThat(team(views.capacity.capacityAt("h1", null), "search").version()).isEqualTo(3);
            assertThat(team(views.capacity.capacityAt("h1", CHECKOUT_ALLOCATED), "payments").version()).isEqualTo(1);
        }

        @Test
        @DisplayName("a second allocation to an initiative replaces its first")
        void replaced() {
            TeamCapacity payments = team(views.capacity.capacityAt("h1", CHECKOUT_REPLACED), "payments");

            assertThat(figures(payments)).isEqualTo("40 - 40 = 0");
            assertThat(payments.byCategory()).containsAllEntriesOf(Map.of(Category.NEW_INITIATIVE, decimal("20"),
                                                                          Category.KTLO, decimal("20")));
        }

        @Test
        @DisplayName("an allocation of 0 releases it")
        void released() {
            TeamCapacity payments = team(views.capacity.capacityAt("h1", null), "payments");

            assertThat(figures(payments)).isEqualTo("40 - 20 = 20");
            assertThat(buckets(payments.buckets())).containsExactly("new 20pw 50.00% of 50±5 WITHIN",
                                                                    "run 0pw 0.00% of 50±5 UNDER");
            assertThat(views.capacityViews.allocations("h1", List.of("payments"), null))
                    .containsExactly(Map.entry("checkout", decimal("20")));
            assertThat(views.capacityViews.allocations("h1", List.of("payments"), FRAUD_RELEASED.minusNanos(1)))
                    .containsOnly(Map.entry("checkout", decimal("20")), Map.entry("fraud", decimal("20")));
        }
    }

    @Nested
    @DisplayName("when a team overrides the cycle's policy and passes a guardrail")
    class TeamPolicyAndGuardrail {

        private final ProjectionFixture views = given(9);

        @Test
        @DisplayName("its own policy applies to it from then on, after the cycle's")
        void ownPolicy() {
            TeamCapacity search = team(views.capacity.capacityAt("h1", null), "search");

            assertThat(search.policySource()).isEqualTo("TEAM");
            assertThat(buckets(search.buckets())).containsExactly("new 17pw 85.00% of 70±10 OVER",
                                                                  "run 0pw 0.00% of 30±10 UNDER");
            assertThat(search.policyHistory()).containsExactly(
                    new PolicyChange(STARTED, "CYCLE", STANDARD, "planner", null),
                    new PolicyChange(SEARCH_OWN_POLICY, "TEAM", SEARCH_OWN, "sam", "search invests this half"));
            assertThat(team(views.capacity.capacityAt("h1", null), "payments").policySource())
                    .as("the other team").isEqualTo("CYCLE");
        }

        @Test
        @DisplayName("before it, the team followed the cycle's")
        void before() {
            TeamCapacity search = team(views.capacity.capacityAt("h1", SEARCH_OWN_POLICY.minusSeconds(1)),
                                       "search");

            assertThat(search.policySource()).isEqualTo("CYCLE");
            assertThat(search.policyHistory()).hasSize(1);
        }

        @Test
        @DisplayName("the override is kept with who and why, from the instant it was made")
        void override() {
            TeamCapacity.Override expected = new TeamCapacity.Override(
                    OVERRIDDEN, "sam", "launch before summer", Cause.ALLOCATION, "autocomplete", "new", 70, 10,
                    decimal("85.0000"));

            assertThat(team(views.capacity.capacityAt("h1", null), "search").overrides()).containsExactly(expected);
            assertThat(team(views.capacity.capacityAt("h1", OVERRIDDEN.minusNanos(1)), "search").overrides())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("when the cycle's policy changes later")
    class CyclePolicyChanged {

        private final ProjectionFixture views = given(EVENTS.size());

        @Test
        @DisplayName("the teams that follow the cycle's take it, and a team with its own keeps its own")
        void teams() {
            CapacityAnswer now = views.capacity.capacityAt("h1", null);

            assertThat(now.policy()).isEqualTo(MORE_RUN);
            assertThat(buckets(team(now, "payments").buckets())).containsExactly(
                    "new 20pw 50.00% of 40±10 WITHIN", "run 0pw 0.00% of 60±10 UNDER");
            assertThat(team(now, "payments").policyHistory()).containsExactly(
                    new PolicyChange(STARTED, "CYCLE", STANDARD, "planner", null),
                    new PolicyChange(CYCLE_POLICY_CHANGED, "CYCLE", MORE_RUN, "alice", "more run work"));
            assertThat(team(now, "search").policySource()).isEqualTo("TEAM");
            assertThat(team(now, "search").policyHistory()).hasSize(2);
        }

        @Test
        @DisplayName("the organisation sums the teams, its buckets under the cycle's policy")
        void organisation() {
            Totals now = views.capacity.capacityAt("h1", null).organisation();
            Totals before = views.capacity.capacityAt("h1", FRAUD_RELEASED.minusSeconds(1)).organisation();

            assertThat(now.capacityPersonWeeks() + " - " + now.allocatedPersonWeeks() + " = "
                       + now.remainingPersonWeeks()).isEqualTo("60 - 37 = 23");
            assertThat(buckets(now.buckets())).containsExactly("new 37pw 61.67% of 40±10 OVER",
                                                               "run 0pw 0.00% of 60±10 UNDER");
            assertThat(buckets(before.buckets())).containsExactly("new 37pw 61.67% of 50±5 OVER",
                                                                  "run 20pw 33.33% of 50±5 UNDER");
        }

        @Test
        @DisplayName("as of every instant, the capacity is what the events up to it give")
        void asOfEveryInstant() {
            views.assertAsOfEveryInstant((fixture, asOf) -> fixture.capacity.capacityAt("h1", asOf));
        }
    }
}
