package org.planningengine.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Lets a signed-in caller's request through to be answered {@code 405} when its path is one an endpoint maps, but
 * only for other methods: "this path does not take DELETE" is the truth, where a {@code 403} would read like a
 * missing permission. A path no endpoint maps, or one mapped for this very method but named by no rule, stays
 * closed.
 */
class WrongMethods implements AuthorizationManager<RequestAuthorizationContext> {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

    WrongMethods(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        boolean signedIn = caller != null && caller.isAuthenticated() && !TRUST.isAnonymous(caller);
        return new AuthorizationDecision(signedIn && onlyOtherMethods(context.getRequest()));
    }

    private boolean onlyOtherMethods(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI()
                                                            .substring(request.getContextPath().length()));
        Set<RequestMethod> methods = mappings.orderedStream()
                .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                .filter(info -> matches(info, path))
                .flatMap(info -> info.getMethodsCondition().getMethods().isEmpty()
                                 ? Set.of(RequestMethod.values()).stream()
                                 : info.getMethodsCondition().getMethods().stream())
                .collect(Collectors.toSet());
        RequestMethod asked = RequestMethod.resolve(request.getMethod());
        // HEAD is answered as GET, and OPTIONS lists the methods: both stay behind the rules of the path's GET.
        boolean answeredAsAnother = asked == RequestMethod.HEAD || asked == RequestMethod.OPTIONS;
        return !methods.isEmpty() && !answeredAsAnother && (asked == null || !methods.contains(asked));
    }

    private static boolean matches(RequestMappingInfo info, PathContainer path) {
        return info.getPatternValues().stream().map(PathPatternParser.defaultInstance::parse)
                   .anyMatch(pattern -> pattern.matches(path));
    }
}
