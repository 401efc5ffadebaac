package org.planningengine.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A precondition a write does not evaluate is refused ({@code 400}, naming the header) rather than ignored: a client
 * that sent {@code If-Match} to keep from overwriting what another changed must not see the write applied
 * unconditionally. {@code If-Match} is taken by the writes marked {@link TakesIfMatch}; {@code If-None-Match},
 * {@code If-Modified-Since} and {@code If-Unmodified-Since} by none. Reads evaluate no precondition and answer
 * whole: a browser revalidating what it holds gets it again.
 */
public class KnownPreconditions implements HandlerInterceptor {

    public static final String IF_MATCH = "If-Match";
    private static final List<String> NEVER_TAKEN = List.of("If-None-Match", "If-Modified-Since",
                                                            "If-Unmodified-Since");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || READS.contains(request.getMethod())) {
            return true;
        }
        String endpoint = request.getMethod() + " " + request.getRequestURI();
        for (String header : NEVER_TAKEN) {
            if (request.getHeader(header) != null) {
                return refuse(response, header, endpoint + " takes no " + header + "; a write that takes a "
                                                + "precondition takes If-Match");
            }
        }
        if (request.getHeader(IF_MATCH) != null && !method.hasMethodAnnotation(TakesIfMatch.class)) {
            return refuse(response, IF_MATCH, endpoint + " takes no " + IF_MATCH + ": only a write to one item "
                                              + "that exists does (a creation, an import or a user's change "
                                              + "does not)");
        }
        return true;
    }

    private static boolean refuse(HttpServletResponse response, String header, String detail) throws IOException {
        WebProblems.write(response, WebProblems.withFields(WebProblems.malformed(detail), List.of(header)));
        return false;
    }
}
