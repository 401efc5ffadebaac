package org.planningengine.command.lesson;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.lesson.LessonRecorded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A lesson learned. Lessons are written during and after a cycle (a closed cycle takes them too), and what they are
 * about must exist: an objective or an initiative, or nothing for the cycle as a whole.
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class Lesson {

    static final int MAX_TEXT = 4000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 64;

    @AggregateIdentifier
    private String aggregateId;

    protected Lesson() {
    }

    @CommandHandler
    public Lesson(RecordLesson command, PlanRegistry registry) {
        Rules.requireText("text", command.text(), MAX_TEXT);
        if (registry.cycle(command.cycleId()).isEmpty()) {
            throw new UnknownReference("cycleId", "cycle " + command.cycleId() + " does not exist");
        }
        String subject = command.subjectId();
        if (subject != null && registry.objective(subject).isEmpty() && registry.initiative(subject).isEmpty()) {
            throw new UnknownReference("subjectId", "there is no objective or initiative " + subject);
        }
        apply(new LessonRecorded(command.lessonId(), command.cycleId(), subject, command.text().strip(),
                                 tags(command.tags())));
    }

    /** Tags as written, stripped, each once, in their order. */
    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw new RuleViolated("tags", "at most " + MAX_TAGS + " tags (were " + tags.size() + ")");
        }
        Set<String> cleaned = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank() || tag.strip().length() > MAX_TAG) {
                throw new RuleViolated("tags", "a tag is 1 to " + MAX_TAG + " characters (was '" + tag + "')");
            }
            Rules.requireValidText("tags", tag);
            cleaned.add(tag.strip());
        }
        return List.copyOf(cleaned);
    }

    @EventSourcingHandler
    void on(LessonRecorded event) {
        aggregateId = AggregateIds.lesson(event.lessonId());
    }
}
