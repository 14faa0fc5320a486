package io.ehrconnector.launch.meeting;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class CachedTokenCredentialTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final TokenRequestContext GRAPH = new TokenRequestContext().addScopes("https://graph.microsoft.com/.default");

    /** Issues tokens valid for an hour from the fixed clock and remembers what it was asked. */
    private static final class CountingCredential implements TokenCredential {
        final List<TokenRequestContext> requests = new ArrayList<>();

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromCallable(() -> getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            requests.add(request);
            return new AccessToken("token-" + requests.size(), OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(1));
        }
    }

    private final CountingCredential entra = new CountingCredential();

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItExpires() {
        CachedTokenCredential beforeRefresh = new CachedTokenCredential(entra, at(NOW.plus(Duration.ofMinutes(54))));
        AccessToken first = beforeRefresh.getTokenSync(GRAPH);
        assertSame(first, beforeRefresh.getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default")));
        assertSame(first, beforeRefresh.getToken(GRAPH).block());
        assertEquals(1, entra.requests.size());

        CachedTokenCredential nearExpiry = new CachedTokenCredential(entra, at(NOW.plus(Duration.ofMinutes(56))));
        assertNotSame(nearExpiry.getTokenSync(GRAPH), nearExpiry.getTokenSync(GRAPH));
        assertEquals(3, entra.requests.size());
    }

    @Test
    void otherScopesAndClaimsChallengesGetAFreshToken() {
        CachedTokenCredential credential = new CachedTokenCredential(entra, at(NOW));
        AccessToken graph = credential.getTokenSync(GRAPH);

        TokenRequestContext challenged = new TokenRequestContext().addScopes("https://graph.microsoft.com/.default")
                .setClaims("{\"access_token\":{\"nbf\":{\"essential\":true}}}");
        assertNotSame(graph, credential.getTokenSync(challenged));
        assertNotSame(graph, credential.getTokenSync(new TokenRequestContext().addScopes("api://other/.default")));
        assertEquals(3, entra.requests.size());
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
