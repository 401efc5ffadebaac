package org.planningengine.security.web;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's report of an error no application code answered (a request line it cannot read: an encoded slash, a
 * NUL, a broken escape), as the engine's problem+json instead of Tomcat's HTML page, and never with its version.
 */
public class ProblemReportValve extends ErrorReportValve {

    /** The report is written in whatever charset the response has: everything beyond ASCII escaped. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        // As Tomcat's own report: nothing for a success, for an answer already written, or an error reported.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Writer writer = response.getReporter();
            if (writer != null) {
                String path = request.getRequestURI() == null ? "/" : request.getRequestURI();
                writer.write(JSON.writeValueAsString(WebProblems.body(
                        WebProblems.ofStatus(status, request.getMethod(), path))));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unwritable) {
            // The connection is gone or the answer committed: there is no one left to tell.
        }
    }
}
