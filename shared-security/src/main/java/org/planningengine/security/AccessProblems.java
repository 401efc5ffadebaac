package org.planningengine.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.planningengine.security.web.WebProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code 401} and {@code 403} as problem+json, like every other refusal of the engine. */
public final class AccessProblems {

    private AccessProblems() {
    }

    public static ProblemDetail unauthenticated(String detail) {
        return WebProblems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", detail);
    }

    public static ProblemDetail forbidden(String detail) {
        return WebProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this user", detail);
    }

    /** The {@code 403} of a request its caller's roles do not allow. */
    static void writeForbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String caller = SecurityContextHolder.getContext().getAuthentication().getName();
        String needed = denied instanceof AuthorizationDeniedException refused ? needed(refused.getAuthorizationResult())
                                                                               : null;
        WebProblems.write(response, forbidden("'" + caller + "' may not " + request.getMethod() + " "
                                              + request.getRequestURI()
                                              + (needed == null ? "" : ": that needs " + needed)));
    }

    /** The {@code 401} of a request without (valid) credentials; the caller sets the challenge header. */
    static void writeUnauthenticated(HttpServletResponse response, AuthenticationException failure, String asked)
            throws IOException {
        String detail;
        if (failure instanceof BadCredentialsException) {
            detail = "the user name or password is wrong";
        } else if (failure instanceof OAuth2AuthenticationException bearer) {
            detail = "the bearer token was refused: " + bearer.getMessage();
        } else {
            detail = "sign in: send " + asked;
        }
        WebProblems.write(response, unauthenticated(detail));
    }

    private static String needed(AuthorizationResult result) {
        if (result instanceof Refusal refusal) {
            return refusal.needed();
        }
        if (result instanceof AuthorityAuthorizationDecision byAuthority) {
            return byAuthority.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                              .map(AccessProblems::requirement).collect(Collectors.joining(" or "));
        }
        return null;
    }

    /** A role's authority in the words of the grants that hold it; any other authority as it is. */
    private static String requirement(String authority) {
        return Arrays.stream(Role.values()).filter(role -> role.authority().equals(authority)).findFirst()
                     .map(Role::requirement).orElse("the authority " + authority);
    }
}
