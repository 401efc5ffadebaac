package org.planningengine.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A query parameter the endpoint does not take is refused ({@code 400}, naming it and the ones it takes) rather than
 * ignored: a misspelt filter must not answer everything. What an endpoint takes is read from its method: the names of
 * its {@code @RequestParam}s, the components of a record it binds the query to, and the {@link CommonParameters}
 * of the side. An endpoint taking a map of parameters takes any.
 */
public class KnownParameters implements HandlerInterceptor {

    private final Set<String> common;
    private final Map<Method, Optional<Set<String>>> accepted = new ConcurrentHashMap<>();

    public KnownParameters(Collection<CommonParameters> common) {
        this.common = common.stream().flatMap(parameters -> parameters.names().stream())
                            .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || request.getQueryString() == null) {
            return true;
        }
        Optional<Set<String>> takes = accepted.computeIfAbsent(method.getMethod(), any -> accepted(method));
        if (takes.isEmpty()) {
            return true;
        }
        List<String> unknown = Arrays.stream(request.getQueryString().split("&"))
                                     .map(pair -> pair.split("=", 2)[0])
                                     .map(KnownParameters::decoded)
                                     .filter(name -> !name.isEmpty() && !takes.get().contains(name))
                                     .distinct().toList();
        if (unknown.isEmpty()) {
            return true;
        }
        String endpoint = request.getMethod() + " " + request.getRequestURI();
        String detail = (unknown.size() == 1 ? "unknown query parameter " : "unknown query parameters ")
                        + String.join(", ", unknown) + "; " + endpoint
                        + (takes.get().isEmpty() ? " takes none" : " takes " + WebProblems.joined(takes.get()));
        WebProblems.write(response, WebProblems.withFields(WebProblems.malformed(detail), unknown));
        return false;
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
            return name;
        }
    }

    /** The parameters the method takes; empty when it takes any. */
    private Optional<Set<String>> accepted(HandlerMethod handler) {
        Set<String> names = new TreeSet<>(common);
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param != null) {
                if (Map.class.isAssignableFrom(type)) {
                    return Optional.empty();
                }
                String name = !param.name().isEmpty() ? param.name() : param.value();
                names.add(!name.isEmpty() ? name : parameter.getParameterName());
            } else if (type.isRecord() && (parameter.hasParameterAnnotation(ModelAttribute.class)
                                           || parameter.getParameterAnnotations().length == 0)) {
                Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
            }
        }
        return Optional.of(Set.copyOf(names));
    }
}
