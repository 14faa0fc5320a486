package io.ehrconnector.testing.standins;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.util.concurrent.CompletableFuture;

/**
 * The RSA key a stand-in signs its tokens with (RS256), and its public JWK set for the jwks endpoint.
 *
 * <p>Generating a 2048-bit RSA key takes from 0.2 s to several seconds on a JVM limited to C1 (as the test JVMs are),
 * so it starts in the background when the stand-in is constructed and {@code start()} does not wait for it; the first
 * token or JWKS request does.
 */
final class RsaSigningKey {

    private final CompletableFuture<RSAKey> key;

    RsaSigningKey(String keyIdPrefix) {
        key = CompletableFuture.supplyAsync(() -> generate(keyIdPrefix),
                task -> Thread.ofPlatform().daemon().name("stand-in-keygen-" + keyIdPrefix).start(task));
    }

    private static RSAKey generate(String keyIdPrefix) {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(keyIdPrefix + "-" + Long.toHexString(System.nanoTime()))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate RSA key", e);
        }
    }

    private RSAKey key() {
        return key.join();
    }

    JWKSet publicJwkSet() {
        return new JWKSet(key().toPublicJWK());
    }

    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key().getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /** The claims of a token this key signed, or {@code null} when the signature does not verify or it is not a JWS. */
    JWTClaimsSet verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return jwt.verify(new RSASSAVerifier(key().toRSAPublicKey())) ? jwt.getJWTClaimsSet() : null;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }
}
