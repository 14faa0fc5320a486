package io.ehrconnector.config.keys;

import com.nimbusds.jose.jwk.JWK;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.keys.SealedKeyCipher;
import io.ehrconnector.support.keys.SigningJwks;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static io.ehrconnector.config.keys.KeyFixtures.await;
import static io.ehrconnector.config.keys.KeyFixtures.reset;
import static io.ehrconnector.config.keys.KeyFixtures.served;
import static io.ehrconnector.config.keys.KeyFixtures.servedKids;
import static io.ehrconnector.events.ConnectorKeyRing.Key.Status.ACTIVE;
import static io.ehrconnector.events.ConnectorKeyRing.Key.Status.NEXT;
import static io.ehrconnector.events.ConnectorKeyRing.Key.Status.PREVIOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every change of an environment's keys puts its ring on the connector-keys topic (through the outbox, real Kafka): the keys
 * /jwks serves, in its order, with private keys that open with the master key, under a version that only grows.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
class KeyRingPublicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    ConnectorKeyService keys;

    @Inject
    SealedKeyCipher cipher;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void theFirstKeyARotationItsActivationAndARetirementEachPublishTheRingThatJwksServes() throws Exception {
        Environment production = Environment.PRODUCTION;
        reset(production);
        ConnectorSigningKey first = await(() -> keys.activeSigningKey(production));

        ConnectorKeyRing created = awaitRingAsServed(production);
        assertRing(created, first, List.of(ACTIVE));

        ConnectorKeyView next = await(() -> keys.rotate(production));
        ConnectorKeyRing rotating = awaitRingAsServed(production);
        assertRing(rotating, first, List.of(ACTIVE, NEXT));
        openPrivateKey(rotating.keys().get(1), production);

        Instant due = next.activateAt().toInstant();
        await(() -> keys.advance(due));
        ConnectorSigningKey second = await(() -> keys.activeSigningKey(production));
        assertEquals(next.kid(), second.kid());
        ConnectorKeyRing activated = awaitRingAsServed(production);
        assertRing(activated, second, List.of(ACTIVE, PREVIOUS));

        await(() -> keys.advance(due.plus(Duration.ofDays(7))));
        ConnectorKeyRing retired = awaitRingAsServed(production);
        assertRing(retired, second, List.of(ACTIVE));

        List<Long> versions = List.of(created.version(), rotating.version(), activated.version(), retired.version());
        assertEquals(versions.stream().sorted().distinct().toList(), versions, "versions only grow");
    }

    @Test
    void afterAStartTheRingOfAnEnvironmentWithKeysIsPublishedAgainAndNoneWithoutKeys() throws Exception {
        reset(Environment.TEST);
        ConnectorSigningKey active = await(() -> keys.activeSigningKey(Environment.PRODUCTION));
        long before = awaitRingAsServed(Environment.PRODUCTION).version();
        Optional<Long> testBefore = newestRing(Environment.TEST).map(ConnectorKeyRing::version);

        await(() -> keys.publishRings());

        ConnectorKeyRing again = awaitRing(Environment.PRODUCTION, ring -> ring.version() > before);
        assertRing(again, active, List.of(ACTIVE));
        assertEquals(testBefore, newestRing(Environment.TEST).map(ConnectorKeyRing::version),
                "no ring for an environment without keys");
    }

    /** The ring, its CloudEvent and its record match the served JWK Set; its ACTIVE key opens to {@code active}'s private key. */
    private void assertRing(ConnectorKeyRing ring, ConnectorSigningKey active, List<ConnectorKeyRing.Key.Status> statuses)
            throws Exception {
        Environment environment = ring.environment();
        List<JWK> served = served(environment).getKeys();
        assertEquals(served.stream().map(JWK::toJSONObject).toList(),
                ring.keys().stream().map(key -> parse(key.publicJwk()).toJSONObject()).toList());
        assertEquals(statuses, ring.keys().stream().map(ConnectorKeyRing.Key::status).toList());
        assertTrue(ring.keys().stream().allMatch(key -> "ES384".equals(key.algorithm())));

        ConnectorKeyRing.Key signing = ring.activeKey().orElseThrow();
        assertEquals(active.kid(), signing.kid());
        assertEquals(active.jwk().toJSONObject(), openPrivateKey(signing, environment).toJSONObject());
        assertThrows(GeneralSecurityException.class, () -> new SealedKeyCipher(KeyFixtures.randomMasterKey(), true)
                .open(Base64.getDecoder().decode(signing.sealedPrivateKey()), signing.kid(), environment));
    }

    private JWK openPrivateKey(ConnectorKeyRing.Key key, Environment environment) throws Exception {
        return SigningJwks.open(cipher, key.publicJwk(), Base64.getDecoder().decode(key.sealedPrivateKey()), key.kid(),
                environment);
    }

    /** The newest ring of {@code environment} on the topic, once it holds the keys /jwks serves now. */
    private static ConnectorKeyRing awaitRingAsServed(Environment environment) {
        List<String> kids = servedKids(environment);
        return awaitRing(environment, ring -> ring.keys().stream().map(ConnectorKeyRing.Key::kid).toList().equals(kids));
    }

    private static ConnectorKeyRing awaitRing(Environment environment, Predicate<ConnectorKeyRing> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ConnectorKeyRing> newest = newestRing(environment);
            if (newest.isPresent() && wanted.test(newest.get())) {
                return newest.get();
            }
            sleep();
        }
        throw new AssertionError("no such ring of " + environment + " on " + Topics.CONNECTOR_KEYS + "; newest: "
                + newestRing(environment).map(ring -> ring.version() + " " + ring.keys().stream()
                .map(k -> k.kid() + ":" + k.status()).toList()).orElse("none"));
    }

    /** The ring of {@code environment} with the highest version on the topic, checking the record's key and subject. */
    private static Optional<ConnectorKeyRing> newestRing(Environment environment) {
        return kafka.readAll(Topics.CONNECTOR_KEYS).stream()
                .filter(record -> environment.name().equals(record.key()))
                .map(KeyRingPublicationTest::ring)
                .filter(ring -> ring.environment() == environment)
                .max(Comparator.comparingLong(ConnectorKeyRing::version));
    }

    private static ConnectorKeyRing ring(ConsumerRecord<String, String> record) {
        assertEquals(CloudEvent.STRUCTURED_CONTENT_TYPE, KafkaTestClient.header(record, CloudEvent.CONTENT_TYPE_HEADER));
        CloudEvent<ConnectorKeyRing> event = CloudEventCodec.fromJson(record.value(), EventType.CONNECTOR_KEYS_PUBLISHED,
                ConnectorKeyRing.class);
        assertEquals(record.key(), event.subject());
        return event.data();
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JWK", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
