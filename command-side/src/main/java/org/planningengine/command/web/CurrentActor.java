package org.planningengine.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.regex.Pattern;

/**
 * Who is writing. Until authentication lands, the {@code X-Actor} header names the user, and a request without it
 * writes as {@code anonymous}.
 */
@Component
public class CurrentActor {

    public static final String HEADER = "X-Actor";
    public static final String ANONYMOUS = "anonymous";
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]{1,128}");

    public String name() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes request)) {
            throw new IllegalStateException("a write names its actor from an HTTP request");
        }
        String actor = request.getRequest().getHeader(HEADER);
        if (actor == null) {
            return ANONYMOUS;
        }
        if (!PRINTABLE.matcher(actor.strip()).matches()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, HEADER + " must be 1 to 128 printable characters");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return actor.strip();
    }
}
