package io.ehrconnector.config.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.keys.SealedKeyCipher;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.RegisteredClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.ehrconnector.config.keys.KeyFixtures.await;
import static io.ehrconnector.config.keys.KeyFixtures.reset;
import static io.ehrconnector.config.keys.KeyFixtures.served;
import static io.ehrconnector.config.keys.KeyFixtures.servedKids;
import static io.ehrconnector.config.keys.KeyFixtures.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key service against real PostgreSQL: signing, what is stored, rotation with publish-then-activate and overlap, and the
 * race of replicas creating the first key.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
class ConnectorKeyServiceTest {

    private static final String CLIENT_ID = "connector-backend-" + UUID.randomUUID();
    private static final String TOKEN_ENDPOINT = "https://ehr.example.org/interconnect/oauth2/token";
    private static final Duration OVERLAP = Duration.ofDays(7);
    private static final Duration PREPUBLISH = Duration.ofHours(1);

    private static EhrStandIn epic;

    @Inject
    ConnectorKeyService keys;

    @Inject
    SealedKeyCipher cipher;

    @TestHTTPResource("/jwks/test")
    URL testJwksUrl;

    @BeforeAll
    static void startEpic() {
        epic = new EhrStandIn(0).start();
    }

    @AfterAll
    static void stopEpic() {
        epic.stop();
    }

