package org.burnrate.security.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.burnrate.security.CurrentUser;
import org.burnrate.security.PortalUser;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.ProviderUsageTokens;
import org.burnrate.security.Roles;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on the API. A token acts with its owner's
 * current roles and flags: disabling or locking the owner stops their tokens too. Checked on every
 * request, against the database, as plain statements outside any transaction (a script sends many
 * requests a second): the token's row, then its owner; the token's last use is written at most once
 * a minute.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private static final String USAGE_PATH = "/api/v1/usage";

    private final JdbcTemplate jdbc;
    /** Per provider that has a usage token, the token's hash (as API tokens are stored). */
    private final Map<String, byte[]> providerTokenHashes;
    private final PortalUserDirectory directory;
    private final ApiProblemResponses problems;
    private final Clock clock;

    private record TokenRow(long id, long userId, @Nullable Instant lastUsedAt, boolean revoked) {
    }

    public BearerTokenFilter(JdbcTemplate jdbc, List<ProviderUsageTokens> providerTokens, PortalUserDirectory directory,
            ApiProblemResponses problems, Clock clock) {
        this.jdbc = jdbc;
        this.providerTokenHashes = providerTokens.stream().filter(tokens -> tokens.usageToken().isPresent())
                .collect(Collectors.toUnmodifiableMap(ProviderUsageTokens::provider,
                        tokens -> hashBytes(tokens.usageToken().orElseThrow())));
        this.directory = directory;
        this.problems = problems;
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
        String secret = header.substring(BEARER.length()).strip();
        var provider = reportingUsage(request) ? providerOf(secret) : Optional.<String>empty();
        if (provider.isPresent()) {
            // A provider's usage token: it reports usage, and that is all it can do.
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("provider:" + provider.get(),
                    null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.PROVIDER),
                            new SimpleGrantedAuthority(CurrentUser.PROVIDER_AUTHORITY + provider.get()))));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
            return;
        }
        try {
            PortalUser user = authenticate(secret);
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

    /** Provider usage tokens are taken on the usage endpoint only; anywhere else they are unknown tokens. */
    private static boolean reportingUsage(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && USAGE_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** The provider whose usage token this is, compared by hash in constant time. */
    private Optional<String> providerOf(String secret) {
        if (providerTokenHashes.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = hashBytes(secret);
        return providerTokenHashes.entrySet().stream().filter(entry -> MessageDigest.isEqual(entry.getValue(), hash))
                .map(Map.Entry::getKey).findFirst();
    }

    private static byte[] hashBytes(String secret) {
        return TokenHashing.hash(secret).getBytes(StandardCharsets.US_ASCII);
    }

    /** The token's owner, with their flags as of now. */
    private PortalUser authenticate(String secret) {
        var token = jdbc.query("select id, user_id, last_used_at, revoked_at is not null from api_token"
                + " where token_hash = ?", (row, n) -> new TokenRow(row.getLong(1), row.getLong(2),
                        instant(row.getObject(3, OffsetDateTime.class)), row.getBoolean(4)), TokenHashing.hash(secret))
                .stream().findFirst().filter(row -> !row.revoked()).orElseThrow(() -> new InvalidApiTokenException(
                        "The API token is unknown or revoked. Create a new one on your profile page."));
        var now = clock.instant();
        if (ApiToken.isDueForMarking(token.lastUsedAt(), now)) {
            jdbc.update("update api_token set last_used_at = ? where id = ?", now.atOffset(ZoneOffset.UTC), token.id());
        }
        PortalUser user = directory.findById(token.userId())
                .orElseThrow(() -> new InvalidApiTokenException("The API token's owner no longer exists."));
        if (!user.isEnabled()) {
            throw new DisabledException("disabled");
        }
        if (!user.isAccountNonLocked()) {
            throw new LockedException("locked");
        }
        return user;
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
