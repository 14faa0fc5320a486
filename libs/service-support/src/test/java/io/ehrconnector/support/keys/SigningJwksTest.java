package io.ehrconnector.support.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sealed key opens into the JWK it was made from, and the client assertions it signs carry the SMART header and claims. */
class SigningJwksTest {

    private static final String CLIENT_ID = "connector-client";
    private static final String TOKEN_ENDPOINT = "https://ehr.example.org/oauth2/token";

    private static final SealedKeyCipher CIPHER = new SealedKeyCipher(SealedKeyCipher.DEV_TEST_MASTER_KEY, false);
    private static JWK ecKey;
    private static JWK rsaKey;

    @BeforeAll
    static void makeKeys() throws Exception {
        ecKey = new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384)
                .keyIDFromThumbprint(true).generate();
        rsaKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS384).keyIDFromThumbprint(true)
                .generate();
    }

    @Test
    void aSealedKeyOpensIntoTheKeyItWasMadeFromForItsKidAndEnvironmentOnly() throws Exception {
        for (JWK key : List.of(ecKey, rsaKey)) {
            byte[] sealed = CIPHER.seal(pkcs8(key), key.getKeyID(), Environment.TEST);
            String publicJwk = key.toPublicJWK().toJSONString();

            assertEquals(key.toJSONObject(), SigningJwks.open(CIPHER, publicJwk, sealed, key.getKeyID(), Environment.TEST)
                    .toJSONObject());
            assertThrows(GeneralSecurityException.class,
                    () -> SigningJwks.open(CIPHER, publicJwk, sealed, key.getKeyID(), Environment.PRODUCTION));
        }
    }

    @Test
    void anEs384AssertionVerifiesAndCarriesTheSmartHeaderAndClaims() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JWK parsed = SigningJwks.withPrivateKey(JWK.parse(ecKey.toPublicJWK().toJSONString()), pkcs8(ecKey));

        SignedJWT jwt = SignedJWT.parse(ClientAssertions.sign(parsed, CLIENT_ID, TOKEN_ENDPOINT, now));

        assertTrue(jwt.verify(new ECDSAVerifier(ecKey.toECKey().toPublicJWK())));
        assertEquals(JWSAlgorithm.ES384, jwt.getHeader().getAlgorithm());
        assertEquals(ecKey.getKeyID(), jwt.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(CLIENT_ID, claims.getIssuer());
        assertEquals(CLIENT_ID, claims.getSubject());
        assertEquals(List.of(TOKEN_ENDPOINT), claims.getAudience());
        assertEquals(Date.from(now), claims.getIssueTime());
        assertEquals(Date.from(now.plus(Duration.ofMinutes(4))), claims.getExpirationTime());
        assertEquals(16, Base64.getUrlDecoder().decode(claims.getJWTID()).length, "a 128-bit random jti");
        assertNotEquals(claims.getJWTID(), SignedJWT.parse(ClientAssertions.sign(parsed, CLIENT_ID, TOKEN_ENDPOINT, now))
                .getJWTClaimsSet().getJWTID());
    }

    @Test
    void anRs384AssertionVerifiesWithThePublicKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(ClientAssertions.sign(rsaKey, CLIENT_ID, TOKEN_ENDPOINT, Instant.now()));

        assertTrue(jwt.verify(new RSASSAVerifier(rsaKey.toRSAKey().toPublicJWK())));
        assertEquals(JWSAlgorithm.RS384, jwt.getHeader().getAlgorithm());
    }

    @Test
    void onlyAPrivateKeyWithKidAndAlgSigns() {
        assertThrows(IllegalArgumentException.class,
                () -> ClientAssertions.sign(ecKey.toPublicJWK(), CLIENT_ID, TOKEN_ENDPOINT, Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> ClientAssertions.sign(
                new ECKey.Builder(ecKey.toECKey()).keyID(null).build(), CLIENT_ID, TOKEN_ENDPOINT, Instant.now()));
    }

    private static byte[] pkcs8(JWK key) throws Exception {
        return key instanceof RSAKey rsa ? rsa.toPrivateKey().getEncoded() : key.toECKey().toPrivateKey().getEncoded();
    }
}
