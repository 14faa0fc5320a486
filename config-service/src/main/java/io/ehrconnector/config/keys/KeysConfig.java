package io.ehrconnector.config.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Settings of the connector's signing keys ({@code ehr.keys.*}). */
@ConfigMapping(prefix = "ehr.keys")
interface KeysConfig {

    /** Algorithm of keys created from now on (existing keys keep theirs until rotated): ES384 or RS384 (RSA 3072). */
    @WithDefault("ES384")
    KeyAlgorithm algorithm();

    /**
     * Base64 of the 32-byte AES-256 key that seals the private keys, read and checked at start by
     * {@link io.ehrconnector.support.keys.SealedKeyCipher} (named here because this mapping owns {@code ehr.keys}). A secret:
     * production sets it from a Kubernetes Secret as {@code EHR_KEYS_MASTER_KEY}, the same value for launch-service; the
     * service does not start without it. Losing it loses every private key (the connector then rotates to new keys, and the
     * old JWK Set entries simply age out).
     */
    Optional<String> masterKey();

    /**
     * How long a key stays published after it stopped signing (state PREVIOUS), so that whatever was signed just before a
     * rotation, and any verifier that has not refreshed yet, still verifies.
     */
    @WithDefault("P7D")
    Duration overlap();

    /**
     * How long a new key is published before it starts signing (state NEXT). It must exceed how long any verifier (Epic)
     * may keep an older copy of the JWK Set: the set is served with {@code max-age} of five minutes; the default leaves a
     * wide margin for verifiers that cache longer. Zero makes a rotation take effect at once (for a verifier known to refetch
     * the set when it meets an unknown kid).
     */
    @WithDefault("PT1H")
    Duration prepublish();

    /**
     * Entra tenant ids ({@code tid}) whose {@code Connector.Admin} users may rotate keys: the operator's own tenant. The keys
     * are the connector's, shared by every hospital, while every hospital's tenant can grant Connector.Admin to its own
     * people; set this so that a hospital's admin cannot rotate the keys all hospitals depend on. Unset: nobody may rotate.
     */
    Optional<Set<String>> adminTenants();
}
