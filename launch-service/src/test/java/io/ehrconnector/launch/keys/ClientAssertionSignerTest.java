package io.ehrconnector.launch.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.keys.ClientAssertionSigner;
import io.ehrconnector.support.keys.ConnectorKeyRingChanged;
import io.ehrconnector.support.keys.ConnectorKeyRingProjection;
import io.ehrconnector.support.keys.NoSigningKeyException;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.keys.TestKeyRings;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.ehrconnector.events.ConnectorKeyRing.Key.Status.ACTIVE;
import static io.ehrconnector.events.ConnectorKeyRing.Key.Status.NEXT;
import static io.ehrconnector.events.ConnectorKeyRing.Key.Status.PREVIOUS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key rings published on the real connector-keys topic reach launch-service's database, and {@link ClientAssertionSigner}
 * signs with the ACTIVE key of the newest one, or says clearly why it cannot.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class ClientAssertionSignerTest {

    private static final String CLIENT_ID = "connector-provider-app";
    private static final String TOKEN_ENDPOINT = "https://fhir.example-health.org/interconnect-fhir-oauth/oauth2/token";
    /** Well below the 60 s a replica keeps a key: a switch within this time comes from the new ring, not from expiry. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static KafkaTestClient kafka;

    @Inject
    ClientAssertionSigner signer;

    @Inject
    Event<ConnectorKeyRingChanged> ringChanged;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void anAssertionVerifiesWithTheRingsPublicKeyAndCarriesTheSmartHeaderAndClaims() throws Exception {
        JWK active = TestKeyRings.newKey();
        ConnectorKeyRing ring = TestKeyRings.ring(Environment.TEST, TestKeyRings.nextVersion(),
                TestKeyRings.ringKey(active, ACTIVE, Environment.TEST, TestKeyRings.TEST_MASTER_KEY),
                TestKeyRings.ringKey(TestKeyRings.newKey(), PREVIOUS, Environment.TEST, TestKeyRings.TEST_MASTER_KEY));
        publishAndAwaitStored(ring);

        String assertion = awaitSignedWith(Environment.TEST, active.getKeyID());

        SignedJWT jwt = SignedJWT.parse(assertion);
        assertEquals(JWSAlgorithm.ES384, jwt.getHeader().getAlgorithm());
        assertEquals(active.getKeyID(), jwt.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        JWTClaimsSet claims = verify(assertion, TestKeyRings.publicKeys(ring));
        assertEquals(CLIENT_ID, claims.getIssuer());
        assertEquals(CLIENT_ID, claims.getSubject());
        assertEquals(List.of(TOKEN_ENDPOINT), claims.getAudience());
        Instant issued = claims.getIssueTime().toInstant();
        Instant expires = claims.getExpirationTime().toInstant();
        assertTrue(expires.isAfter(Instant.now()), "not yet expired");
        assertTrue(expires.isAfter(issued) && !expires.isAfter(issued.plus(Duration.ofMinutes(5))),
                "exp within five minutes of iat: " + issued + " " + expires);
        assertTrue(Base64.getUrlDecoder().decode(claims.getJWTID()).length >= 16, "a jti of 128 random bits or more");
        assertFalse(claims.getJWTID().equals(SignedJWT.parse(sign(Environment.TEST)).getJWTClaimsSet().getJWTID()),
                "a new jti for every assertion");
        assertThrows(IllegalArgumentException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> signer.sign(Environment.TEST, CLIENT_ID, " ")));
    }

    @Test
    void aNewerRingFromARotationSwitchesTheSigningKey() throws Exception {
        JWK first = TestKeyRings.newKey();
        JWK second = TestKeyRings.newKey();
        publishAndAwaitStored(TestKeyRings.ring(Environment.TEST, TestKeyRings.nextVersion(),
                TestKeyRings.ringKey(first, ACTIVE, Environment.TEST, TestKeyRings.TEST_MASTER_KEY),
                TestKeyRings.ringKey(second, NEXT, Environment.TEST, TestKeyRings.TEST_MASTER_KEY)));
        awaitSignedWith(Environment.TEST, first.getKeyID());

        ConnectorKeyRing rotated = TestKeyRings.ring(Environment.TEST, TestKeyRings.nextVersion(),
                TestKeyRings.ringKey(second, ACTIVE, Environment.TEST, TestKeyRings.TEST_MASTER_KEY),
                TestKeyRings.ringKey(first, PREVIOUS, Environment.TEST, TestKeyRings.TEST_MASTER_KEY));
        publishAndAwaitStored(rotated);

        verify(awaitSignedWith(Environment.TEST, second.getKeyID()), TestKeyRings.publicKeys(rotated));
    }

    @Test
    void aStaleRingIsIgnored() throws Exception {
        JWK current = TestKeyRings.newKey();
        ConnectorKeyRing ring = TestKeyRings.activeOnly(Environment.TEST, current);
        publishAndAwaitStored(ring);
        awaitSignedWith(Environment.TEST, current.getKeyID());

        ConnectorKeyRing stale = TestKeyRings.ring(Environment.TEST, ring.version() - 1,
                TestKeyRings.ringKey(TestKeyRings.newKey(), ACTIVE, Environment.TEST, TestKeyRings.TEST_MASTER_KEY));
        CloudEvent<ConnectorKeyRing> staleEvent = TestKeyRings.publish(kafka, stale);
        await().atMost(WAIT).until(() -> ServiceDatabase.value("select event_id from processed_event where consumer = ?"
                + " and event_id = ?", ConnectorKeyRingProjection.CONSUMER, staleEvent.id()) != null);

        assertEquals(ring.version(), storedVersion(Environment.TEST));
        assertEquals(current.getKeyID(), kidOf(sign(Environment.TEST)));
    }

    @Test
    void aRingSealedUnderAnotherMasterKeyFailsSayingWhichMasterKeyToSet() {
        ConnectorKeyRing.Key foreign = TestKeyRings.ringKey(TestKeyRings.newKey(), ACTIVE, Environment.TEST,
                TestKeyRings.otherMasterKey());
        publishAndAwaitStored(TestKeyRings.ring(Environment.TEST, TestKeyRings.nextVersion(), foreign));

        NoSigningKeyException refused = awaitRefusal(Environment.TEST);

        assertTrue(refused.getMessage().contains("ACTIVE key " + foreign.kid() + " for TEST does not open with"
                + " ehr.keys.master-key"), refused.getMessage());
        assertTrue(refused.getMessage().contains("EHR_KEYS_MASTER_KEY"), refused.getMessage());
        assertFalse(refused.getMessage().contains(foreign.sealedPrivateKey()), "no key material in the message");
    }

    @Test
    void aRingWithoutActiveKeyFailsClearly() {
        ConnectorKeyRing ring = TestKeyRings.ring(Environment.TEST, TestKeyRings.nextVersion(),
                TestKeyRings.ringKey(TestKeyRings.newKey(), NEXT, Environment.TEST, TestKeyRings.TEST_MASTER_KEY));
        publishAndAwaitStored(ring);

        NoSigningKeyException refused = awaitRefusal(Environment.TEST);

        assertEquals("The connector's key ring for TEST (version " + ring.version() + ") has no ACTIVE key. Check the keys"
                + " of TEST in config-service.", refused.getMessage());
    }

    @Test
    void withoutARingSigningFailsSayingTheKeyHasNotArrived() {
        ServiceDatabase.execute("delete from connector_key_ring where environment = ?", Environment.PRODUCTION.name());
        ringChanged.fire(new ConnectorKeyRingChanged(Environment.PRODUCTION));

        NoSigningKeyException refused = assertThrows(NoSigningKeyException.class, () -> sign(Environment.PRODUCTION));

        assertTrue(refused.getMessage().startsWith("The connector's signing key for PRODUCTION has not reached"
                + " launch-service yet"), refused.getMessage());
        assertTrue(refused.getMessage().contains(Topics.CONNECTOR_KEYS), refused.getMessage());
    }

    @Test
    void aMalformedRingGoesToTheDeadLetterTopicAndConsumingGoesOn() throws Exception {
        String key = "malformed-" + UUID.randomUUID();
        kafka.send(Topics.CONNECTOR_KEYS, key, "{\"specversion\":\"1.0\"}", Map.of());

        ConsumerRecord<String, String> deadLetter = kafka.awaitRecord(Topics.deadLetterOf(Topics.CONNECTOR_KEYS),
                r -> key.equals(r.key()), WAIT).orElseThrow(() -> new AssertionError("no dead letter for " + key));
        assertTrue(KafkaTestClient.header(deadLetter, DeadLetter.REASON_HEADER).contains("missing CloudEvents attribute"));

        JWK next = TestKeyRings.newKey();
        publishAndAwaitStored(TestKeyRings.activeOnly(Environment.TEST, next));
        awaitSignedWith(Environment.TEST, next.getKeyID());
    }

    private static void publishAndAwaitStored(ConnectorKeyRing ring) {
        TestKeyRings.publish(kafka, ring);
        await().atMost(WAIT).until(() -> Long.valueOf(ring.version()).equals(storedVersion(ring.environment())));
    }

    private static Long storedVersion(Environment environment) {
        Object version = ServiceDatabase.value("select version from connector_key_ring where environment = ?",
                environment.name());
        return version == null ? null : ((Number) version).longValue();
    }

    /** An assertion signed once this replica signs with {@code kid} (the new ring is committed a moment before it is used). */
    private String awaitSignedWith(Environment environment, String kid) {
        return await().atMost(WAIT).until(() -> sign(environment), assertion -> kid.equals(kidOf(assertion)));
    }

    private NoSigningKeyException awaitRefusal(Environment environment) {
        return await().atMost(WAIT).until(() -> {
            try {
                sign(environment);
                return null;
            } catch (NoSigningKeyException e) {
                return e;
            }
        }, refusal -> refusal != null);
    }

    private String sign(Environment environment) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> signer.sign(environment, CLIENT_ID, TOKEN_ENDPOINT));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static String kidOf(String assertion) {
        try {
            return SignedJWT.parse(assertion).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JWS", e);
        }
    }

    /** Verifies as the EHR's token endpoint does (RFC 7523 3): key by kid, iss = sub = client id, aud, exp/jti/iat present. */
    private static JWTClaimsSet verify(String assertion, JWKSet keys) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES384, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(TOKEN_ENDPOINT,
                new JWTClaimsSet.Builder().issuer(CLIENT_ID).subject(CLIENT_ID).build(), Set.of("exp", "jti", "iat")));
        return processor.process(assertion, null);
    }
}
