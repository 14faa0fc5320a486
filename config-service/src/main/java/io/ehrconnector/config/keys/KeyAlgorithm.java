package io.ehrconnector.config.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.security.PrivateKey;

/**
 * The signature algorithms Epic accepts for SMART Backend Services client assertions, with how a key of each is made and
 * stored (opened and used by {@link io.ehrconnector.support.keys.SigningJwks}). Chosen for new keys by
 * {@code ehr.keys.algorithm}; a key keeps its algorithm for life, so changing the setting takes effect at the next rotation.
 */
public enum KeyAlgorithm {

    /** ECDSA on P-384 with SHA-384: small keys and signatures, fast to make. The default. */
    ES384(JWSAlgorithm.ES384),
    /** RSASSA-PKCS1-v1_5 with SHA-384 on a 3072-bit modulus (128-bit security, as P-384 gives 192). */
    RS384(JWSAlgorithm.RS384);

    static final int RSA_BITS = 3072;

    private final JWSAlgorithm jws;

    KeyAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    /**
     * A new key pair as a private JWK with {@code kid} = its RFC 7638 thumbprint, {@code use} = sig and {@code alg} set. CPU
     * bound (an RSA key takes up to a second): call it off the event loop.
     */
    JWK generate() throws JOSEException {
        return switch (this) {
            case ES384 -> new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(jws).keyIDFromThumbprint(true)
                    .generate();
            case RS384 -> new RSAKeyGenerator(RSA_BITS).keyUse(KeyUse.SIGNATURE).algorithm(jws).keyIDFromThumbprint(true)
                    .generate();
        };
    }

    /** The private key of {@code privateJwk} as PKCS#8 DER, the form it is sealed in. */
    byte[] pkcs8(JWK privateJwk) throws JOSEException {
        PrivateKey key = switch (this) {
            case ES384 -> privateJwk.toECKey().toPrivateKey();
            case RS384 -> privateJwk.toRSAKey().toPrivateKey();
        };
        if (key == null) {
            throw new JOSEException("not a private key");
        }
        return key.getEncoded();
    }
}
