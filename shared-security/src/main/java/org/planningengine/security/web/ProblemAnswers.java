package org.planningengine.security.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.planningengine.security.Role;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What every operation shares, added to each from what its mapping and annotations say rather than repeated on
 * each: the problem+json refusals it may answer, {@code If-Match} and its {@code 412} ({@link TakesIfMatch}), the
 * {@code ETag} of a single read ({@link AnswersETag}), and the least role that may call it ({@link LeastRole}).
 */
final class ProblemAnswers implements OperationCustomizer {

    static final String PROBLEM = "Problem";
    static final String STALE = "StaleVersionProblem";
    static final String PROBLEM_JSON = "application/problem+json";
    /** The extension naming the least role, read by the access matrix test. */
    static final String LEAST_ROLE = "x-least-role";

    /** Parameters every endpoint takes ({@code consistentWith}): they make no read one of parameters. */
    private final Set<String> common;

    ProblemAnswers(Set<String> common) {
        this.common = common;
    }

    static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean read = Arrays.asList(methods(handler)).contains(RequestMethod.GET);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean pathVariables = parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
        boolean queryParameters = parameters.stream().anyMatch(parameter -> "query".equals(parameter.getIn())
                                                                    && !common.contains(parameter.getName()));
        ApiResponses responses = operation.getResponses();
        answersJson(responses);

        LeastRole least = handler.getMethodAnnotation(LeastRole.class);
        if (least != null) {
            operation.addExtension(LEAST_ROLE, least.value().name());
            String who = least.value() == Role.LEAD && !least.of().isEmpty()
                         ? "the lead of " + least.of() + ", or a planner"
                         : least.value() == Role.ADMIN ? "an administrator" : "the role " + least.value() + " or above";
            operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                                     + "**Who may:** " + who + ".");
        }

        problem(responses, 400, "Malformed: a body that is not JSON or has an unknown or mistyped field, an unknown "
                                + "query parameter, a precondition header the operation does not take");
        problem(responses, 401, "No credentials, or wrong ones");
        problem(responses, 403, "The caller's roles do not allow it");
        problem(responses, 406, "`Accept` names no media type the operation answers");
        if (pathVariables || !read || queryParameters) {
            problem(responses, 404, "An id in the path, the body or a parameter names nothing that exists");
        }
        if (read && queryParameters) {
            problem(responses, 422, "A parameter's value breaks a rule (out of range, in the future, unknown)");
        }
        if (!read) {
            problem(responses, 409, "The item's state does not allow it (a committed plan, a closed cycle, an "
                                    + "idempotency key reused for another request)");
            problem(responses, 422, "A rule was broken (a value out of range, a capacity exceeded without an "
                                    + "override)");
            if (operation.getRequestBody() != null) {
                problem(responses, 413, "The body is larger than the engine takes");
                problem(responses, 415, "The body's media type is not one the operation takes");
            }
        }
        if (handler.hasMethodAnnotation(TakesIfMatch.class)) {
            operation.addParametersItem(new HeaderParameter()
                    .name(KnownPreconditions.IF_MATCH).required(false)
                    .description("The item's version as its read's `ETag` gave it (`\"3\"`): the write applies "
                                 + "only at that version")
                    .schema(new StringSchema().pattern("^\"\\d+\"$").example("\"3\"")));
            responses.addApiResponse("412", new ApiResponse()
                    .description("`If-Match` named another version than the item's; `currentVersion` names its own")
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                            .schema(new Schema<>().$ref(ref(STALE))))));
        }
        if (handler.hasMethodAnnotation(AnswersETag.class)) {
            ApiResponse ok = responses.get("200");
            if (ok != null) {
                ok.addHeaderObject("ETag", new Header()
                        .description("The item's version (`\"3\"`), for `If-Match` on its writes")
                        .schema(new StringSchema().pattern("^\"\\d+\"$")));
            }
        }
        return operation;
    }

    private static RequestMethod[] methods(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping == null ? new RequestMethod[0] : mapping.method();
    }

    /**
     * springdoc's {@code *}{@code /*} for an answer of no declared type: every answer of ours is JSON unless named.
     * An answer of a text type (CSV, Markdown, server-sent events) is text, whatever object writes it.
     */
    private static void answersJson(ApiResponses responses) {
        responses.values().forEach(response -> {
            Content content = response.getContent();
            if (content != null && content.containsKey("*/*")) {
                MediaType any = content.remove("*/*");
                content.addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
            }
            if (content != null) {
                content.forEach((type, media) -> {
                    if (type.startsWith("text/") && media.getSchema() != null && media.getSchema().get$ref() != null) {
                        media.setSchema(new StringSchema());
                    }
                });
            }
        });
    }

    private static void problem(ApiResponses responses, int status, String description) {
        responses.computeIfAbsent(Integer.toString(status), code -> new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                                                    new MediaType().schema(new Schema<>().$ref(ref(PROBLEM))))));
    }
}
