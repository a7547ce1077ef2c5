package org.burnrate.base.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Honours {@code Idempotency-Key} on creating API requests ({@code POST /api/v1/**}): the first
 * request with a key runs and its response is kept; a repeat by the same caller gets that response
 * back and changes nothing. The key is claimed in the database before the request runs, so a
 * repeat arriving while the first is still running, on any node, is refused rather than run twice.
 * Server errors are not kept, so the client may retry them with the same key.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    private final IdempotentRequestRepository requests;
    private final TransactionTemplate transaction;
    private final Clock clock;

    IdempotencyFilter(IdempotentRequestRepository requests, TransactionTemplate transaction, Clock clock) {
        this.requests = requests;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/v1/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            problem(response, HttpStatus.BAD_REQUEST, "An Idempotency-Key has 1 to " + MAX_KEY_LENGTH
                    + " characters; a UUID is a good choice.");
            return;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String caller = authentication.getName();
        var cached = new CachedBodyRequest(request);
        String hash = hash(request.getMethod() + " " + request.getRequestURI() + "\n", cached.body());

        var existing = requests.findByCallerAndKey(caller, key);
        if (existing.isPresent()) {
            replay(existing.get(), hash, response);
            return;
        }
        Long claimId;
        try {
            claimId = transaction.execute(status -> requests.saveAndFlush(
                    new IdempotentRequest(caller, key, hash, clock.instant())).getId());
        } catch (DataIntegrityViolationException raced) {
            requests.findByCallerAndKey(caller, key).ifPresentOrElse(found -> replay(found, hash, response),
                    () -> problem(response, HttpStatus.CONFLICT, "Retry: a request with this Idempotency-Key was just made."));
            return;
        }

        var wrapper = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(cached, wrapper);
            byte[] body = wrapper.getContentAsByteArray();
            if (wrapper.getStatus() < 500 && body.length <= IdempotentRequest.MAX_BODY) {
                transaction.executeWithoutResult(status -> requests.findById(claimId)
                        .ifPresent(claim -> claim.complete(wrapper.getStatus(), wrapper.getContentType(), body)));
                kept = true;
            }
        } finally {
            if (!kept) {
                transaction.executeWithoutResult(status -> requests.deleteById(claimId));
            }
            wrapper.copyBodyToResponse();
        }
    }

    private void replay(IdempotentRequest earlier, String hash, HttpServletResponse response) {
        if (!earlier.getRequestHash().equals(hash)) {
            problem(response, HttpStatus.UNPROCESSABLE_CONTENT,
                    "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
            return;
        }
        if (!earlier.isComplete()) {
            problem(response, HttpStatus.CONFLICT,
                    "The first request with this Idempotency-Key is still running. Retry in a moment.");
            return;
        }
        try {
            response.setStatus(earlier.getResponseStatus());
            if (earlier.getResponseContentType() != null) {
                response.setContentType(earlier.getResponseContentType());
            }
            response.setHeader("Idempotent-Replayed", "true");
            response.getOutputStream().write(earlier.getResponseBody());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) {
        try {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                    + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String head, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the body once, for the hash, and hands it to the controller again. */
    private static final class CachedBodyRequest extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request) throws IOException {
            super(request);
            this.body = StreamUtils.copyToByteArray(request.getInputStream());
        }

        byte[] body() {
            return body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            var input = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return input.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return input.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return input.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
