package io.ehrconnector.launch.meeting;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Reuses a tenant's app-only Graph token until {@link #REFRESH_BEFORE_EXPIRY} before it expires. The Graph SDK asks its
 * credential for a token on every call; azure-identity then asks MSAL, which answers from its cache only when the authority
 * host is one of its known instance aliases (an authority with a port, such as a private cloud's or a stand-in's, never is,
 * so every meeting cost a token request), and even a cache hit hops to a thread pool. A claims challenge (continuous access
 * evaluation) always gets a fresh token.
 */
final class CachedTokenCredential implements TokenCredential {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private record Cached(List<String> scopes, String tenantId, AccessToken token) {
    }

    private final TokenCredential credential;
    private final Clock clock;
    private volatile Cached cached;

    CachedTokenCredential(TokenCredential credential) {
        this(credential, Clock.systemUTC());
    }

    CachedTokenCredential(TokenCredential credential, Clock clock) {
        this.credential = credential;
        this.clock = clock;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        if (request.getClaims() != null) {
            return credential.getTokenSync(request);
        }
        AccessToken token = reusable(request);
        if (token != null) {
            return token;
        }
        synchronized (this) {
            token = reusable(request);
            if (token == null) {
                token = credential.getTokenSync(request);
                cached = new Cached(List.copyOf(request.getScopes()), request.getTenantId(), token);
            }
            return token;
        }
    }

    private AccessToken reusable(TokenRequestContext request) {
        Cached current = cached;
        return current != null && current.scopes().equals(request.getScopes())
                && Objects.equals(current.tenantId(), request.getTenantId())
                && current.token().getExpiresAt().isAfter(OffsetDateTime.now(clock).plus(REFRESH_BEFORE_EXPIRY))
                ? current.token() : null;
    }
}
