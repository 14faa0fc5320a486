package io.ehrconnector.config.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.util.Objects;

/**
 * The active signing key of one environment, private part included, decrypted in memory only for as long as the caller keeps
 * this object. {@link #toString()} names the key and never prints key material; do not log {@link #jwk()}.
 *
 * @param environment the Epic environment it signs for
 * @param kid         its key id: put it in the JWS header so the verifier picks the right key of the JWK Set
 * @param algorithm   ES384 or RS384
 * @param jwk         the private JWK (with {@code kid}, {@code alg}, {@code use} = sig)
 */
public record ConnectorSigningKey(Environment environment, String kid, JWSAlgorithm algorithm, JWK jwk) {

    public ConnectorSigningKey {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(jwk, "jwk");
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException("a signing key needs its private part");
        }
    }

    /** The public half, as published in the JWK Set. */
    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    @Override
    public String toString() {
        return "ConnectorSigningKey[environment=" + environment + ", kid=" + kid + ", alg=" + algorithm + "]";
    }
}
