package io.ehrconnector.support.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;

/**
 * The connector's signing keys as JWKs: a stored or published public JWK joined with its sealed PKCS#8 private key, and a
 * signer for it. EC (ES384) and RSA (RS384) keys, the kinds config-service makes. Needs nimbus-jose-jwt, which service-support
 * only declares as optional: a service that calls this declares it itself.
 */
public final class SigningJwks {

    private SigningJwks() {
    }

    /**
     * The private JWK of a sealed key: opens {@code sealed} with {@code cipher} for {@code kid} of {@code environment} and
     * joins it to {@code publicJwk}. The PKCS#8 bytes are wiped once used.
     *
     * @throws GeneralSecurityException when it does not open (another master key, kid or environment, altered bytes) or the
     *                                  key does not fit the public JWK's type
     * @throws ParseException           when {@code publicJwk} is not a JWK
     */
    public static JWK open(SealedKeyCipher cipher, String publicJwk, byte[] sealed, String kid, Environment environment)
            throws GeneralSecurityException, ParseException {
        byte[] pkcs8 = cipher.open(sealed, kid, environment);
        try {
            return withPrivateKey(JWK.parse(publicJwk), pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The private JWK made of a public JWK (its members kept: kid, alg, use) and its PKCS#8 private key. */
    public static JWK withPrivateKey(JWK publicJwk, byte[] pkcs8) throws GeneralSecurityException {
        KeyType type = publicJwk.getKeyType();
        if (KeyType.EC.equals(type)) {
            return new ECKey.Builder(publicJwk.toECKey()).privateKey((ECPrivateKey) privateKey("EC", pkcs8)).build();
        }
        if (KeyType.RSA.equals(type)) {
            return new RSAKey.Builder(publicJwk.toRSAKey()).privateKey((RSAPrivateKey) privateKey("RSA", pkcs8)).build();
        }
        throw new GeneralSecurityException("unsupported key type " + type);
    }

    /** A signer with {@code privateJwk} (EC or RSA). */
    public static JWSSigner signer(JWK privateJwk) throws JOSEException {
        if (privateJwk instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (privateJwk instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        throw new JOSEException("unsupported key type " + privateJwk.getKeyType());
    }

    private static PrivateKey privateKey(String algorithm, byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }
}
