package org.burnrate.security.internal;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.burnrate.security.PortalUser;
import org.burnrate.security.PortalUserDirectory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on the API. A token acts with its owner's
 * current roles and flags: disabling or locking the owner stops their tokens too.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenRepository tokens;
    private final PortalUserDirectory directory;
    private final ApiProblemResponses problems;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public BearerTokenFilter(ApiTokenRepository tokens, PortalUserDirectory directory, ApiProblemResponses problems,
            TransactionTemplate transaction, Clock clock) {
        this.tokens = tokens;
        this.directory = directory;
        this.problems = problems;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            PortalUser user = authenticate(header.substring(BEARER.length()).strip());
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
            SecurityContextHolder.setContext(context);
        } catch (AuthenticationException e) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token's owner, read with the token in one transaction. */
    private PortalUser authenticate(String secret) {
        PortalUser user = transaction.execute(status -> tokens.findByTokenHash(TokenHashing.hash(secret))
                .filter(ApiToken::isActive)
                .map(token -> {
                    token.markUsed(clock.instant());
                    return directory.findById(token.getUserId()).orElseThrow(
                            () -> new InvalidApiTokenException("The API token's owner no longer exists."));
                })
                .orElseThrow(() -> new InvalidApiTokenException(
                        "The API token is unknown or revoked. Create a new one on your profile page.")));
        if (!user.isEnabled()) {
            throw new DisabledException("disabled");
        }
        if (!user.isAccountNonLocked()) {
            throw new LockedException("locked");
        }
        return user;
    }
}
