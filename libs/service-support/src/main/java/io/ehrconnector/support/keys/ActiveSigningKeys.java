package io.ehrconnector.support.keys;

import com.nimbusds.jose.jwk.JWK;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.support.keys.SealedKeyCipher;
import io.ehrconnector.support.keys.SigningJwks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACTIVE key of each environment's stored ring, unsealed, remembered in memory for {@code ehr.keys.signing-key-ttl} (60 s
 * by default) so that a signature does not read and decrypt the ring each time. A newer ring received by this replica
 * replaces it at once ({@link ConnectorKeyRingChanged}); other replicas take it up when their copy expires, and meanwhile
 * sign with the previous key, which config-service keeps published for a week after it stopped signing.
 */
@ApplicationScoped
@IfBuildProperty(name = ClientAssertionSigner.ENABLED, stringValue = "true")
class ActiveSigningKeys {

    private final ConnectorKeyRingRepository rings;
    private final SealedKeyCipher cipher;
    private final Duration ttl;
    private final String service;
    private final Map<Environment, Remembered> remembered = new ConcurrentHashMap<>();

    ActiveSigningKeys(ConnectorKeyRingRepository rings, SealedKeyCipher cipher,
                      @ConfigProperty(name = "ehr.keys.signing-key-ttl", defaultValue = "PT60S") Duration ttl,
                      @ConfigProperty(name = "quarkus.application.name") String service) {
        this.rings = rings;
        this.cipher = cipher;
        this.ttl = ttl;
        this.service = service;
    }

    /** The private JWK (with kid and alg) that signs for {@code environment} now; fails with {@link NoSigningKeyException}. */
    Uni<JWK> of(Environment environment) {
        Instant now = Instant.now();
        Remembered known = remembered.get(environment);
        if (known != null && now.isBefore(known.until())) {
            return Uni.createFrom().item(known.key());
        }
        return Panache.withSession(() -> rings.find(environment))
                .map(ring -> open(environment, ring.orElseThrow(() -> NoSigningKeyException.noRing(service, environment))))
                .invoke(key -> remembered.put(environment, new Remembered(key, now.plus(ttl))));
    }

    void forget(@Observes ConnectorKeyRingChanged changed) {
        remembered.remove(changed.environment());
    }

    private JWK open(Environment environment, ConnectorKeyRing ring) {
        ConnectorKeyRing.Key active = ring.activeKey()
                .orElseThrow(() -> NoSigningKeyException.noActiveKey(environment, ring.version()));
        try {
            return SigningJwks.open(cipher, active.publicJwk(), Base64.getDecoder().decode(active.sealedPrivateKey()),
                    active.kid(), environment);
        } catch (GeneralSecurityException | ParseException | IllegalArgumentException e) {
            // The class only: these messages are not meant for logs (a parse error may quote its input).
            throw NoSigningKeyException.doesNotOpen(service, environment, active.kid(),
                    e.getClass().getSimpleName());
        }
    }

    /** An unsealed key and until when it may be used without looking at the stored ring again. */
    private record Remembered(JWK key, Instant until) {

        @Override
        public String toString() {
            return "Remembered[kid=" + key.getKeyID() + ", until=" + until + "]";
        }
    }
}
