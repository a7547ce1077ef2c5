package org.burnrate.security;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.security.internal.ApiToken;
import org.burnrate.security.internal.ApiTokenRepository;
import org.burnrate.security.internal.TokenHashing;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Personal API tokens: each user creates, lists and revokes only their own. */
@Service
@Transactional
public class ApiTokenService {

    static final int MAX_ACTIVE_TOKENS = 20;
    static final int MAX_NAME_LENGTH = 100;

    private final ApiTokenRepository tokens;
    private final CurrentUser currentUser;
    private final Clock clock;

    ApiTokenService(ApiTokenRepository tokens, CurrentUser currentUser, Clock clock) {
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    public CreatedApiToken create(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("name", "Give the token a name, for example the script that will use it.");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "A token name has at most " + MAX_NAME_LENGTH + " characters.");
        }
        long userId = currentUser.require().id();
        if (tokens.countByUserIdAndRevokedAtIsNull(userId) >= MAX_ACTIVE_TOKENS) {
            throw new InvalidInputException("You already have " + MAX_ACTIVE_TOKENS
                    + " active tokens. Revoke one you no longer use first.");
        }
        String secret = TokenHashing.newSecret();
        var token = tokens.save(new ApiToken(userId, trimmed, TokenHashing.hash(secret),
                TokenHashing.displayPrefix(secret), clock.instant()));
        return new CreatedApiToken(info(token), secret);
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<ApiTokenInfo> listMine() {
        return tokens.findByUserIdOrderByCreatedAtDesc(currentUser.require().id()).stream()
                .map(ApiTokenService::info).toList();
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    public ApiTokenInfo revoke(long tokenId) {
        var token = tokens.findById(tokenId)
                .filter(t -> t.getUserId() == currentUser.require().id())
                .orElseThrow(() -> new NotFoundException("You have no API token with id " + tokenId + "."));
        token.revoke(clock.instant());
        return info(token);
    }

    private static ApiTokenInfo info(ApiToken token) {
        return new ApiTokenInfo(Objects.requireNonNull(token.getId()), token.getName(), token.getTokenPrefix(),
                token.getCreatedAt(), token.getLastUsedAt(), token.getRevokedAt());
    }
}
