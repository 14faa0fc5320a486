package io.ehrconnector.config.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The signature algorithms Epic accepts for SMART Backend Services client assertions, with how a key of each is made, stored
 * and used. Chosen for new keys by {@code ehr.keys.algorithm}; a key keeps its algorithm for life, so changing the setting
 * takes effect at the next rotation.
 */
public enum KeyAlgorithm {

    /** ECDSA on P-384 with SHA-384: small keys and signatures, fast to make. The default. */
    ES384(JWSAlgorithm.ES384, "EC"),
    /** RSASSA-PKCS1-v1_5 with SHA-384 on a 3072-bit modulus (128-bit security, as P-384 gives 192). */
    RS384(JWSAlgorithm.RS384, "RSA");

    static final int RSA_BITS = 3072;

    private final JWSAlgorithm jws;
    private final String keyFactoryAlgorithm;

    KeyAlgorithm(JWSAlgorithm jws, String keyFactoryAlgorithm) {
        this.jws = jws;
        this.keyFactoryAlgorithm = keyFactoryAlgorithm;
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

    /** The private JWK made of a stored public JWK and its PKCS#8 private key. */
    JWK withPrivateKey(JWK publicJwk, byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance(keyFactoryAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return switch (this) {
            case ES384 -> new ECKey.Builder(publicJwk.toECKey()).privateKey((ECPrivateKey) key).build();
            case RS384 -> new RSAKey.Builder(publicJwk.toRSAKey()).privateKey((RSAPrivateKey) key).build();
        };
    }

    JWSSigner signer(JWK privateJwk) throws JOSEException {
        return switch (this) {
            case ES384 -> new ECDSASigner(privateJwk.toECKey());
            case RS384 -> new RSASSASigner(privateJwk.toRSAKey());
        };
    }
}
