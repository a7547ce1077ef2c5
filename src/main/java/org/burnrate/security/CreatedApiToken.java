package org.burnrate.security;

/** A token just created: the only moment its secret is known to anyone but its holder. */
public record CreatedApiToken(ApiTokenInfo token, String secret) {

    @Override
    public String toString() {
        return "CreatedApiToken[" + token + "]";
    }
}
