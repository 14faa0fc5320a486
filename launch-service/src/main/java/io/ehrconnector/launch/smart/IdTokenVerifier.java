package io.ehrconnector.launch.smart;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.text.ParseException;
import java.util.Set;

/**
 * Verifies an id_token (OpenID Connect Core 3.1.3.7) of a SMART launch (Epic) or a provider's first sign-in (Entra ID):
 * signed by a key of the issuer's JWK set with an asymmetric algorithm, {@code iss} = the authorization server the request
 * was sent to, {@code aud} = the client id,
 * {@code nonce} = the launch's, not expired (one minute of clock skew), {@code iat} and {@code sub} present.
 */
@ApplicationScoped
public class IdTokenVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final EhrSigningKeys keys;

    IdTokenVerifier(EhrSigningKeys keys) {
        this.keys = keys;
    }

    /**
     * @param jwksUri  where the issuer publishes its signing keys
     * @param issuer   the expected {@code iss}
     * @param audience the expected {@code aud}: the client id the token was issued to
     * @param nonce    the nonce sent with the authorization request
     */
    public Uni<JWTClaimsSet> verify(String idToken, String jwksUri, String issuer, String audience, String nonce) {
        if (idToken == null || idToken.isBlank()) {
            return Uni.createFrom().failure(refused());
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException e) {
            return Uni.createFrom().failure(refused());
        }
        return keys.keysFor(jwksUri, jwt.getHeader().getKeyID())
                .map(keySet -> check(jwt, keySet, issuer, audience, nonce));
    }

    /** The checks themselves, on keys already fetched. */
    static JWTClaimsSet check(SignedJWT jwt, JWKSet keySet, String issuer, String audience, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keySet)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build(),
                Set.of("sub", "iat", "exp"));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        try {
            return processor.process(jwt, null);
        } catch (Exception e) {
            throw refused();
        }
    }

    private static LaunchRefused refused() {
        return new LaunchRefused(502, "The sign-in could not be verified", "The sign-in's answer did not carry a valid"
                + " identity token (expired, not signed by the sign-in service, or for another launch). Start the visit from"
                + " Epic again.");
    }
}
