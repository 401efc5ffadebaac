package org.planningengine.query.web;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.planningengine.query.decision.DecisionReads;
import org.planningengine.query.feed.Feed;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.AsOf;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

import java.util.Map;

/**
 * The reads' query parameters in the API description: each name means one thing on every read, so it is described
 * once here, with its unit; and every read takes {@code consistentWith} (read by {@link ReadYourWrites}, named by no
 * read) and may answer its {@code 504}.
 */
@Component
class ReadParameters implements OperationCustomizer {

    private record Described(String description, String format, String example) {
    }

    private static final Map<String, Described> PARAMETERS = Map.ofEntries(
            Map.entry(AsOf.PARAMETER, new Described(
                    "An instant in the past (ISO-8601, UTC): the view as it was then; none for now", "date-time",
                    "2030-03-01T00:00:00Z")),
            Map.entry(Archived.PARAMETER, new Described(
                    "`exclude` (the default: archived items hidden), `include` or `only`", null, "include")),
            Map.entry("from", new Described("An instant (ISO-8601, UTC): from then on, inclusive", "date-time",
                                            "2030-01-01T00:00:00Z")),
            Map.entry("to", new Described("An instant (ISO-8601, UTC): until then, inclusive; none for now",
                                          "date-time", "2030-06-30T00:00:00Z")),
            Map.entry("after", new Described("A position of the log (a whole number, 0 or more): only events after "
                                             + "it; none for the log's first", null, "0")),
            Map.entry("limit", new Described("The most events a page answers, 1 to " + Feed.MAX_LIMIT + " (default "
                                             + Feed.Query.DEFAULT_LIMIT + ")", null, "100")),
            Map.entry("types", new Described("Only events of these types, comma-separated (`InitiativeCommitted,"
                                             + "PlanCommitted`); none for all", null, null)),
            Map.entry("type", new Described("Only decisions of this event type (`InitiativeCommitted`)", null, null)),
            Map.entry("cycle", new Described("Only what concerns this cycle (its id)", null, null)),
            Map.entry("team", new Described("Only this team's (its id)", null, null)),
            Map.entry("actor", new Described("Only what this user did (the name they sign in with)", null, null)),
            Map.entry("category", new Described("Only initiatives of this category (`NEW_INITIATIVE`, `KTLO`, "
                                                + "`TEAM_INITIATIVE`, ...)", null, null)),
            Map.entry("status", new Described("Only initiatives in this status (`PROPOSED`, `COMMITTED`, ...)", null,
                                              null)),
            Map.entry("page", new Described("The page, counted from 0", null, "0")),
            Map.entry("size", new Described("Items a page answers, 1 to " + DecisionReads.MAX_PAGE_SIZE
                                            + " (webhook deliveries: 1 to 200)", null, "50")));

    @Override
    public io.swagger.v3.oas.models.Operation customize(io.swagger.v3.oas.models.Operation operation,
                                                        HandlerMethod handler) {
        if (!AnnotatedElementUtils.hasAnnotation(handler.getMethod(), GetMapping.class)) {
            return operation;
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                Described described = PARAMETERS.get(parameter.getName());
                if ("query".equals(parameter.getIn()) && described != null && parameter.getDescription() == null) {
                    parameter.setDescription(described.description());
                    // A schema of its own: springdoc shares one among the String parameters
                    StringSchema schema = new StringSchema();
                    if (described.format() != null) {
                        schema.setFormat(described.format());
                    }
                    schema.setDefault(parameter.getSchema() == null ? null : parameter.getSchema().getDefault());
                    parameter.setSchema(schema);
                    if (described.example() != null) {
                        parameter.setExample(described.example());
                    }
                }
            }
        }
        // Once, though two handlers (the feed's page and stream) make one operation
        if (operation.getParameters() == null
            || operation.getParameters().stream().noneMatch(p -> p.getName().equals(ReadYourWrites.PARAMETER))) {
            operation.addParametersItem(new QueryParameter()
                    .name(ReadYourWrites.PARAMETER).required(false)
                    .description("A write's `consistencyToken`: the read waits (up to "
                                 + "`planning.query.consistency-wait`, 5 s) until the views reflect that write")
                    .schema(new StringSchema().pattern("^\\d+$").example("42")));
        }
        operation.getResponses().addApiResponse("504", new ApiResponse()
                .description("The views did not reflect the `consistentWith` write in time; try again")
                .content(new Content().addMediaType("application/problem+json", new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/Problem")))));
        return operation;
    }
}
