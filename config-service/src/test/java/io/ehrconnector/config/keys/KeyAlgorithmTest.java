package io.ehrconnector.config.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.keys.SigningJwks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both algorithms (ES384, the default, and RS384 with RSA 3072) without the service around them: key generation with an
 * RFC 7638 kid, the PKCS#8 round trip the sealed column relies on, and client assertions that verify with the public key.
 */
class KeyAlgorithmTest {

    private static final String CLIENT_ID = "connector-backend-client";
    private static final String TOKEN_ENDPOINT = "https://ehr.example.org/oauth2/token";

    /** A throwaway RSA 3072 test key (PKCS#8, base64), so that only one RSA key need be generated per run. Public. */
    private static final String OTHER_RSA_3072_PKCS8 = ""
            + "MIIG/gIBADANBgkqhkiG9w0BAQEFAASCBugwggbkAgEAAoIBgQC/t5XcMvwGTiRkHFNRZ9VLUjAmGcBxIgRzguPZh0Qu3d0ikFaS"
            + "mOaLgEhOKbauMak2eQ9a+ER5owfJIyfKkcuAeW57UEB7+dxVvsDFbPvCvyaZaRQ7M5X7F1YMwhuBpD4MxAGftWJDxbZhhTlgSLiA"
            + "1uVkH7EmOzEDA+o2mRBVxayL4VH5pqc/H0QC2bK6vJ6qGrlf9LzSrB9Vil5EE/7FKmHYzTOzKlAKSyCSnGxMdU8JHt7c34OPgbtT"
            + "5lmtCZz2modHe1f9KWgm9sc4qfEBzwzb6IDtsdUg/aLUFK6Xy2IIxtHTSfsSdhbYCDaf3xxra9BtED221dWkwYW63Kyh+wUTs0H7"
            + "R5S10oMe+QZCFoEv8fu3Qjg9FUpqPOySn+HX3W2X8iUXX144LiS4roax9Vq0DpxwUMK7+56yd23jrl4PoF4Z70BWT6hAB4rCZLd8"
            + "FTpefRkyiAjrmIzBkvhxLJy/SaU8Ak3pCgswa47XnIHaM6ueeasWX16xp3yQGvMCAwEAAQKCAYBUmJc9i5fO1nNTY3ZWYPlq25DY"
            + "dxuGMEsDh3mwFnJ9NbQq2MMCvApa+xesudZcxhgTK9cdPpjEja5VUDhyN+QyxCJ+slpJ+maBxYK9ewoalItdPVNKjkg7fEAhsBNA"
            + "IO+qZWEMDpcWLat9G7LGLECRxYGCLUPXiV3mpTcXsXHWTzwEmz+3aBS7kznJAjPOF4XxrIoo787ULVRERCK1apdMfBeh+WY7REv+"
            + "RslQOErHcCoYbbFMiCo+zDGTY30lkCwZo0iMrf9JNlmPEcEZveTOBjOP1Eq6o+9leeuQmC5+wvwVSviBA/Ju/V2+4M/kgR6F4vzp"
            + "1npd+RyG+wrl73OZeWIiO/jUpOyTEhGRniJ0hyELooRevzLrrMulc3lsVp3vImyZP7QgrLkmGzQixAnor/ZiqjPG/2LbfoS3BT0c"
            + "Tl8XeI3nrU8ywEqtnJ3E5+BjEVgX0Kd3aFw3rhcU2qE7a8HizT/fpz5W2Ne5uw+f+QIxPneAfepnOujGZqdH/8ECgcEA5+X3CjBU"
            + "EOPtUzQ/72o74BgCM+eqbcD/ANCid/LJwz4q2ILAk+oMN+l8FQ+pzwdhN9m0748+S9jHDpYAwY7XSkI/Q61TWAFP7HH3mbWmefQq"
            + "C/QO7qtiFEtBW3Wp/71Wj8m6pGxz+Hoq9gaVUmXXQgxw3wo5xyKom+nk6zpPnlys2o6PHsLBxilCM0WgxNTcec7ArMs1JWrJqxMR"
            + "3Bym4M/MeEP/eE7IG5AjDcqqXmVJsxUE5rdg8JgwlQtgpaizAoHBANOkiM2+IhFyNXpKJ9NbMIpLJaNn3MNz3+0YIaCYXZiaWFxW"
            + "YEYMyEMPDEZL9KFZYBeCIWV5j1HRE/NMHGCzwGF0iFOmR918bReJ6Cs2z9W3rkpwBjkjimNFZoY4G6NK6YbvZJwegjZpx93CkbAs"
            + "hQcEol6USGBJlffHQcT9mcRFwEsVmBN8NkFwOpOEFKMUYPS+BIM8Joqih1d7YszocsBY8T0y9RHzmxDB+5+R06z3TZdb1Tc7EbUX"
            + "njUwdiJkwQKBwEUMimR0Q3PMCkxuEGN/ZFizjWRbJLoNb2CUvuusVTtXdXaGaEUiuYSkdxfmVA+bCO2SW3fBVTFMWOkU7SC1IZGw"
            + "7BmAsIJR0bR7stgH6IwDkcmBYDjcuxWD2vAatwW5IN8rl/GBgX6JEeWzzB5+yHuYLLuc1dtfjIjwOgN4l2B2A9oH/MGSCBSzEE0n"
            + "/FjfcM6sK17IGwkLJQVVZkn+Fgp2lVFyHc1618atQmLG57e3vRwftBfmnmzFRCH9A0gQVQKBwQC0n+uRi/+PXCV/5OHwZBcdL91D"
            + "hFTJCo/FzZ6FbQQURUW8KIupvSb89E7Jf/Gb8qcr6QePjxtd/E5GimJ9tWsuwUHIAlW7FYIVYMEggHsILuc06D6nbUmiR4ykaCZO"
            + "SpTbcFwxUWhYABdvj6q+7H/r6WyZw3uxkZvIB+p9sOIWvGDMs/VCS/QSDTIwy7zBIZdNyQ4Y4rESCHvxkYBU2N12g3H/hQna9EkX"
            + "GDcjjFVXfQhfcSSbKnKGV03SnzVzTQECgcEA0Y2La5i8dy3axnCm3cQNgtS7z9K2XdfEqSiZU4ZCp85xyXQKrxMdd44GKLVIwSVO"
            + "eFzb0aHgvuJF/5xddCGIpgsTlwq4QNftkOaj4Wgh27AFJAkmptCGgtepi3ZP1q0MdJHKqLPKKCDPaiWmTOYVBPxGsOhXD8K3RsbM"
            + "Cj2xIG316Zxvp7brYMSlqi6DO8xqeVaso1uVJKcibDnyEDqVKvpegWTdez7rlK/Uc4PegQ3tJTNO/bdhKGTD93t7PXWu";

