package org.planningengine.query.web;

import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ReplayRefused;
import org.planningengine.query.views.ViewNotFound;
import org.planningengine.query.views.ViewNotReady;
import org.planningengine.query.views.ViewOutOfRange;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The read API's own refusals as {@code application/problem+json}; Spring's problem details answer the rest
 * (an unknown path, a wrong method).
 */
@RestControllerAdvice(basePackages = "org.planningengine.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryProblems {

    private static final String TYPES = "urn:planning-engine:problem:";

    @ExceptionHandler
    ProblemDetail notFound(ViewNotFound notFound) {
        return problem(HttpStatus.NOT_FOUND, "unknown-reference", "Not found", notFound.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notReady(ViewNotReady late) {
        return problem(HttpStatus.GATEWAY_TIMEOUT, "not-yet-consistent", "Views not yet consistent",
                       late.getMessage());
    }

    @ExceptionHandler
    ProblemDetail replayRefused(ReplayRefused refused) {
        return problem(HttpStatus.CONFLICT, "state-conflict", "Not allowed in the current state", refused.getMessage());
    }

    @ExceptionHandler
    ProblemDetail badQuery(BadQuery bad) {
        return fieldProblem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", bad.parameter(),
                            bad.getMessage());
    }

    @ExceptionHandler
    ProblemDetail outOfRange(ViewOutOfRange outOfRange) {
        return fieldProblem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated", "A rule was broken",
                            outOfRange.parameter(), outOfRange.getMessage());
    }

    private static ProblemDetail fieldProblem(HttpStatus status, String type, String title, String field,
                                              String detail) {
        ProblemDetail problem = problem(status, type, title, detail);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }
}
