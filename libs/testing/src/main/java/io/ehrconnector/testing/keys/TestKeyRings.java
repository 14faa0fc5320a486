package io.ehrconnector.testing.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.keys.SealedKeyCipher;
import io.ehrconnector.testing.KafkaTestClient;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Key rings as config-service publishes them, made by a test: fresh ES384 keys, sealed like config-service seals them, sent to
 * the real connector-keys topic. Any test of a service that signs with the connector's key (launch-service, audit-service)
 * publishes one this way. Needs service-support (for {@link SealedKeyCipher}), which this module only declares as optional.
 */
public final class TestKeyRings {

    /** Opens what the services open in tests: the %test master key. */
    public static final SealedKeyCipher TEST_MASTER_KEY = new SealedKeyCipher(SealedKeyCipher.DEV_TEST_MASTER_KEY, false);

    /** Versions above any ring published earlier in this JVM. */
    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis() * 1000);

    private TestKeyRings() {
    }

    /** A version newer than every one handed out before. */
    public static long nextVersion() {
        return VERSIONS.addAndGet(10);
    }

    /** A new ES384 signing key (P-384) with kid (its thumbprint), alg and use, as config-service makes them. */
    public static JWK newKey() {
        try {
            return new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code key} as a ring entry, its private key sealed with {@code cipher} for its kid and {@code environment}. */
    public static ConnectorKeyRing.Key ringKey(JWK key, ConnectorKeyRing.Key.Status status, Environment environment,
                                               SealedKeyCipher cipher) {
        byte[] pkcs8 = pkcs8(key);
        try {
            return new ConnectorKeyRing.Key(key.getKeyID(), key.getAlgorithm().getName(), status,
                    key.toPublicJWK().toJSONString(),
                    Base64.getEncoder().encodeToString(cipher.seal(pkcs8, key.getKeyID(), environment)));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    public static ConnectorKeyRing ring(Environment environment, long version, ConnectorKeyRing.Key... keys) {
        return new ConnectorKeyRing(environment, version, Arrays.asList(keys), OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** A ring of {@code environment} whose only key is {@code key}, ACTIVE, sealed under the %test master key. */
    public static ConnectorKeyRing activeOnly(Environment environment, JWK key) {
        return ring(environment, nextVersion(),
                ringKey(key, ConnectorKeyRing.Key.Status.ACTIVE, environment, TEST_MASTER_KEY));
    }

    /** Sends {@code ring} to the connector-keys topic as config-service does (record key = environment name). */
    public static CloudEvent<ConnectorKeyRing> publish(KafkaTestClient kafka, ConnectorKeyRing ring) {
        CloudEvent<ConnectorKeyRing> event = CloudEvent.of(EventType.CONNECTOR_KEYS_PUBLISHED,
                CloudEvent.serviceSource("config-service"), ring.environment().name(), ring.updatedAt(), ring);
        kafka.send(ring.environment().name(), event);
        return event;
    }

    /** The public keys of {@code ring}, as config-service serves them at /jwks/{environment}. */
    public static JWKSet publicKeys(ConnectorKeyRing ring) {
        return new JWKSet(ring.keys().stream().map(key -> {
            try {
                return JWK.parse(key.publicJwk());
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
    }

    /** A master key other than the %test one. */
    public static SealedKeyCipher otherMasterKey() {
        byte[] key = new byte[SealedKeyCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new SealedKeyCipher(Base64.getEncoder().encodeToString(key), false);
    }

    private static byte[] pkcs8(JWK key) {
        try {
            return ((ECKey) key).toPrivateKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
