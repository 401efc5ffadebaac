package org.planningengine.command.lesson;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.lesson.LessonRecorded;

import java.util.Collections;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

class LessonTest {

    private AggregateTestFixture<Lesson> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Lesson.class);
        fixture.registerInjectableResource(new ListedRegistry().withCycle("2026-s2", CycleStatus.CLOSED)
                                                               .withObjective("reliable-payments", "2026-s2", null)
                                                               .withInitiative("checkout"));
    }

    @Test
    void recordsALessonInAClosedCycleAboutAnObjectiveWithTagsEachOnce() {
        fixture.givenNoPriorActivity()
               .when(new RecordLesson("lesson-1", "2026-s2", "reliable-payments", " Load test first. ",
                                      List.of("performance", " planning ", "performance")))
               .expectEvents(new LessonRecorded("lesson-1", "2026-s2", "reliable-payments", "Load test first.",
                                                List.of("performance", "planning")));
    }

    @Test
    void aboutAnInitiativeOrTheWholeCycle() {
        fixture.givenNoPriorActivity()
               .when(new RecordLesson("lesson-1", "2026-s2", "checkout", "Ship smaller", null))
               .expectEvents(new LessonRecorded("lesson-1", "2026-s2", "checkout", "Ship smaller", List.of()));
        fixture.givenNoPriorActivity()
               .when(new RecordLesson("lesson-2", "2026-s2", null, "Plan less", List.of()))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesNoTextAnUnknownCycleOrSubject() {
        fixture.givenNoPriorActivity().when(new RecordLesson("lesson-1", "2026-s2", null, " ", null))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("text is required"));
        fixture.givenNoPriorActivity().when(new RecordLesson("lesson-1", "2030-s1", null, "x", null))
               .expectNoEvents().expectException(UnknownReference.class)
               .expectExceptionMessage(containsString("cycle 2030-s1 does not exist"));
        fixture.givenNoPriorActivity().when(new RecordLesson("lesson-1", "2026-s2", "ghost", "x", null))
               .expectNoEvents().expectException(UnknownReference.class)
               .expectExceptionMessage(containsString("there is no objective or initiative ghost"));
    }

    @Test
    void refusesBlankOrTooManyTagsAndTooLongAText() {
        fixture.givenNoPriorActivity().when(new RecordLesson("lesson-1", "2026-s2", null, "x", List.of(" ")))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("a tag is 1 to 64 characters"));
        fixture.givenNoPriorActivity()
               .when(new RecordLesson("lesson-1", "2026-s2", null, "x", Collections.nCopies(21, "tag")))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("at most 20 tags"));
        fixture.givenNoPriorActivity().when(new RecordLesson("lesson-1", "2026-s2", null, "x".repeat(4001), null))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("at most 4000 characters"));
    }

    @Test
    void refusesATextOrTagThatIsNoValidText() {
        fixture.givenNoPriorActivity().when(new RecordLesson("lesson-1", "2026-s2", null, "a\u0000b", null))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("text contains the control character U+0000"));
        fixture.givenNoPriorActivity().when(new RecordLesson("lesson-1", "2026-s2", null, "x", List.of("\uDC00")))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("tags contains a lone surrogate"));
    }
}