    @Test
    void aClientAssertionVerifiesAgainstTheJwkSetServedForItsEnvironmentOnly() throws Exception {
        ConnectorSigningKey key = await(() -> keys.activeSigningKey(Environment.TEST));
        String assertion = await(() -> keys.signClientAssertion(Environment.TEST, CLIENT_ID, TOKEN_ENDPOINT));

        SignedJWT jwt = SignedJWT.parse(assertion);
        assertEquals(key.kid(), jwt.getHeader().getKeyID());
        assertEquals(JWSAlgorithm.ES384, jwt.getHeader().getAlgorithm());
        JWTClaimsSet claims = verify(assertion, served(Environment.TEST));
        assertEquals(CLIENT_ID, claims.getIssuer());
        assertEquals(CLIENT_ID, claims.getSubject());
        assertEquals(List.of(TOKEN_ENDPOINT), claims.getAudience());
        Instant expiry = claims.getExpirationTime().toInstant();
        assertTrue(expiry.isAfter(Instant.now()), "not yet expired");
        assertTrue(!expiry.isAfter(Instant.now().plus(Duration.ofMinutes(5))), "exp at most five minutes ahead: " + expiry);
        assertNotEquals(claims.getJWTID(), SignedJWT.parse(await(() -> keys.signClientAssertion(Environment.TEST, CLIENT_ID,
                TOKEN_ENDPOINT))).getJWTClaimsSet().getJWTID());

        String production = await(() -> keys.signClientAssertion(Environment.PRODUCTION, CLIENT_ID, TOKEN_ENDPOINT));
        assertThrows(BadJOSEException.class, () -> verify(production, served(Environment.TEST)),
                "a production assertion does not verify with the test keys");
        assertThrows(IllegalArgumentException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> keys.signClientAssertion(Environment.TEST, " ", TOKEN_ENDPOINT)));
    }

    @Test
    void epicsTokenEndpointAcceptsTheAssertionFetchingOurJwkSetUrlBeforeAndAfterARotation() throws Exception {
        reset(Environment.TEST);
        String clientId = "backend-" + UUID.randomUUID();
        epic.registerClient(RegisteredClient.of(clientId, ClientAuthentication.privateKeyJwt(URI.create(testJwksUrl.toString()))));

        requestBackendToken(clientId).statusCode(200).body("access_token", notNullValue());

        ConnectorKeyView next = await(() -> keys.rotate(Environment.TEST));
        await(() -> keys.advance(next.activateAt().toInstant()));
        assertEquals(next.kid(), await(() -> keys.activeSigningKey(Environment.TEST)).kid());
        requestBackendToken(clientId).statusCode(200).body("token_type", equalTo("Bearer"));

        // A production assertion is refused by the test environment's registration (it fetches the test set).
        Map<String, String> form = backendTokenForm(await(() -> keys.signClientAssertion(Environment.PRODUCTION, clientId,
                epic.tokenEndpoint())));
        given().contentType(ContentType.URLENC).formParams(form).when().post(epic.tokenEndpoint()).then()
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void thePrivateKeyIsStoredEncryptedAndOpensOnlyWithTheMasterKeyForItsOwnRow() throws Exception {
        ConnectorSigningKey key = await(() -> keys.activeSigningKey(Environment.TEST));
        Map<String, Object> row = ServiceDatabase.query(
                "select private_key_encrypted, public_jwk from connector_key where kid = ?", key.kid()).get(0);
        byte[] stored = (byte[]) row.get("private_key_encrypted");
        byte[] pkcs8 = key.jwk().toECKey().toPrivateKey().getEncoded();
        String d = key.jwk().toECKey().getD().toString();

        assertEquals(SealedKeyCipher.NONCE_BYTES + pkcs8.length + SealedKeyCipher.TAG_BITS / 8, stored.length);
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(d), "JWK d in the column");
        assertEquals(-1, KeyFixtures.indexOf(stored, key.jwk().toECKey().getD().decode()), "raw d in the column");
        assertEquals(-1, KeyFixtures.indexOf(stored, pkcs8), "PKCS#8 in the column");
        assertThrows(ParseException.class, () -> JWK.parse(new String(stored, StandardCharsets.UTF_8)));
        assertThrows(InvalidKeySpecException.class,
                () -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(stored)));
        String publicJwk = (String) row.get("public_jwk");
        assertFalse(JWK.parse(publicJwk).isPrivate());
        assertFalse(publicJwk.contains(d));

        // What is stored is that key, sealed for its own kid and environment under the configured master key only.
        assertArrayEquals(pkcs8, cipher.open(stored, key.kid(), Environment.TEST));
        assertThrows(AEADBadTagException.class, () -> cipher.open(stored, key.kid(), Environment.PRODUCTION));
        assertThrows(AEADBadTagException.class,
                () -> new SealedKeyCipher(KeyFixtures.randomMasterKey(), true).open(stored, key.kid(), Environment.TEST));
    }

    @Test
    void rotationPublishesTheNextKeyFirstThenSwitchesThenRetiresTheOldOneAfterTheOverlap() {
        reset(Environment.PRODUCTION);
        String first = await(() -> keys.activeSigningKey(Environment.PRODUCTION)).kid();

        ConnectorKeyView next = await(() -> keys.rotate(Environment.PRODUCTION));
        assertEquals(KeyStatus.NEXT, next.status());
        assertEquals("ES384", next.algorithm());
        assertNotEquals(first, next.kid());
        assertEquals(next.createdAt().plus(PREPUBLISH).toInstant(), next.activateAt().toInstant());
        // Published at once, but the old key still signs.
        assertEquals(List.of(first, next.kid()), servedKids(Environment.PRODUCTION));
        assertEquals(first, await(() -> keys.activeSigningKey(Environment.PRODUCTION)).kid());
        ConnectorKeyService.RotationPendingException pending = assertThrows(ConnectorKeyService.RotationPendingException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> keys.rotate(Environment.PRODUCTION)));
        assertEquals(next.kid(), pending.pending().kid());

        Instant due = next.activateAt().toInstant();
        await(() -> keys.advance(due.minusSeconds(1)));
        assertEquals("NEXT", status(next.kid()));

        await(() -> keys.advance(due));
        assertEquals("ACTIVE", status(next.kid()));
        assertEquals("PREVIOUS", status(first));
        assertEquals(next.kid(), await(() -> keys.activeSigningKey(Environment.PRODUCTION)).kid());
        assertEquals(List.of(next.kid(), first), servedKids(Environment.PRODUCTION), "the old key stays published");
        Timestamp retireAt = (Timestamp) ServiceDatabase.value("select retire_at from connector_key where kid = ?", first);
        assertEquals(due.plus(OVERLAP), retireAt.toInstant());

        await(() -> keys.advance(due.plus(OVERLAP).minusSeconds(1)));
        assertEquals(List.of(next.kid(), first), servedKids(Environment.PRODUCTION), "still in the overlap");

        await(() -> keys.advance(due.plus(OVERLAP)));
        assertEquals("RETIRED", status(first));
        assertEquals(List.of(next.kid()), servedKids(Environment.PRODUCTION));
        assertNull(ServiceDatabase.value("select private_key_encrypted from connector_key where kid = ?", first),
                "a retired key's private key is destroyed");
        List<ConnectorKeyView> history = await(() -> keys.listKeys(Environment.PRODUCTION));
        assertEquals(List.of(next.kid(), first), history.stream().map(ConnectorKeyView::kid).toList());
        assertEquals(List.of(KeyStatus.ACTIVE, KeyStatus.RETIRED), history.stream().map(ConnectorKeyView::status).toList());
    }

    @Test
    void anImmediateRotationKeepsTheOldKeyPublishedUntilItsRetireTimeHasPassed() {
        reset(Environment.TEST);
        String first = await(() -> keys.activeSigningKey(Environment.TEST)).kid();

        ConnectorKeyView second = await(() -> keys.rotate(Environment.TEST, Duration.ZERO));
        assertEquals(KeyStatus.ACTIVE, second.status());
        assertEquals(second.kid(), await(() -> keys.activeSigningKey(Environment.TEST)).kid());
        assertEquals(List.of(second.kid(), first), servedKids(Environment.TEST));
        assertEquals("PREVIOUS", status(first));

        await(() -> keys.advance(Instant.now()));
        assertEquals(List.of(second.kid(), first), servedKids(Environment.TEST), "overlap not over");

        ServiceDatabase.execute("update connector_key set retire_at = now() - interval '1 second' where kid = ?", first);
        await(() -> keys.advance(Instant.now()));
        assertEquals(List.of(second.kid()), servedKids(Environment.TEST));
        assertEquals("RETIRED", status(first));
    }

    @Test
    void replicasRacingToCreateTheFirstKeyEndUpWithOneActiveKey() throws Exception {
        reset(Environment.TEST);
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> kids = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                kids.add(pool.submit(() -> {
                    start.await();
                    return await(() -> keys.activeSigningKey(Environment.TEST)).kid();
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> kid : kids) {
                distinct.add(kid.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size(), distinct.toString());
            assertEquals(1L, ((Number) ServiceDatabase.value(
                    "select count(*) from connector_key where environment = 'TEST'")).longValue());
            assertEquals(distinct.iterator().next(), ServiceDatabase.value(
                    "select kid from connector_key where environment = 'TEST' and status = 'ACTIVE'"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDatabaseRefusesASecondActiveKeyForAnEnvironment() {
        String kid = await(() -> keys.activeSigningKey(Environment.TEST)).kid();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ServiceDatabase.execute(
                "insert into connector_key (id, environment, kid, algorithm, public_jwk, private_key_encrypted, status, created_at)"
                        + " select ?, environment, ?, algorithm, public_jwk, private_key_encrypted, 'ACTIVE', now()"
                        + " from connector_key where kid = ?", UUID.randomUUID(), "copy-of-" + kid, kid));
        assertTrue(String.valueOf(refused.getCause().getMessage()).contains("connector_key_one_active"),
                String.valueOf(refused.getCause()));
    }

    private io.restassured.response.ValidatableResponse requestBackendToken(String clientId) {
        String assertion = await(() -> keys.signClientAssertion(Environment.TEST, clientId, epic.tokenEndpoint()));
        return given().contentType(ContentType.URLENC).formParams(backendTokenForm(assertion))
                .when().post(epic.tokenEndpoint()).then();
    }

    private static Map<String, String> backendTokenForm(String assertion) {
        return Map.of("grant_type", "client_credentials",
                "scope", "system/AuditEvent.c",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion);
    }

    private static JWTClaimsSet verify(String assertion, JWKSet keys) throws Exception {
        return KeyFixtures.verifyAssertion(assertion, keys, CLIENT_ID, TOKEN_ENDPOINT);
    }
}
