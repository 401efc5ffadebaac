package org.planningengine.query.cycle;

import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.query.cycle.CycleReads.CycleAnswer;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.ProjectionFixture.Given;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.PolicyChange;
import org.planningengine.query.views.ViewNotFound;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.PlanEvents.STANDARD;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.PlanEvents.policy;
import static org.planningengine.query.testing.ProjectionFixture.at;

@DisplayName("The cycle projection")
class CycleProjectionTest {

    private static final Instant STARTED = Instant.parse("2025-01-06T09:00:00Z");
    private static final Instant POLICY_CHANGED = Instant.parse("2025-01-20T09:00:00Z");
    private static final Instant COMMITTED = Instant.parse("2025-02-03T09:00:00Z");
    private static final Instant CLOSED = Instant.parse("2025-07-01T09:00:00Z");
    private static final CapacityPolicy MORE_RUN = policy(40, 60, 10);

    private static final Given START = at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30"))
            .by("olga", null);
    private static final Given CHANGE_POLICY = at("2025-01-20T09:00:00Z",
                                                  new CapacityPolicyChanged("h1", STANDARD, MORE_RUN))
            .by("alice", "the platform needs more run work");
    private static final Given COMMIT = at("2025-02-03T09:00:00Z", new PlanCommitted("h1"));
    private static final Given CLOSE = at("2025-07-01T09:00:00Z", new CycleClosed("h1", List.of()));

    private static final PolicyChange STARTED_UNDER_STANDARD = new PolicyChange(STARTED, "CYCLE", STANDARD, "olga",
                                                                                null);
    private static final PolicyChange CHANGED_TO_MORE_RUN = new PolicyChange(
            POLICY_CHANGED, "CYCLE", MORE_RUN, "alice", "the platform needs more run work");

    private static CycleReads reads(ProjectionFixture views) {
        return new CycleReads(views.cycles, views.progress());
    }

    private static CycleAnswer cycle(ProjectionFixture views, Instant asOf) {
        return reads(views).cycle("h1", asOf == null ? null : asOf.toString(), new MockHttpServletResponse());
    }

