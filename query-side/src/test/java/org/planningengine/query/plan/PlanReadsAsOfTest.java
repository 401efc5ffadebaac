package org.planningengine.query.plan;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.Semester;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time travel over a semester of every kind of event: each read that joins the features, of each cycle, as of every
 * instant of the semester (each event's, the middle between two, before the first and after the last), is exactly
 * what views rebuilt from only the events up to that instant answer now; the views that leave archived items out
 * too.
 */
@DisplayName("The plan reads as of every instant of a semester")
class PlanReadsAsOfTest {

    private final ProjectionFixture views = ProjectionFixture.given(Semester.events());

    @Test
    @DisplayName("roadmap, capacity, OKRs and retrospective of each cycle: what the events up to the instant give")
    void everyRead() {
        int instants = views.assertAsOfEveryInstant((fixture, asOf) -> List.of(
                fixture.answer((f, t) -> f.roadmap.roadmapAt("h1", t), asOf),
                fixture.answer((f, t) -> f.roadmap.roadmapAt("h2", t), asOf),
                fixture.answer((f, t) -> f.capacity.capacityAt("h1", t), asOf),
                fixture.answer((f, t) -> f.capacity.capacityAt("h2", t), asOf),
                fixture.answer((f, t) -> f.okrs.okrsAt("h1", t), asOf),
                fixture.answer((f, t) -> f.okrs.okrsAt("h2", t), asOf),
                fixture.answer((f, t) -> f.retrospective.retrospective("h1", t == null ? null : t.toString()), asOf),
                fixture.answer((f, t) -> f.retrospective.retrospective("h2", t == null ? null : t.toString()),
                               asOf),
                fixture.answer((f, t) -> f.roadmap.roadmap("h1", null, null, null, null, text(t)), asOf),
                fixture.answer((f, t) -> f.capacity.capacity("h1", null, text(t)), asOf),
                fixture.answer((f, t) -> f.okrs.okrs("h1", null, text(t)), asOf)));

        assertThat(instants).as("50 distinct times, 49 between them, one before, one after").isEqualTo(101);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
