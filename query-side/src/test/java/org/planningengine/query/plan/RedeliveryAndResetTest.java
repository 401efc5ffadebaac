package org.planningengine.query.plan;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.query.capacity.CapacityProjection;
import org.planningengine.query.cycle.CycleProjection;
import org.planningengine.query.decision.DecisionProjection;
import org.planningengine.query.lesson.LessonProjection;
import org.planningengine.query.okr.OkrProjection;
import org.planningengine.query.roadmap.RoadmapProjection;
import org.planningengine.query.team.TeamProjection;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.Semester;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plan views apply every event idempotently: the processor hands events again after a crash (from its last
 * stored token, though the views may have gone further), and a replay resets them and hands them all again. Either
 * way every document ends as the events handled once leave it, byte for byte ({@link ProjectionFixture#documents}:
 * every collection, {@code _history} ones among them).
 */
@DisplayName("Redelivery and reset of the plan views")
class RedeliveryAndResetTest {

    /** Each projection's collections: what its reset empties, and nothing else. */
    private static final Map<Class<?>, Set<String>> COLLECTIONS = Map.of(
            CycleProjection.class, Set.of("view_cycles", "view_cycles_history"),
            RoadmapProjection.class, Set.of("view_initiatives", "view_initiatives_history", "view_roadmaps"),
            CapacityProjection.class, Set.of("view_team_plans", "view_team_plans_history", "view_cycle_teams",
                                             "view_team_plan_overrides"),
            OkrProjection.class, Set.of("view_objectives", "view_objectives_history", "view_cycle_objectives",
                                        "view_key_result_links", "view_key_result_check_ins",
                                        "view_objective_reviews"),
            DecisionProjection.class, Set.of("view_decisions", "view_decision_subjects",
                                             "view_decision_subjects_history"),
            LessonProjection.class, Set.of("view_lessons", "view_lessons_history", "view_cycle_lessons"),
            TeamProjection.class, Set.of("view_teams", "view_teams_history"));

    private final ProjectionFixture views = ProjectionFixture.given(Semester.events());
    private final SortedMap<String, List<String>> once = views.documents();
    private final int events = views.events().size();

    @Test
    @DisplayName("the semester fills every collection of every projection")
    void everyCollection() {
        Set<String> all = new TreeSet<>();
        COLLECTIONS.values().forEach(all::addAll);

        assertThat(once.keySet()).isEqualTo(all);
        assertThat(once.get("view_cycles_history")).as("a version per cycle event").hasSize(6);
    }

    @Nested
    @DisplayName("when events are handled again")
    class Redelivered {

        @Test
        @DisplayName("all of them, the documents stay as they were")
        void all() {
            views.redeliver(0);

            assertThat(views.documents()).isEqualTo(once);
        }

        @Test
        @DisplayName("those after the token a crash left (any suffix), the documents stay as they were")
        void suffixes() {
            for (int from : List.of(events - 1, events * 3 / 4, events / 2, events / 4, 1)) {
                views.redeliver(from);

                assertThat(views.documents()).as("handled again from event " + from).isEqualTo(once);
            }
        }

        @Test
        @DisplayName("in batches cut elsewhere than the first time, one at a time or all in one")
        void otherBatches() {
            views.handleOneAtATime(views.eventsFrom(5)).handleInBatchesOf(7, views.eventsFrom(2))
                 .handleInBatchesOf(100, views.events());

            assertThat(views.documents()).isEqualTo(once);
        }
    }

    @Nested
    @DisplayName("when the views had gone further than the token before the crash")
    class AheadOfTheToken {

        @Test
        @DisplayName("handling the events from the token on gives the documents the events give once")
        void ahead() {
            for (int[] crash : List.of(new int[] {0, events / 2}, new int[] {events / 3, events * 2 / 3},
                                       new int[] {events / 2, events})) {
                ProjectionFixture crashed = ProjectionFixture.notYetHandling(Semester.events());
                crashed.handle(crashed.events(0, crash[1]));

                crashed.handle(crashed.eventsFrom(crash[0]));

                assertThat(crashed.documents()).as("token at %d, views up to %d", crash[0], crash[1])
                                               .isEqualTo(once);
            }
        }

        @Test
        @DisplayName("however the events were batched, the documents are the same")
        void batching() {
            assertThat(ProjectionFixture.notYetHandling(Semester.events()).handleOneAtATime(views.events())
                                        .documents()).as("one at a time, each write at once").isEqualTo(once);
            assertThat(ProjectionFixture.notYetHandling(Semester.events()).handleInBatchesOf(100, views.events())
                                        .documents()).as("all in one batch").isEqualTo(once);
        }
    }

    @Nested
    @DisplayName("when a batch fails part-way")
    class FailedBatch {

        @Test
        @DisplayName("none of its writes are stored, and handling it again gives the documents the events give once")
        void failed() {
            ProjectionFixture crashed = ProjectionFixture.notYetHandling(Semester.events());
            crashed.handle(crashed.events(0, 20));
            SortedMap<String, List<String>> beforeTheBatch = crashed.documents();
            List<EventMessage<?>> poisoned = new ArrayList<>(crashed.events(20, 30));
            poisoned.add(5, checkInOfAnUnknownKeyResult());

            assertThatThrownBy(() -> crashed.handleInBatchesOf(100, poisoned)).isInstanceOf(AssertionError.class);
            assertThat(crashed.documents()).isEqualTo(beforeTheBatch);

            crashed.handle(crashed.eventsFrom(20));
            assertThat(crashed.documents()).isEqualTo(once);
        }

        /** An event the OKR projection cannot apply: it names a key result the objective does not have. */
        private DomainEventMessage<KeyResultUpdated> checkInOfAnUnknownKeyResult() {
            return new GenericDomainEventMessage<>(
                    "Objective", AggregateIds.objective("conversion"), 99,
                    new KeyResultUpdated("conversion", "kr-unknown", null, BigDecimal.ONE, BigDecimal.ZERO,
                                         BigDecimal.ONE, BigDecimal.ONE, null));
        }
    }

    @Nested
    @DisplayName("when the projections are reset")
    class Reset {

        @Test
        @DisplayName("each one's reset empties exactly its collections, and handling the events again refills them")
        void eachProjection() {
            for (Class<?> projection : views.projections()) {
                views.reset(projection);

                SortedMap<String, Long> counts = views.counts();
                SortedMap<String, List<String>> afterReset = views.documents();
                for (String collection : once.keySet()) {
                    String after = collection + " after " + projection.getSimpleName() + " reset";
                    if (COLLECTIONS.get(projection).contains(collection)) {
                        assertThat(counts.get(collection)).as(after).isZero();
                    } else {
                        assertThat(afterReset.get(collection)).as(after).isEqualTo(once.get(collection));
                    }
                }

                views.redeliver(0);
                assertThat(views.documents()).as("handled again after " + projection.getSimpleName() + " reset")
                                             .isEqualTo(once);
            }
        }

        @Test
        @DisplayName("all at once, as a replay begins, every collection is empty; the replay gives the same documents")
        void replay() {
            views.reset();

            assertThat(views.counts().values()).isNotEmpty().containsOnly(0L);

            views.redeliver(0);
            assertThat(views.documents()).isEqualTo(once);
        }
    }
}
