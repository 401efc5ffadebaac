package org.planningengine.command.lesson.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.command.Slugs;
import org.planningengine.command.lesson.RecordLesson;
import org.planningengine.command.web.CommandSender;
import org.planningengine.command.web.WriteResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Writes of lessons learned; each gets an id of its own. */
@RestController
@Tag(name = "Retrospective", description = "What a cycle taught, and the work it left unfinished")
class LessonWrites {

    record LessonRequest(String cycleId, String subjectId, String text, List<String> tags) {
    }

    private final CommandSender sender;

    LessonWrites(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Record a lesson of a cycle")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping("/api/lessons")
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult record(@RequestBody LessonRequest request) {
        String id = Slugs.fromTitle("lesson");
        return sender.send(id, new RecordLesson(id, request.cycleId(), request.subjectId(), request.text(),
                                                request.tags()));
    }
}
