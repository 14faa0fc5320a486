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

/** The RSA key a stand-in signs its tokens with (RS256), and its public JWK set for the jwks endpoint. */
final class RsaSigningKey {

    private final RSAKey key;

    RsaSigningKey(String keyIdPrefix) {
        try {
            key = new RSAKeyGenerator(2048)
                    .keyID(keyIdPrefix + "-" + Long.toHexString(System.nanoTime()))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate RSA key", e);
        }
    }

    JWKSet publicJwkSet() {
        return new JWKSet(key.toPublicJWK());
    }

    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /** The claims of a token this key signed, or {@code null} when the signature does not verify or it is not a JWS. */
    JWTClaimsSet verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return jwt.verify(new RSASSAVerifier(key.toRSAPublicKey())) ? jwt.getJWTClaimsSet() : null;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }
}