    /** Per algorithm: a key generated here (the one under test) and another key of the same kind. */
    private static final Map<KeyAlgorithm, List<JWK>> KEYS = new EnumMap<>(KeyAlgorithm.class);

    @BeforeAll
    static void makeKeys() throws Exception {
        KEYS.put(KeyAlgorithm.ES384, List.of(KeyAlgorithm.ES384.generate(), KeyAlgorithm.ES384.generate()));
        KEYS.put(KeyAlgorithm.RS384, List.of(KeyAlgorithm.RS384.generate(), otherRsaKey()));
    }

    private static JWK otherRsaKey() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(OTHER_RSA_3072_PKCS8)));
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(key).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS384)
                .keyIDFromThumbprint().build();
    }

    private static JWK key(KeyAlgorithm algorithm, int index) {
        return KEYS.get(algorithm).get(index);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generatesASigningKeyWhoseKidIsItsThumbprint(KeyAlgorithm algorithm) throws Exception {
        JWK jwk = key(algorithm, 0);

        assertTrue(jwk.isPrivate());
        assertEquals(jwk.computeThumbprint("SHA-256").toString(), jwk.getKeyID());
        assertEquals(jwk.toPublicJWK().computeThumbprint().toString(), jwk.getKeyID(), "the kid is the public key's thumbprint");
        assertEquals(algorithm.jws(), jwk.getAlgorithm());
        assertEquals(KeyUse.SIGNATURE, jwk.getKeyUse());
        switch (algorithm) {
            case ES384 -> assertEquals(Curve.P_384, jwk.toECKey().getCurve());
            case RS384 -> assertEquals(3072, jwk.toRSAKey().size());
        }
        assertNotEquals(jwk.getKeyID(), key(algorithm, 1).getKeyID(), "two keys, two kids");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void thePrivateKeyComesBackFromItsPkcs8FormAndThePublicJwk(KeyAlgorithm algorithm) throws Exception {
        JWK jwk = key(algorithm, 0);
        byte[] pkcs8 = algorithm.pkcs8(jwk);

        JWK restored = SigningJwks.withPrivateKey(JWK.parse(jwk.toPublicJWK().toJSONString()), pkcs8);

        assertEquals(jwk.toJSONObject(), restored.toJSONObject());
        assertArrayEquals(pkcs8, algorithm.pkcs8(restored));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void clientAssertionsVerifyWithThePublicKeyAndCarryTheSmartClaims(KeyAlgorithm algorithm) throws Exception {
        JWK jwk = key(algorithm, 0);
        ConnectorSigningKey key = new ConnectorSigningKey(Environment.TEST, jwk.getKeyID(), algorithm.jws(), jwk);
        Instant now = Instant.now();

        String assertion = ConnectorKeyService.clientAssertion(key, CLIENT_ID, TOKEN_ENDPOINT, now);

        SignedJWT jwt = SignedJWT.parse(assertion);
        assertEquals(algorithm.jws(), jwt.getHeader().getAlgorithm());
        assertEquals(key.kid(), jwt.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        JWTClaimsSet claims = KeyFixtures.verifyAssertion(assertion, new JWKSet(jwk.toPublicJWK()), CLIENT_ID, TOKEN_ENDPOINT);
        assertEquals(CLIENT_ID, claims.getIssuer());
        assertEquals(CLIENT_ID, claims.getSubject());
        assertEquals(List.of(TOKEN_ENDPOINT), claims.getAudience());
        Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        assertTrue(!lifetime.isNegative() && lifetime.compareTo(Duration.ofMinutes(5)) <= 0, lifetime.toString());
        assertNotEquals(claims.getJWTID(), SignedJWT.parse(ConnectorKeyService.clientAssertion(key, CLIENT_ID, TOKEN_ENDPOINT, now))
                .getJWTClaimsSet().getJWTID(), "jti is random");

        JWK stranger = key(algorithm, 1);
        assertThrows(BadJOSEException.class, () -> KeyFixtures.verifyAssertion(assertion, new JWKSet(stranger.toPublicJWK()), CLIENT_ID,
                TOKEN_ENDPOINT),
                "another key with another kid does not verify it");
        Map<String, Object> impostor = stranger.toPublicJWK().toJSONObject();
        impostor.put("kid", key.kid());
        assertThrows(BadJOSEException.class, () -> KeyFixtures.verifyAssertion(assertion, new JWKSet(JWK.parse(impostor)),
                CLIENT_ID, TOKEN_ENDPOINT), "another key under our kid does not verify it");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void aSigningKeyNeverPrintsItsPrivatePart(KeyAlgorithm algorithm) throws Exception {
        JWK jwk = key(algorithm, 0);
        ConnectorSigningKey key = new ConnectorSigningKey(Environment.PRODUCTION, jwk.getKeyID(), algorithm.jws(), jwk);
        String d = switch (algorithm) {
            case ES384 -> jwk.toECKey().getD().toString();
            case RS384 -> jwk.toRSAKey().getPrivateExponent().toString();
        };

        assertFalse(key.toString().contains(d), key.toString());
        assertTrue(key.toString().contains(jwk.getKeyID()));
        assertFalse(key.publicJwk().isPrivate());
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectorSigningKey(Environment.TEST, jwk.getKeyID(), algorithm.jws(), jwk.toPublicJWK()));
    }
}
