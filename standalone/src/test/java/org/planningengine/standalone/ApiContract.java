package org.planningengine.standalone;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every answer the HTTP tests get, checked against the committed API description ({@code docs/openapi.json}, which
 * ApiDescriptionTest keeps equal to the one the engine serves) by Atlassian's swagger-request-validator: its status
 * must be one the operation describes, its content type one it names, its body of that schema. A violation fails
 * the test that made the exchange. Requests are not checked: many tests send bad ones on purpose, and the answer to
 * a bad one must be described too. A path or method the description does not have (an unknown path's 404, a
 * wrong method's 405, the actuator, the description itself) has no operation to check an answer against.
 */
public final class ApiContract {

    public static final Path DESCRIPTION = Path.of("../docs/openapi.json");

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(DESCRIPTION.toUri().toString())
            .withLevelResolver(LevelResolver.create()
                                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                            .build())
            .build();

    private ApiContract() {
    }

    /** Fails when the answer to this request is not one the description allows. */
    public static void check(String method, URI uri, int status, Map<String, List<String>> headers, String body) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method.toUpperCase(
                Locale.ROOT)), response.build());
        if (report.hasErrors()) {
            throw new AssertionError("the answer to " + method + " " + uri + " is not as docs/openapi.json describes"
                                     + " it:\n" + report.getMessages().stream()
                                                        .filter(message -> message.getLevel()
                                                                           == ValidationReport.Level.ERROR)
                                                        .map(message -> "  " + message.getKey() + ": "
                                                                        + message.getMessage())
                                                        .collect(Collectors.joining("\n"))
                                     + "\n  status " + status + ", body: " + abbreviated(body));
        }
    }

    private static String abbreviated(String body) {
        return body == null || body.length() < 500 ? body : body.substring(0, 500) + "…";
    }
}
