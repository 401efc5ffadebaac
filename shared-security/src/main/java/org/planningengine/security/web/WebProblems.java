package org.planningengine.security.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The engine's problems ({@code application/problem+json}, type {@code urn:planning-engine:problem:<type>}) of
 * requests that no endpoint gets to answer: a path that names nothing, a method the path does not take, a path or
 * header the server cannot read, a query parameter no endpoint takes. Both sides answer them alike, in the engine's
 * own words, never in the framework's or the servlet container's.
 */
public final class WebProblems {

    public static final String TYPES = "urn:planning-engine:problem:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebProblems() {
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail unknownPath(String method, String path) {
        return problem(HttpStatus.NOT_FOUND, "unknown-path", "Not found",
                       "nothing answers " + method + " " + path + "; docs/http-api.md lists the API's paths");
    }

    public static ProblemDetail methodNotAllowed(String method, String path, Collection<String> allowed) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                       path + " does not take " + method + (allowed.isEmpty() ? ""
                               : "; it takes " + String.join(", ", allowed)));
    }

    public static ProblemDetail malformed(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
    }

    /** A refusal about these fields (query parameters, body fields), each listed in {@code errors}. */
    public static ProblemDetail withFields(ProblemDetail problem, List<String> fields) {
        problem.setProperty("errors", fields.stream().map(field -> Map.of("field", field,
                                                                          "message", problem.getDetail()))
                                            .toList());
        return problem;
    }

    /**
     * The problem of a status that nothing more is known about than the status (an error the server or the
     * framework answered before any endpoint did).
     */
    public static ProblemDetail ofStatus(int code, String method, String path) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || status.is5xxServerError()) {
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                           "the request failed on the server; nothing the request sent was at fault");
        }
        return switch (status) {
            case BAD_REQUEST -> malformed("the request cannot be read: its path, query or headers are not ones the "
                                          + "engine takes (an encoded '/' or '\\', a NUL, '..', ';' or '//' in a "
                                          + "path is refused)");
            case NOT_FOUND -> unknownPath(method, path);
            case METHOD_NOT_ALLOWED -> methodNotAllowed(method, path, List.of());
            case NOT_ACCEPTABLE -> problem(status, "not-acceptable", "Not acceptable",
                                           path + " answers no media type the request accepts");
            case UNSUPPORTED_MEDIA_TYPE -> problem(status, "unsupported-media-type", "Unsupported media type",
                                                   path + " does not take a body of this media type");
            case PAYLOAD_TOO_LARGE -> problem(status, "body-too-large", "Request body too large",
                                              "the request body is larger than its limit");
            default -> problem(status, status.name().toLowerCase().replace('_', '-'),
                               capitalised(status.getReasonPhrase()), status.getReasonPhrase() + ": " + path);
        };
    }

    private static String capitalised(String phrase) {
        String lower = phrase.toLowerCase();
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** Writes the problem as the whole answer. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body(problem));
    }

    /** The problem as the JSON object written: its members first, then its properties ({@code errors}). */
    public static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    static String joined(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
