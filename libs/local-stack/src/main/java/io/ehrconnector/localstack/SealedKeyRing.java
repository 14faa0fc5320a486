package io.ehrconnector.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.keys.SealedKeyCipher;
import io.ehrconnector.testing.KafkaTestClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * The connector's key ring as config-service publishes it when it needs no config-service: one fresh ES384 key, ACTIVE, its
 * private key sealed with service-support's {@link SealedKeyCipher} under the given master key (the one launch-service gets
 * as {@code EHR_KEYS_MASTER_KEY}).
 *
 * @param ring       what goes on the connector-keys topic
 * @param publicKeys its public keys, as config-service serves them at {@code /jwks/<environment>} (what Epic verifies with)
 */
record SealedKeyRing(ConnectorKeyRing ring, JWKSet publicKeys) {

    static SealedKeyRing activeOnly(Environment environment, String base64MasterKey) {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384)
                    .keyIDFromThumbprint(true).generate();
            byte[] sealed = new SealedKeyCipher(base64MasterKey, false)
                    .seal(key.toPrivateKey().getEncoded(), key.getKeyID(), environment);
            ConnectorKeyRing.Key active = new ConnectorKeyRing.Key(key.getKeyID(), JWSAlgorithm.ES384.getName(),
                    ConnectorKeyRing.Key.Status.ACTIVE, key.toPublicJWK().toJSONString(),
                    Base64.getEncoder().encodeToString(sealed));
            return new SealedKeyRing(new ConnectorKeyRing(environment, 1, List.of(active), OffsetDateTime.now(ZoneOffset.UTC)),
                    new JWKSet(key.toPublicJWK()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an ES384 key", e);
        }
    }

    /** Sends the ring to the connector-keys topic as config-service does (record key: the environment's name). */
    void publish(KafkaTestClient kafka) {
        kafka.send(ring.environment().name(), CloudEvent.of(EventType.CONNECTOR_KEYS_PUBLISHED,
                CloudEvent.serviceSource("config-service"), ring.environment().name(), ring.updatedAt(), ring));
    }
}
