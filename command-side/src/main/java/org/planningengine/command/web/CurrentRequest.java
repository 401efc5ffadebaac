package org.planningengine.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.planningengine.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.regex.Pattern;

/**
 * What a write knows of its HTTP request: who is writing (the authenticated user), the {@code Idempotency-Key} if one
 * was sent, and a digest of the request.
 */
@Component
public class CurrentRequest {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]{1,128}");

    public String actor() {
        return Caller.name();
    }

    /** The client's idempotency key, or null when it sent none. */
    public String idempotencyKey() {
        return header(IDEMPOTENCY_HEADER);
    }

    /** A digest of the request's caller, method, path and body: a key is its user's, another user's retry is not. */
    public String digest() {
        return RequestBodies.digest(request(), actor());
    }

    private String header(String name) {
        String value = request().getHeader(name);
        if (value == null) {
            return null;
        }
        if (!PRINTABLE.matcher(value.strip()).matches()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, name + " must be 1 to 128 printable characters");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return value.strip();
    }

    private static HttpServletRequest request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes request)) {
            throw new IllegalStateException("a write reads its key and digest from an HTTP request");
        }
        return request.getRequest();
    }
}
