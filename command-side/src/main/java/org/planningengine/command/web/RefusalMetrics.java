package org.planningengine.command.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts the writes the command side refused ({@code planning_commands_refused_total}), by the problem's type
 * ({@code rule-violated}, {@code state-conflict}, …), its status and the write (method and path pattern, so the
 * count of series stays bounded). Server errors are not refusals and are not counted here.
 */
@ControllerAdvice(basePackages = "org.planningengine.command")
class RefusalMetrics implements ResponseBodyAdvice<Object> {

    public static final String REFUSED = "planning.commands.refused";
    private static final String TYPES = "urn:planning-engine:problem:";

    private final MeterRegistry meters;

    RefusalMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getStatus() >= 400 && problem.getStatus() < 500
            && request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest http = servlet.getServletRequest();
            Object pattern = http.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String type = problem.getType().toString();
            meters.counter(REFUSED, "problem", type.startsWith(TYPES) ? type.substring(TYPES.length()) : type,
                           "status", Integer.toString(problem.getStatus()),
                           "write", http.getMethod() + " " + (pattern == null ? "unmatched" : pattern)).increment();
        }
        return body;
    }
}
