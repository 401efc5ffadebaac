package org.planningengine.query.lesson;

import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.lesson.LessonRecorded;
import org.planningengine.query.plan.RetrospectiveReads.Lesson;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.ProjectionFixture.Given;
import org.planningengine.query.views.ViewNotFound;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.ProjectionFixture.at;

@DisplayName("The lessons")
class LessonProjectionTest {

    private static final Instant FIRST = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant SECOND = Instant.parse("2025-03-05T09:00:00Z");

    private static final List<Given> EVENTS = List.of(
            at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
            at("2025-03-01T09:00:00Z", new LessonRecorded("flags", "h1", "checkout", "Ship behind a flag",
                                                          List.of("delivery")))
                    .by("olga", null),
            at("2025-03-05T09:00:00Z", new LessonRecorded("focus", "h1", "h1", "Plan fewer things",
                                                          List.of("planning", "focus")))
                    .by("alice", null),
            at("2025-05-01T09:00:00Z", cycleStarted("h2", "2025-07-01", "2025-12-31")),
            at("2025-05-10T09:00:00Z", new LessonRecorded("review", "h2", "h2", "Review early", List.of())));

    private final ProjectionFixture views = ProjectionFixture.given(EVENTS);

    private List<String> lessonIds(String cycleId, Instant asOf) {
        return views.lessons.lessonsOf(cycleId, asOf).stream().map(lesson -> lesson.getString("_id")).toList();
    }

    @Nested
    @DisplayName("when lessons are recorded in a cycle")
    class Recorded {

        @Test
        @DisplayName("the cycle has them, oldest first, each with its subject, text, tags, who and when")
        void recorded() {
            assertThat(lessonIds("h1", null)).containsExactly("flags", "focus");
            Document flags = views.lessons.lessonsOf("h1", null).get(0);
            assertThat(flags.getString("subjectId")).isEqualTo("checkout");
            assertThat(flags.getString("text")).isEqualTo("Ship behind a flag");
            assertThat(flags.getList("tags", String.class)).containsExactly("delivery");
            assertThat(flags.getString("actor")).isEqualTo("olga");
        }

        @Test
        @DisplayName("another cycle's lessons are its own")
        void otherCycle() {
            assertThat(lessonIds("h2", null)).containsExactly("review");
        }

        @Test
        @DisplayName("as of an instant, the cycle has the lessons recorded up to it")
        void asOf() {
            assertThat(lessonIds("h1", SECOND.minusNanos(1))).containsExactly("flags");
            assertThat(lessonIds("h1", FIRST.minusNanos(1))).isEmpty();
        }

        @Test
        @DisplayName("before the cycle existed, its retrospective has nothing to read")
        void beforeTheCycle() {
            assertThatThrownBy(() -> views.retrospective.retrospective("h1", "2025-01-06T08:59:59Z"))
                    .isInstanceOf(ViewNotFound.class);
            assertThat(lessonIds("h1", Instant.parse("2025-01-06T08:59:59Z"))).isEmpty();
        }

        @Test
        @DisplayName("the retrospective lists them")
        void retrospective() {
            assertThat(views.retrospective.retrospective("h1", null).lessons()).containsExactly(
                    new Lesson("flags", FIRST, "olga", "checkout", "Ship behind a flag", List.of("delivery")),
                    new Lesson("focus", SECOND, "alice", "h1", "Plan fewer things", List.of("planning", "focus")));
        }

        @Test
        @DisplayName("as of every instant, the retrospective's lessons are what the events up to it give")
        void asOfEveryInstant() {
            views.assertAsOfEveryInstant((fixture, asOf) -> fixture.retrospective.retrospective(
                    "h1", asOf == null ? null : asOf.toString()).lessons());
        }
    }
}
