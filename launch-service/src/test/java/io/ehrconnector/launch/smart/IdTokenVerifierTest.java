package io.ehrconnector.launch.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every check of the launch's id_token, each able to fail on its own. */
class IdTokenVerifierTest {

    private static final RSAKey EHR_KEY = rsa("ehr-1");
    private static final RSAKey OTHER_KEY = rsa("ehr-1");
    private static final JWKSet EHR_KEYS = new JWKSet(EHR_KEY.toPublicJWK());


    @Test
    void aTokenFromTheLaunchsServerForTheAppWithItsNonceIsAccepted() throws Exception {
        JWTClaimsSet claims = check(signed(EHR_KEY, c -> c));
        assertEquals("EHRUSER1", claims.getSubject());
        assertEquals("https://ehr.example.org/api/FHIR/R4/Practitioner/p1", claims.getStringClaim("fhirUser"));
    }

    @Test
    void expiredTokensAreRefusedBeyondAMinuteOfSkew() {
        Instant past = Instant.now().minusSeconds(600);
        refused(signed(EHR_KEY, c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300)))));
        // within the minute of clock skew: accepted
        check(signed(EHR_KEY, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30)))));
    }

    @Test
    void anotherNonceAudienceOrIssuerIsRefused() {
        refused(signed(EHR_KEY, c -> c.claim("nonce", "another-launch")));
        refused(signed(EHR_KEY, c -> c.claim("nonce", null)));
        refused(signed(EHR_KEY, c -> c.audience("another-app")));
        refused(signed(EHR_KEY, c -> c.issuer("https://attacker.example/fhir")));
    }

    @Test
    void aTokenSignedByAnotherKeyOrWithASharedSecretIsRefused() throws Exception {
        refused(signed(OTHER_KEY, c -> c));
        // HS256 keyed with the EHR's public modulus: the classic algorithm confusion
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ehr-1").build(), claims(c -> c));
        hmac.sign(new MACSigner(EHR_KEY.getModulus().decode()));
        refused(SignedJWT.parse(hmac.serialize()));
    }

    @Test
    void requiredClaimsMustBePresent() {
        refused(signed(EHR_KEY, c -> c.subject(null)));
        refused(signed(EHR_KEY, c -> c.expirationTime(null)));
        refused(signed(EHR_KEY, c -> c.issueTime(null)));
    }

    private void refused(SignedJWT token) {
        LaunchRefused refusal = assertThrows(LaunchRefused.class, () -> check(token));
        assertEquals(502, refusal.status());
    }

    private static SignedJWT signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims(change));
            jwt.sign(new RSASSASigner(key));
            return SignedJWT.parse(jwt.serialize()); // as received: what was signed, not the builder's claims
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                .issuer("https://ehr.example.org/api/FHIR/R4")
                .subject("EHRUSER1")
                .audience("provider-app")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", "the-launch-nonce")
                .claim("fhirUser", "https://ehr.example.org/api/FHIR/R4/Practitioner/p1")).build();
    }

    private static JWTClaimsSet check(SignedJWT token) {
        return IdTokenVerifier.check(token, EHR_KEYS, "https://ehr.example.org/api/FHIR/R4", "provider-app",
                "the-launch-nonce");
    }

    private static RSAKey rsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
