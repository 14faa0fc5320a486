package io.ehrconnector.config.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.Failures;
import io.ehrconnector.support.keys.ClientAssertions;
import io.ehrconnector.support.keys.SealedKeyCipher;
import io.ehrconnector.support.keys.SigningJwks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The connector's signing keys for SMART Backend Services, one key set per Epic environment (Epic registers one JWK Set URL
 * per app and environment): the key that signs {@code private_key_jwt} client assertions (RFC 7523), and the public keys
 * published at {@code /jwks/test} and {@code /jwks/production} ({@link JwksResource}).
 *
 * <h2>Rotation: publish, then activate</h2>
 * Epic verifies a client assertion with the key of the JWT's {@code kid} from its copy of our JWK Set, and that copy may be
 * minutes or hours old. A new key must therefore be in the set Epic holds <em>before</em> it signs anything, and an old key
 * must stay there <em>after</em> it stopped signing. A key goes through:
 * <pre>
 *   NEXT ──(activate_at)──▶ ACTIVE ──(next key activates)──▶ PREVIOUS ──(retire_at)──▶ RETIRED
 *   published, not signing   signs, published               published, not signing     not published, private key destroyed
 * </pre>
 * <ul>
 *   <li>{@link #rotate} creates a NEXT key, published at once and activated {@code ehr.keys.prepublish} later (default one
 *       hour, twelve times the JWK Set's {@code max-age} of five minutes), so any verifier that refreshes within that time
 *       already knows the key when the first assertion signed with it arrives. We do not rely on Epic refetching the set when
 *       it meets an unknown {@code kid}. One rotation may be pending at a time (a second one is refused, 409).</li>
 *   <li>When the NEXT key activates, the ACTIVE key becomes PREVIOUS with {@code retire_at} = activation +
 *       {@code ehr.keys.overlap} (default seven days), and stays published so that anything signed just before the switch
 *       still verifies. Its private key is kept until retirement so an operator could still go back to it.</li>
 *   <li>At {@code retire_at} the PREVIOUS key becomes RETIRED: out of the set, its sealed private key deleted; the row stays
 *       as a record.</li>
 *   <li>With {@code ehr.keys.prepublish=PT0S} a rotation is immediate (new key ACTIVE, old one PREVIOUS at once), for a
 *       verifier known to refetch on an unknown kid. A rotation of an environment that has no key yet is always immediate.</li>
 * </ul>
 * The transitions that fall due are made by {@link #advance}, run every minute by the scheduler on every replica.
 *
 * <h2>The key ring on Kafka</h2>
 * launch-service signs client assertions too, with the same ACTIVE key. Every change of an environment's keys (first key,
 * rotation, activation, retirement: whatever changes its JWK Set) enqueues the environment's ring, private keys still sealed,
 * in the transactional outbox in the same transaction ({@link KeyRingPublisher}). Each replica also publishes every ring once
 * after it started ({@link #publishRings}, on the first scheduled run), so an installation that had keys before rings existed
 * publishes them, and a lost ring is repaired by a restart.
 *
 * <h2>Concurrency</h2>
 * Every change of an environment's keys (first key, rotation, activation, retirement) runs in one transaction that first
 * takes a PostgreSQL advisory lock for that environment; each change is a conditional update. Replicas that start together
 * and all find no key generate a candidate each, then queue on the lock: the first inserts its key, the others read that key
 * under the lock and drop their candidate. The partial unique index {@code connector_key_one_active} is the database's own
 * guarantee of at most one ACTIVE key per environment.
 *
 * <h2>Secrets</h2>
 * Private keys are stored sealed by {@link SealedKeyCipher} and opened only in memory when a signing key is asked for
 * (no cache, so a rotation on another replica takes effect at the next signature). They leave the service only sealed, in
 * the key ring. Key material is never logged; logs name environments and kids only.
 */
@WithSession
@ApplicationScoped
public class ConnectorKeyService {

    private final ConnectorKeyRepository keys;
    private final SealedKeyCipher cipher;
    private final KeyRingPublisher rings;
    private final KeysConfig config;
    private final Vertx vertx;
    /** Whether this replica has published every environment's ring since it started. */
    private volatile boolean ringsPublishedSinceStart;

    ConnectorKeyService(ConnectorKeyRepository keys, SealedKeyCipher cipher, KeyRingPublisher rings, KeysConfig config,
                        Vertx vertx) {
        this.keys = keys;
        this.cipher = cipher;
        this.rings = rings;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * The key that signs for {@code environment} now, private part decrypted in memory. Creates the environment's first key
     * if it has none (safe when replicas race).
     */
    public Uni<ConnectorSigningKey> activeSigningKey(Environment environment) {
        return ensureActive(environment).map(this::open);
    }

    /**
     * A {@code private_key_jwt} client assertion (RFC 7523, SMART Backend Services) signed with the active key of
     * {@code environment}: header {@code alg} and {@code kid} of that key, {@code typ} JWT; claims {@code iss} = {@code sub} =
     * {@code clientId}, {@code aud} = {@code tokenEndpoint}, a random {@code jti}, {@code iat}, and {@code exp}
     * {@link ClientAssertions#LIFETIME} later. Send it as {@code client_assertion} with {@code client_assertion_type}
     * {@code urn:ietf:params:oauth:client-assertion-type:jwt-bearer}; it is meant for one token request.
     */
    public Uni<String> signClientAssertion(Environment environment, String clientId, String tokenEndpoint) {
        if (clientId == null || clientId.isBlank() || tokenEndpoint == null || tokenEndpoint.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("clientId and tokenEndpoint are required"));
        }
        return activeSigningKey(environment).map(key -> clientAssertion(key, clientId, tokenEndpoint, Instant.now()));
    }

    /**
     * The public keys of {@code environment}'s JWK Set: the ACTIVE key, a NEXT key if a rotation is pending, and PREVIOUS keys
     * still in their overlap. Public members only. Creates the first key if there is none, so the set is never empty.
     */
    public Uni<JWKSet> publicKeys(Environment environment) {
        return ensureActive(environment)
                .flatMap(active -> keys.listPublished(environment))
                .map(published -> new JWKSet(published.stream().map(ConnectorKeyService::publicJwk).toList()));
    }

    /** Every key {@code environment} has had, newest first, without key material. */
    public Uni<List<ConnectorKeyView>> listKeys(Environment environment) {
        return keys.listAll(environment).map(all -> all.stream().map(ConnectorKey::view).toList());
    }

    /**
     * Starts a rotation of {@code environment}'s key: a new key of the configured algorithm, published at once and signing
     * from {@code ehr.keys.prepublish} on (status NEXT); immediately ACTIVE when that is zero or when the environment had no
     * key. Fails with {@link RotationPendingException} while an earlier rotation is still pending.
     */
    public Uni<ConnectorKeyView> rotate(Environment environment) {
        return rotate(environment, config.prepublish());
    }

    /** {@link #rotate(Environment)} with the given pre-publication time instead of {@code ehr.keys.prepublish}. */
    Uni<ConnectorKeyView> rotate(Environment environment, Duration prepublish) {
        // Checked first to spare a key generation, and again under the lock, where it counts.
        return keys.findNext(environment)
                .flatMap(pending -> pending != null
                        ? Uni.createFrom().<ConnectorKey>failure(new RotationPendingException(pending.view()))
                        : generate(environment, config.algorithm()))
                .flatMap(candidate -> Panache.withTransaction(() -> storeRotation(environment, candidate, prepublish)
                        .call(stored -> rings.enqueue(environment))))
                .invoke(key -> Log.infof("connector key %s (%s) created for %s as %s", key.kid, key.algorithm, environment,
                        key.status))
                .map(ConnectorKey::view);
    }

    private Uni<ConnectorKey> storeRotation(Environment environment, ConnectorKey candidate, Duration prepublish) {
        return keys.lockEnvironment(environment)
                .flatMap(locked -> keys.findNext(environment))
                .flatMap(pending -> pending != null
                        ? Uni.createFrom().failure(new RotationPendingException(pending.view()))
                        : keys.findActive(environment))
                .flatMap(active -> {
                    OffsetDateTime now = now();
                    candidate.createdAt = now;
                    if (active == null) {
                        return insertActive(candidate, now);
                    }
                    if (prepublish.isZero() || prepublish.isNegative()) {
                        return keys.demoteActive(environment, now.plus(config.overlap()))
                                .flatMap(demoted -> insertActive(candidate, now));
                    }
                    candidate.status = KeyStatus.NEXT;
                    candidate.activateAt = now.plus(prepublish);
                    return keys.persist(candidate);
                });
    }

    /**
     * Runs {@link #advance(Instant)} every minute, after {@link #publishRings} on the first run since this replica started; a
     * failure is logged and retried at the next run.
     */
    @Scheduled(identity = "connector-keys", every = "${ehr.keys.check-every:60s}", delayed = "${ehr.keys.check-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> advanceOnSchedule() {
        Uni<Void> ringsAfterStart = ringsPublishedSinceStart ? Uni.createFrom().voidItem()
                : publishRings().invoke(() -> ringsPublishedSinceStart = true);
        return ringsAfterStart.chain(() -> advance(Instant.now()))
                .onFailure().invoke(e -> Log.warnf("connector key transitions failed, will retry: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Enqueues the current ring of every environment that has keys, as it stands (a new version of the same keys; consumers
     * simply replace what they hold). What a replica does once after it started.
     */
    Uni<Void> publishRings() {
        Uni<Void> published = Uni.createFrom().voidItem();
        for (Environment environment : Environment.values()) {
            published = published.chain(() -> Panache.withTransaction(() -> keys.lockEnvironment(environment)
                    .chain(() -> rings.enqueue(environment))));
        }
        return published;
    }

    /**
     * Makes the transitions due at {@code now} in every environment: a NEXT key whose {@code activate_at} has come becomes
     * ACTIVE (and the ACTIVE key PREVIOUS until {@code now + overlap}); PREVIOUS keys whose {@code retire_at} has come are
     * RETIRED. Returns how many keys changed state.
     */
    Uni<Integer> advance(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Uni<Integer> changed = Uni.createFrom().item(0);
        for (Environment environment : Environment.values()) {
            changed = changed.flatMap(sum -> advance(environment, at).map(n -> sum + n));
        }
        return changed;
    }

    private Uni<Integer> advance(Environment environment, OffsetDateTime now) {
        return Panache.withTransaction(() -> keys.lockEnvironment(environment)
                .flatMap(locked -> keys.findNext(environment))
                .flatMap(next -> next == null || next.activateAt.isAfter(now)
                        ? Uni.createFrom().item(0)
                        : keys.demoteActive(environment, now.plus(config.overlap()))
                                .flatMap(demoted -> keys.activateNext(environment, next.id, now)
                                        .invoke(activated -> Log.infof("connector key %s now signs for %s", next.kid, environment))
                                        .map(activated -> demoted + activated)))
                .flatMap(activations -> keys.retireDue(environment, now)
                        .invoke(retired -> {
                            if (retired > 0) {
                                Log.infof("%d connector key(s) of %s retired", retired, environment);
                            }
                        })
                        .map(retired -> activations + retired))
                .call(changed -> changed > 0 ? rings.enqueue(environment) : Uni.createFrom().voidItem()));
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    /** The ACTIVE key of {@code environment}, created if there is none. */
    private Uni<ConnectorKey> ensureActive(Environment environment) {
        return keys.findActive(environment).flatMap(active -> active != null
                ? Uni.createFrom().item(active)
                : generate(environment, config.algorithm()).flatMap(candidate -> Panache.withTransaction(
                        () -> keys.lockEnvironment(environment)
                                .flatMap(locked -> keys.findActive(environment))
                                .flatMap(winner -> {
                                    if (winner != null) {
                                        return Uni.createFrom().item(winner);
                                    }
                                    OffsetDateTime now = now();
                                    candidate.createdAt = now;
                                    return insertActive(candidate, now)
                                            .call(key -> rings.enqueue(environment))
                                            .invoke(key -> Log.infof("first connector key %s (%s) created for %s", key.kid,
                                                    key.algorithm, environment));
                                }))));
    }

    private Uni<ConnectorKey> insertActive(ConnectorKey key, OffsetDateTime now) {
        key.status = KeyStatus.ACTIVE;
        key.activatedAt = now;
        return keys.persist(key);
    }

    /** A new key pair, sealed, not yet stored; made on a worker thread (an RSA key takes up to a second). */
    private Uni<ConnectorKey> generate(Environment environment, KeyAlgorithm algorithm) {
        return vertx.executeBlocking(() -> newKey(environment, algorithm), false);
    }

    private ConnectorKey newKey(Environment environment, KeyAlgorithm algorithm) throws JOSEException {
        JWK jwk = algorithm.generate();
        byte[] pkcs8 = algorithm.pkcs8(jwk);
        try {
            ConnectorKey key = new ConnectorKey();
            key.id = UUID.randomUUID();
            key.environment = environment;
            key.kid = jwk.getKeyID();
            key.algorithm = algorithm;
            key.publicJwk = jwk.toPublicJWK().toJSONString();
            key.privateKeyEncrypted = cipher.seal(pkcs8, key.kid, environment);
            return key;
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private ConnectorSigningKey open(ConnectorKey key) {
        try {
            JWK jwk = SigningJwks.open(cipher, key.publicJwk, key.privateKeyEncrypted, key.kid, key.environment);
            return new ConnectorSigningKey(key.environment, key.kid, key.algorithm.jws(), jwk);
        } catch (GeneralSecurityException | ParseException e) {
            throw new KeyUnavailableException("the private key of " + key.environment + " key " + key.kid
                    + " does not open with the configured ehr.keys.master-key; rotate to make a new key", e);
        }
    }

    private static JWK publicJwk(ConnectorKey key) {
        try {
            return JWK.parse(key.publicJwk).toPublicJWK();
        } catch (ParseException e) {
            throw new IllegalStateException("stored public JWK of " + key.kid + " does not parse", e);
        }
    }

    static String clientAssertion(ConnectorSigningKey key, String clientId, String tokenEndpoint, Instant now) {
        return ClientAssertions.sign(key.jwk(), clientId, tokenEndpoint, now);
    }

    /** Now, in PostgreSQL's precision (microseconds), so what is computed and what is stored are the same instant. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A rotation was asked for while an earlier one is still pending (its key is NEXT). */
    public static final class RotationPendingException extends RuntimeException {

        private final transient ConnectorKeyView pending;

        RotationPendingException(ConnectorKeyView pending) {
            super("a rotation of " + pending.environment() + " is pending until " + pending.activateAt());
            this.pending = pending;
        }

        public ConnectorKeyView pending() {
            return pending;
        }
    }

    /** The active key cannot be used (its private key does not decrypt with the configured master key). */
    public static final class KeyUnavailableException extends RuntimeException {

        KeyUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
