package org.planningengine.query.lesson;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.lesson.LessonRecorded;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewSets;
import org.planningengine.query.views.ViewTime;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The lessons learned in each cycle: {@code view_lessons}, one per lesson, and a set per cycle. */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class LessonProjection {

    public static final String LESSONS = "view_lessons";
    public static final String CYCLE_LESSONS = "view_cycle_lessons";

    private final AggregateViews lessons;
    private final ViewSets cycleLessons;

    public LessonProjection(MongoDatabase planningDatabase) {
        this.lessons = new AggregateViews(planningDatabase, LESSONS);
        this.cycleLessons = new ViewSets(planningDatabase, CYCLE_LESSONS);
    }

    @EventHandler
    void on(LessonRecorded event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor) {
        lessons.apply(event.lessonId(), sequence, at, lesson -> {
            cycleLessons.add(event.cycleId(), event.lessonId());
            lesson.append("cycleId", event.cycleId()).append("subjectId", event.subjectId())
                  .append("text", event.text()).append("tags", event.tags()).append("actor", actor)
                  .append("at", ViewTime.format(at));
        });
    }

    @ResetHandler
    void reset() {
        lessons.clear();
        cycleLessons.clear();
    }

    /** The cycle's lessons as of the instant (now, for none), oldest first. */
    public List<Document> lessonsOf(String cycleId, Instant asOf) {
        List<String> ids = cycleLessons.find(cycleId).map(set -> ViewSets.members(set, asOf)).orElse(List.of());
        Map<String, Document> found = lessons.findAll(ids, asOf);
        return found.values().stream()
                    .sorted(Comparator.comparing((Document lesson) -> lesson.getString("at"))
                                                .thenComparing(lesson -> lesson.getString("_id")))
                    .toList();
    }
}
