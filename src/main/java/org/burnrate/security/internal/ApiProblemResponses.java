package org.burnrate.security.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Problem details for requests the API's filter chain refuses before any controller runs:
 * 401 with a reason the caller can act on, and 403.
 */
@Component
public class ApiProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String detail;
        if (exception instanceof LockedException) {
            detail = "This account is locked after repeated failed sign-ins. Try again later, or ask a system admin to unlock it.";
        } else if (exception instanceof DisabledException) {
            detail = "This account is disabled. Ask a system admin to re-enable it.";
        } else if (exception instanceof InvalidApiTokenException) {
            detail = exception.getMessage();
        } else {
            detail = "Sign in with 'Authorization: Bearer <personal API token>' or HTTP Basic with your email and password.";
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"burnrate\", Basic realm=\"burnrate\"");
        write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException exception) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your roles do not allow this action.");
    }

    static void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + json(detail) + "\"}");
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
