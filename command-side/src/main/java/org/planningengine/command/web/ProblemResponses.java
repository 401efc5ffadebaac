package org.planningengine.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.concurrency.UnexpectedVersion;
import org.planningengine.security.web.WebProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal as {@code application/problem+json} (RFC 9457): {@code 400} for a body that is not JSON or has a
 * value of the wrong type, {@code 422} for a broken rule, {@code 404} for an unknown id, {@code 409} for a state
 * that does not allow the command, {@code 412} for an aggregate that is not at the version {@code If-Match} names
 * (with its {@code currentVersion}). Field errors are listed in {@code errors: [{field, message}]}.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");
    /** How Jackson's strict duplicate detection begins its message. */
    private static final String DUPLICATE = "Duplicate field '";

    @ExceptionHandler
    ResponseEntity<Object> ruleViolated(RuleViolated violation) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated", "A rule was broken",
                       violation.getMessage(), violation.field());
    }

    @ExceptionHandler
    ResponseEntity<Object> unknownReference(UnknownReference unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-reference", "Not found", unknown.getMessage(), unknown.field());
    }

    @ExceptionHandler
    ResponseEntity<Object> stateConflict(StateConflict conflict) {
        return problem(HttpStatus.CONFLICT, "state-conflict", "Not allowed in the current state",
                       conflict.getMessage(), null);
    }

    /** With the aggregate's version now (null while it does not exist): the client reads it again and decides anew. */
    @ExceptionHandler
    ResponseEntity<Object> unexpectedVersion(UnexpectedVersion stale) {
        ProblemDetail problem = detail(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
                                       stale.getMessage());
        problem.setProperty("currentVersion", stale.currentVersion());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(problem);
    }

    /** Never a stack trace to the client; the log keeps it. */
    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception failure) {
        log.error("A request failed unexpectedly", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                       "the request failed on the server; nothing the request sent was at fault", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodies.BodyTooLarge tooLarge) {
                return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large",
                               tooLarge.getMessage(), null);
            }
        }
        Throwable cause = unreadable.getCause();
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            // The right JSON type, a value outside the allowed ones: a range, not a type.
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated", "A rule was broken",
                           fieldOf(invalid) + " must be one of " + constants(invalid.getTargetType())
                           + " (was " + invalid.getValue() + ")", fieldOf(invalid));
        }
        if (cause instanceof StrictJson.InvalidText invalid) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated", "A rule was broken",
                           fieldOf(invalid) + " " + invalid.getOriginalMessage(), fieldOf(invalid));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                           "unknown field " + fieldOf(unknown) + "; the fields are "
                           + unknown.getKnownPropertyIds(), fieldOf(unknown));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                           fieldOf(mismatched) + " must be " + describe(mismatched.getTargetType()),
                           fieldOf(mismatched));
        }
        StreamReadException duplicate = duplicateField(unreadable);
        if (duplicate != null) {
            String field = duplicatedField(duplicate);
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                           field + " is in the body more than once; a field is given once", field);
        }
        if (cause instanceof JsonProcessingException json) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                           "the body is not valid JSON" + where(json) + ": " + firstClause(json.getOriginalMessage()),
                           null);
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                       "the request needs a JSON body", null);
    }

    /**
     * Spring's own refusals (an unknown path, a wrong method, an unreadable parameter, a media type it cannot take
     * or give) with the engine's type and, where Spring's words are its own ("No static resource"), ours.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail spring && ABOUT_BLANK.equals(spring.getType())
            && request instanceof ServletWebRequest servlet) {
            String method = servlet.getRequest().getMethod();
            String path = servlet.getRequest().getRequestURI();
            ProblemDetail ours = switch (status.value()) {
                case 404 -> WebProblems.unknownPath(method, path);
                case 405 -> WebProblems.methodNotAllowed(method, path, headers.getAllow().stream()
                                                                              .map(HttpMethod::name).sorted().toList());
                default -> WebProblems.ofStatus(status.value(), method, path);
            };
            if (status.is4xxClientError() && status.value() != 404 && status.value() != 405
                && spring.getDetail() != null) {
                ours.setDetail(spring.getDetail());
            }
            body = ours;
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /** A problem of this type ({@code urn:planning-engine:problem:<type>}), for refusals answered elsewhere. */
    public static ProblemDetail detail(HttpStatus status, String type, String title, String detail) {
        return WebProblems.problem(status, type, title, detail);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                                  String field) {
        ProblemDetail problem = detail(status, type, title, detail);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return ResponseEntity.status(status).body(problem);
    }

    /** The parser's refusal of a field given twice, also when the reader wrapped it in its own (with a path). */
    private static StreamReadException duplicateField(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException read && read.getOriginalMessage().startsWith(DUPLICATE)) {
                return read;
            }
        }
        return null;
    }

    /** The path of a field given twice, as {@code policy.buckets[0].share}, from where the parser stood. */
    private static String duplicatedField(StreamReadException duplicate) {
        String named = duplicate.getOriginalMessage().substring(DUPLICATE.length()).replaceFirst("'.*", "");
        JsonParser parser = duplicate.getProcessor();
        if (parser == null) {
            return named;
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = parser.getParsingContext(); at != null && !at.inRoot(); at = at.getParent()) {
            String step = at.inArray() ? "[" + at.getCurrentIndex() + "]"
                                       : (at.getParent().inRoot() ? "" : ".") + at.getCurrentName();
            path.insert(0, step);
        }
        return path.isEmpty() ? named : path.toString();
    }

    private static String where(JsonProcessingException json) {
        return json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr() + ", column "
                                                 + json.getLocation().getColumnNr() + ")";
    }

    /** The parser's own words up to its advice to the programmer ("enable feature X to allow"). */
    private static String firstClause(String message) {
        int end = message.indexOf(": enable");
        return (end < 0 ? message : message.substring(0, end)).lines().findFirst().orElse(message);
    }

    /** The path of the field in the body, as {@code policy.buckets[0].share}. */
    private static String fieldOf(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : failure.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class
            || type == BigDecimal.class) {
            return "a number";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + constants(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
}