    /** The ETag the read of the cycle answers. */
    private static String eTag(ProjectionFixture views, Instant asOf) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        reads(views).cycle("h1", asOf == null ? null : asOf.toString(), response);
        return response.getHeader("ETag");
    }

    private static CycleAnswer h1(String status, CapacityPolicy policy, List<PolicyChange> history, Instant asOf,
                                  Instant lastEventAt) {
        return new CycleAnswer("h1", "H1", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-06-30"), status,
                               false, policy, history, List.of(), asOf, lastEventAt);
    }

    @Nested
    @DisplayName("when a cycle is started")
    class Started {

        private final ProjectionFixture views = ProjectionFixture.given(START);

        @Test
        @DisplayName("its document has its name, dates, status PLANNING and the policy it started with")
        void document() {
            Document cycle = views.cycles.require("h1", null);

            assertThat(cycle.getString("name")).isEqualTo("H1");
            assertThat(cycle.getString("startDate")).isEqualTo("2025-01-01");
            assertThat(cycle.getString("endDate")).isEqualTo("2025-06-30");
            assertThat(cycle.getString("status")).isEqualTo("PLANNING");
            assertThat(CycleViews.policy(cycle)).isEqualTo(STANDARD);
            assertThat(cycle.getString(AggregateViews.LAST_EVENT_AT)).isEqualTo("2025-01-06T09:00:00.000000000Z");
            assertThat(cycle.getList(AggregateViews.VERSIONS, Document.class)).hasSize(1);
        }

        @Test
        @DisplayName("the read answers it, its policy history the one it started with, by who started it")
        void read() {
            assertThat(cycle(views, null))
                    .isEqualTo(h1("PLANNING", STANDARD, List.of(STARTED_UNDER_STANDARD), STARTED, STARTED));
        }

        @Test
        @DisplayName("as of an instant before it started, it did not exist")
        void beforeItStarted() {
            Instant before = STARTED.minusNanos(1);

            assertThatThrownBy(() -> views.cycles.require("h1", before)).isInstanceOf(ViewNotFound.class)
                                                                        .hasMessageContaining("did not exist");
            assertThatThrownBy(() -> cycle(views, before)).isInstanceOf(ViewNotFound.class);
            assertThat(cycle(views, STARTED).status()).as("at the instant it started").isEqualTo("PLANNING");
        }

        @Test
        @DisplayName("a cycle nobody started does not exist")
        void unknown() {
            assertThatThrownBy(() -> reads(views).cycle("h2", null, new MockHttpServletResponse()))
                    .isInstanceOf(ViewNotFound.class).hasMessageContaining("does not exist");
        }
    }

    @Nested
    @DisplayName("when its capacity policy is changed")
    class PolicyChanged {

        private final ProjectionFixture views = ProjectionFixture.given(START, CHANGE_POLICY);

        @Test
        @DisplayName("the new policy applies, and the history keeps both, with when, who and why")
        void now() {
            assertThat(cycle(views, null)).isEqualTo(h1("PLANNING", MORE_RUN, List.of(STARTED_UNDER_STANDARD,
                                                                                     CHANGED_TO_MORE_RUN),
                                                        POLICY_CHANGED, POLICY_CHANGED));
        }

        @Test
        @DisplayName("as of an instant before the change, the cycle had its first policy and a history of one")
        void before() {
            Instant between = POLICY_CHANGED.minusSeconds(3600);

            assertThat(cycle(views, between))
                    .isEqualTo(h1("PLANNING", STANDARD, List.of(STARTED_UNDER_STANDARD), between, STARTED));
        }

        @Test
        @DisplayName("the read's ETag is the cycle's version, now and as of an instant: what If-Match takes")
        void version() {
            assertThat(eTag(views, null)).isEqualTo("\"1\"");
            assertThat(eTag(views, POLICY_CHANGED.minusSeconds(1))).isEqualTo("\"0\"");
        }

        @Test
        @DisplayName("as of the instant of the change, it has the new one")
        void atTheChange() {
            assertThat(cycle(views, POLICY_CHANGED).policy()).isEqualTo(MORE_RUN);
        }
    }

    @Nested
    @DisplayName("when its plan is committed and the cycle is closed")
    class CommittedAndClosed {

        private final ProjectionFixture views = ProjectionFixture.given(START, CHANGE_POLICY, COMMIT, CLOSE);

        @Test
        @DisplayName("a commitment recorded on the cycle moves its version (the ETag a close's If-Match takes), nothing else")
        void commitmentRecorded() {
            ProjectionFixture recorded = ProjectionFixture.given(
                    START, CHANGE_POLICY, COMMIT,
                    at("2025-03-01T09:00:00Z", new CommitmentRecorded("h1", "checkout")));

            assertThat(eTag(recorded, null)).isEqualTo("\"3\"");
            assertThat(cycle(recorded, null).status()).isEqualTo("COMMITTED");
            assertThat(cycle(recorded, null).policyHistory())
                    .containsExactly(STARTED_UNDER_STANDARD, CHANGED_TO_MORE_RUN);
        }

        @Test
        @DisplayName("its status goes PLANNING, COMMITTED, CLOSED, as of each instant")
        void status() {
            assertThat(cycle(views, null).status()).isEqualTo("CLOSED");
            assertThat(cycle(views, COMMITTED.minusNanos(1)).status()).isEqualTo("PLANNING");
            assertThat(cycle(views, COMMITTED).status()).isEqualTo("COMMITTED");
            assertThat(cycle(views, CLOSED.minusSeconds(1)).status()).isEqualTo("COMMITTED");
            assertThat(cycle(views, CLOSED).status()).isEqualTo("CLOSED");
        }

        @Test
        @DisplayName("its policy and history stay as the change left them, and lastEventAt follows the events")
        void policyAndLastEvent() {
            CycleAnswer now = cycle(views, null);

            assertThat(now.policyHistory()).containsExactly(STARTED_UNDER_STANDARD, CHANGED_TO_MORE_RUN);
            assertThat(now.lastEventAt()).isEqualTo(CLOSED);
            assertThat(cycle(views, COMMITTED.plusSeconds(60)).lastEventAt()).isEqualTo(COMMITTED);
            assertThat(views.cycles.require("h1", null).getList(AggregateViews.VERSIONS, Document.class))
                    .as("a version per event").hasSize(4);
        }

        @Test
        @DisplayName("as of every instant, the read answers what the events up to it give")
        void asOfEveryInstant() {
            assertThat(views.assertAsOfEveryInstant(CycleProjectionTest::cycle)).isEqualTo(9);
        }
    }

    @Nested
    @DisplayName("with several cycles")
    class SeveralCycles {

        private final ProjectionFixture views = ProjectionFixture.given(
                START, CHANGE_POLICY,
                at("2025-06-02T09:00:00Z", cycleStarted("h2", "2025-07-01", "2025-12-31")),
                at("2025-06-09T09:00:00Z", cycleStarted("q3", "2025-07-01", "2025-09-30")));

        private List<String> cyclesAsOf(Instant asOf) {
            return reads(views).cycles(null, asOf == null ? null : asOf.toString()).cycles().stream()
                               .map(CycleReads.Cycle::id).toList();
        }

        @Test
        @DisplayName("the list has those that existed at the instant, the earliest start first, ties by id")
        void list() {
            assertThat(cyclesAsOf(null)).containsExactly("h1", "h2", "q3");
            assertThat(cyclesAsOf(Instant.parse("2025-06-05T00:00:00Z"))).containsExactly("h1", "h2");
            assertThat(cyclesAsOf(STARTED.minusSeconds(1))).isEmpty();
        }

        @Test
        @DisplayName("as of every instant, the list is what the events up to it give")
        void asOfEveryInstant() {
            views.assertAsOfEveryInstant(
                    (fixture, asOf) -> reads(fixture).cycles(null, asOf == null ? null : asOf.toString()));
        }
    }

    @Nested
    @DisplayName("when a cycle is archived and restored")
    class Archived {

        private static final Instant ARCHIVED = Instant.parse("2025-06-20T09:00:00Z");
        private static final Instant RESTORED = Instant.parse("2025-06-25T09:00:00Z");

        private final ProjectionFixture views = ProjectionFixture.given(
                START,
                at("2025-06-02T09:00:00Z", cycleStarted("h2", "2025-07-01", "2025-12-31")),
                at("2025-06-09T09:00:00Z", cycleStarted("q3", "2025-07-01", "2025-09-30")),
                at("2025-06-20T09:00:00Z", new CycleArchived("q3", CycleStatus.PLANNING)).by("olga", "a mistake"),
                at("2025-06-21T09:00:00Z", new CycleArchived("h1", CycleStatus.PLANNING)).by("olga", "unused"),
                at("2025-06-25T09:00:00Z", new CycleRestored("h1", CycleStatus.PLANNING)).by("olga", "needed"));

        private List<String> cycles(String archived, Instant asOf) {
            return reads(views).cycles(archived, asOf == null ? null : asOf.toString()).cycles().stream()
                               .map(cycle -> cycle.id() + (cycle.archived() ? " (archived)" : "") + " "
                                             + cycle.overlaps())
                               .toList();
        }

        @Test
        @DisplayName("the list leaves it out, and no cycle names it among its overlaps")
        void leftOut() {
            assertThat(cycles(null, null)).containsExactly("h1 []", "h2 []");
            assertThat(cycles("exclude", null)).containsExactly("h1 []", "h2 []");
            assertThat(reads(views).cycles(null, null).lastEventAt()).as("restoring h1 changed the list")
                                                                    .isEqualTo(RESTORED);
        }

        @Test
        @DisplayName("the list shows it, flagged, when asked; as of before the archiving, as it was")
        void includeOnlyAndAsOf() {
            assertThat(cycles("include", null)).containsExactly("h1 []", "h2 []", "q3 (archived) [h2]");
            assertThat(cycles("only", null)).containsExactly("q3 (archived) [h2]");
            assertThat(cycles(null, ARCHIVED.minusSeconds(1))).containsExactly("h1 []", "h2 [q3]", "q3 [h2]");
            assertThat(cycles(null, RESTORED.minusSeconds(1))).containsExactly("h2 []");
        }

        @Test
        @DisplayName("the cycle's own read answers it, archived, with its status; and restored, as it was")
        void single() {
            CycleAnswer q3 = reads(views).cycle("q3", null, new MockHttpServletResponse());

            assertThat(q3.archived()).isTrue();
            assertThat(q3.status()).isEqualTo("PLANNING");
            assertThat(q3.overlaps()).containsExactly("h2");
            assertThat(reads(views).cycle("q3", ARCHIVED.minusSeconds(1).toString(), new MockHttpServletResponse())
                              .archived()).isFalse();
            assertThat(cycle(views, null).archived()).isFalse();
            assertThat(views.cycles.require("h1", null).getBoolean("archived")).isFalse();
        }

        @Test
        @DisplayName("a filter value that names nothing is refused")
        void unknownFilter() {
            assertThatThrownBy(() -> reads(views).cycles("archived", null)).isInstanceOf(BadQuery.class)
                    .hasMessage("archived must be one of exclude, include, only (was archived)");
        }

        @Test
        @DisplayName("as of every instant, the list with each filter is what the events up to it give")
        void asOfEveryInstant() {
            for (String archived : new String[] {null, "include", "only"}) {
                views.assertAsOfEveryInstant(
                        (fixture, asOf) -> reads(fixture).cycles(archived, asOf == null ? null : asOf.toString()));
            }
        }
    }
}
