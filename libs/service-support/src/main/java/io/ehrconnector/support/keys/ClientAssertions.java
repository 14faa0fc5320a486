package io.ehrconnector.support.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * {@code private_key_jwt} client assertions (RFC 7523, SMART App Launch and Backend Services) as the connector sends them to an
 * EHR's token endpoint, the same from every service that signs them. Needs nimbus-jose-jwt (see {@link SigningJwks}).
 */
public final class ClientAssertions {

    /**
     * Lifetime of a client assertion: under the five minutes SMART allows, with a minute for clocks that differ (the EHR
     * checks {@code exp} against its own clock).
     */
    public static final Duration LIFETIME = Duration.ofMinutes(4);
    /** Random bytes of a {@code jti}: 128 bits, so no two assertions share one. */
    static final int JTI_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientAssertions() {
    }

    /**
     * A compact JWS signed with {@code signingKey}: header {@code alg} and {@code kid} of the key, {@code typ} JWT; claims
     * {@code iss} = {@code sub} = {@code clientId}, {@code aud} = {@code audience} (the token endpoint), a random
     * {@code jti} (128 bits, base64url), {@code iat} = {@code now} and {@code exp} = {@code now} + {@link #LIFETIME}. Send it
     * as {@code client_assertion} with {@code client_assertion_type}
     * {@code urn:ietf:params:oauth:client-assertion-type:jwt-bearer}; it is meant for one token request.
     *
     * @param signingKey a private JWK with {@code kid} and {@code alg}
     * @throws IllegalArgumentException when the key lacks its kid, alg or private part
     */
    public static String sign(JWK signingKey, String clientId, String audience, Instant now) {
        if (signingKey.getKeyID() == null || signingKey.getAlgorithm() == null || !signingKey.isPrivate()) {
            throw new IllegalArgumentException("a signing key needs its kid, its alg and its private part");
        }
        // A parsed JWK holds its alg as a plain Algorithm, not a JWSAlgorithm.
        JWSAlgorithm algorithm = JWSAlgorithm.parse(signingKey.getAlgorithm().getName());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .jwtID(randomJti())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(SigningJwks.signer(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + signingKey.getKeyID() + " failed", e);
        }
        return jwt.serialize();
    }

    private static String randomJti() {
        byte[] jti = new byte[JTI_BYTES];
        RANDOM.nextBytes(jti);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(jti);
    }
}
