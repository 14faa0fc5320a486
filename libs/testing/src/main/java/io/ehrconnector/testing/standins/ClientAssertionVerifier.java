package io.ehrconnector.testing.standins;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 3, SMART Backend Services): signature by a key of the
 * client, {@code iss} = {@code sub} = client id, {@code aud} = the token endpoint, {@code exp} present and at most five
 * minutes ahead, {@code jti} never seen before while the assertion is valid.
 */
final class ClientAssertionVerifier {

    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    private final OutboundHttp http;
    private final Map<String, Instant> seenJtis = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    ClientAssertionVerifier(OutboundHttp http) {
        this.http = http;
    }

    /** The {@code iss} claim, read before verification only to find which client's keys to verify with. */
    static String unverifiedIssuer(String assertion) {
        try {
            return SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
        } catch (ParseException | NullPointerException e) {
            throw OAuthErrors.token("invalid_client", "client_assertion is not a signed JWT");
        }
    }

    void verify(String assertion, String clientId, ClientAuthentication.PrivateKeyJwt registration, String audience) {
        JWTClaimsSet claims;
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys(registration))));
            DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
                    audience, new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).build(), Set.of("exp", "jti"));
            claimsVerifier.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
            processor.setJWTClaimsSetVerifier(claimsVerifier);
            claims = processor.process(assertion, null);
        } catch (Exception e) {
            throw OAuthErrors.token("invalid_client", "client_assertion rejected: " + e.getMessage());
        }
        Instant expiry = claims.getExpirationTime().toInstant();
        if (expiry.isAfter(Instant.now().plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            throw OAuthErrors.token("invalid_client", "client_assertion exp is more than five minutes ahead");
        }
        forgetExpired();
        if (seenJtis.putIfAbsent(clientId + " " + claims.getJWTID(), expiry) != null) {
            throw OAuthErrors.token("invalid_client", "client_assertion jti was already used");
        }
    }

    private JWKSet keys(ClientAuthentication.PrivateKeyJwt registration) throws ParseException {
        if (registration.keys() != null) {
            return registration.keys();
        }
        HttpResponse<String> response = http.get(registration.jwksUrl());
        if (response.statusCode() != 200) {
            throw new ParseException("JWKS URL answered " + response.statusCode(), 0);
        }
        return JWKSet.parse(response.body());
    }

    /** At most once per {@link #CLOCK_SKEW}: a sweep per assertion costs in proportion to the assertions of the last minutes. */
    private void forgetExpired() {
        Instant now = Instant.now();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(CLOCK_SKEW);
        seenJtis.values().removeIf(expiry -> expiry.plus(CLOCK_SKEW).isBefore(now));
    }
}
