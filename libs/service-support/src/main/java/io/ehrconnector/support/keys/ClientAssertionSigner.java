package io.ehrconnector.support.keys;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.keys.ClientAssertions;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Signs the connector's {@code private_key_jwt} client assertions (RFC 7523; SMART App Launch and Backend Services) for
 * the service's requests to an EHR's token endpoint (launch-service's code exchanges, audit-service's client credentials),
 * with the ACTIVE key of the environment: the key config-service publishes on the connector-keys topic and signs with
 * itself, which Epic verifies against the connector's JWK Set ({@code /jwks/test}, {@code /jwks/production}).
 */
@ApplicationScoped
@IfBuildProperty(name = ClientAssertionSigner.ENABLED, stringValue = "true")
public class ClientAssertionSigner {

    /**
     * Build-time property that gives a service the connector's key ring (the connector-keys consumer, the
     * {@code connector_key_ring} table it must create itself, and this signer); needs {@link SealedKeyCipher#ENABLED} too.
     */
    public static final String ENABLED = "ehr.key-ring.enabled";

    private final ActiveSigningKeys keys;

    ClientAssertionSigner(ActiveSigningKeys keys) {
        this.keys = keys;
    }

    /**
     * A compact JWS for one token request: header {@code alg} and {@code kid} of the key, {@code typ} JWT; claims
     * {@code iss} = {@code sub} = {@code clientId}, {@code aud} = {@code audience} (the token endpoint), a random {@code jti},
     * {@code iat} now and {@code exp} {@link ClientAssertions#LIFETIME} (four minutes) later. Send it as
     * {@code client_assertion} with {@code client_assertion_type} {@code urn:ietf:params:oauth:client-assertion-type:jwt-bearer}.
     *
     * <p>Fails with {@link NoSigningKeyException} when the environment's key ring has not reached this service, has no
     * ACTIVE key, or does not open with {@code ehr.keys.master-key}; with {@link IllegalArgumentException} when
     * {@code clientId} or {@code audience} is blank.
     */
    public Uni<String> sign(ConfigurationSnapshot.Environment environment, String clientId, String audience) {
        if (clientId == null || clientId.isBlank() || audience == null || audience.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("clientId and audience are required"));
        }
        return keys.of(environment).map(key -> ClientAssertions.sign(key, clientId, audience, Instant.now()));
    }
}
