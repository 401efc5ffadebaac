package org.planningengine.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.planningengine.command.concurrency.ExpectedVersion;
import org.planningengine.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a write knows of its HTTP request: who is writing (the authenticated user), the {@code Idempotency-Key} and
 * the {@code If-Match} if they were sent, and a digest of the request.
 */
@Component
public class CurrentRequest {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String IF_MATCH_HEADER = "If-Match";
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]{1,128}");
    /** A version as reads give it in their ETag: a strong entity tag of a number that fits a long. */
    private static final Pattern VERSION_TAG = Pattern.compile("\"(0|[1-9][0-9]{0,17})\"");

    public String actor() {
        return Caller.name();
    }

    /** The client's idempotency key, or null when it sent none. */
    public String idempotencyKey() {
        return header(IDEMPOTENCY_HEADER);
    }

    /**
     * The version the client expects the write's aggregate to be at, from {@code If-Match}: one version as an ETag
     * gives it ({@code "3"}), or {@code *} for any version of one that exists; null when it sent none. Anything else
     * (an unquoted or weak tag, a list, another tag) is a {@code 400}: a condition that cannot be met must not be
     * read as none.
     */
    public ExpectedVersion expectedVersion() {
        List<String> values = Collections.list(request().getHeaders(IF_MATCH_HEADER));
        if (values.isEmpty()) {
            return null;
        }
        String value = values.size() == 1 ? values.get(0).strip() : String.join(", ", values);
        if (value.equals("*")) {
            return ExpectedVersion.any();
        }
        Matcher tag = VERSION_TAG.matcher(value);
        if (!tag.matches()) {
            throw malformed(IF_MATCH_HEADER + " must be one version in quotes, as a read's ETag gives it (\"3\"), "
                            + "or * for any version; was " + value);
        }
        return ExpectedVersion.of(Long.parseLong(tag.group(1)));
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
            throw malformed(name + " must be 1 to 128 printable characters");
        }
        return value.strip();
    }

    private static ErrorResponseException malformed(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static HttpServletRequest request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes request)) {
            throw new IllegalStateException("a write reads its key and digest from an HTTP request");
        }
        return request.getRequest();
    }
}
