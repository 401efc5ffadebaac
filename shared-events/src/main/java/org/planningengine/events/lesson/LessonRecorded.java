package org.planningengine.events.lesson;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A lesson learned in a cycle, about the cycle or one of its objectives or initiatives, with tags. */
@Revision("1")
public record LessonRecorded(String lessonId, String cycleId, String subjectId, String text, List<String> tags) {
}
