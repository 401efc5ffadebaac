package org.planningengine.query.export;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * The API description of a read {@link ExportConverter} also writes names its CSV and Markdown answers, which no
 * mapping declares: the converter answers them for any read of a type it knows.
 */
@Component
class ExportsDescribed implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponse ok = operation.getResponses().get("200");
        if (ok != null && ok.getContent() != null
            && ViewExports.BY_TYPE.containsKey(handler.getMethod().getReturnType())) {
            for (org.springframework.http.MediaType type : new org.springframework.http.MediaType[]{
                    ExportConverter.CSV, ExportConverter.MARKDOWN}) {
                ok.getContent().putIfAbsent(type.toString(), new MediaType().schema(new StringSchema().description(
                        "The same answer as the JSON, as tables (asked for with `Accept: " + type + "`)")));
            }
        }
        return operation;
    }
}
