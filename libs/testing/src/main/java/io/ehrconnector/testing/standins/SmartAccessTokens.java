package io.ehrconnector.testing.standins;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque bearer tokens the EHR stand-in issued, and what each one grants. */
final class SmartAccessTokens {

    /**
     * @param code the authorization code it was issued from, so a replayed code can revoke it; {@code null} otherwise
     */
    record Grant(String clientId, String scope, String userId, String code, Instant expiresAt) {
    }

    static final Duration LIFETIME = Duration.ofHours(1);

    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();

    String issue(String clientId, String scope, String userId, String code) {
        String token = RandomIds.token(32);
        tokens.put(token, new Grant(clientId, scope, userId, code, Instant.now().plus(LIFETIME)));
        return token;
    }

    Optional<Grant> validate(String token) {
        Grant grant = tokens.get(token);
        return grant == null || Instant.now().isAfter(grant.expiresAt()) ? Optional.empty() : Optional.of(grant);
    }

    void revokeIssuedFromCode(String code) {
        tokens.values().removeIf(grant -> code.equals(grant.code()));
    }
}
