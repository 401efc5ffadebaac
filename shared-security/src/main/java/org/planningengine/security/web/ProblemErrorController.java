package org.planningengine.security.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the servlet container forwards an error to ({@code /error}): a refusal answered before any endpoint did (a
 * wrong method or unknown path on a side without an exception handler for them, the firewall's, the container's
 * own) becomes the engine's problem+json instead of Spring Boot's error JSON or Tomcat's page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request, HttpServletResponse response) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        int code = status instanceof Integer given ? given : 404;
        var problem = WebProblems.ofStatus(code, request.getMethod(), path);
        String allow = response.getHeader(HttpHeaders.ALLOW);
        if (code == 405 && allow != null) {
            List<String> allowed = Arrays.stream(allow.split(",")).map(String::strip).toList();
            problem = WebProblems.methodNotAllowed(request.getMethod(), path, allowed);
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(WebProblems.body(problem));
    }
}
