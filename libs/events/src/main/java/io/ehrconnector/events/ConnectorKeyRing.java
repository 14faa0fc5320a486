package io.ehrconnector.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;
import static io.ehrconnector.events.ContractViolation.requiredList;

/**
 * The connector's signing keys of one Epic environment: the keys of its JWK Set ({@code /jwks/test}, {@code /jwks/production})
 * with their private halves <em>sealed</em> under the master key ({@code ehr.keys.master-key}), so that every service that signs
 * client assertions signs with the same key Epic verifies. Published by config-service on {@link Topics#CONNECTOR_KEYS}
 * (compacted, key = the environment's name) whenever the environment's keys change; the newest {@code version} wins.
 *
 * <p>A private key never travels in clear: it opens only with the master key, which is never on the wire, and only for the
 * kid and environment it was sealed for.
 *
 * @param environment the Epic environment whose keys these are
 * @param version     0 or more, increases with every change of this environment's keys; consumers ignore a version not newer
 *                    than the one they hold
 * @param keys        every key of the environment's JWK Set, in the set's order; at most one {@link Key.Status#ACTIVE} and at
 *                    most one {@link Key.Status#NEXT}, kids unique
 * @param updatedAt   when this version was made
 */
public record ConnectorKeyRing(
        Environment environment,
        long version,
        List<Key> keys,
        OffsetDateTime updatedAt) {

    public ConnectorKeyRing {
        required(environment, "environment");
        check(version >= 0, "version", "is negative");
        keys = requiredList(keys, "keys");
        required(updatedAt, "updatedAt");
        check(keys.stream().filter(k -> k.status() == Key.Status.ACTIVE).count() <= 1, "keys", "has more than one ACTIVE key");
        check(keys.stream().filter(k -> k.status() == Key.Status.NEXT).count() <= 1, "keys", "has more than one NEXT key");
        Set<String> kids = new HashSet<>();
        check(keys.stream().allMatch(k -> kids.add(k.kid())), "keys", "has the same kid twice");
    }

    /** The key that signs now, if the ring has one. */
    public Optional<Key> activeKey() {
        return keys.stream().filter(k -> k.status() == Key.Status.ACTIVE).findFirst();
    }

    /**
     * One key of the ring.
     *
     * @param kid              key id (RFC 7638 thumbprint), as in the JWK Set and in the JWS header of what it signs
     * @param algorithm        its JWS algorithm, e.g. {@code ES384} or {@code RS384}
     * @param status           {@link Status#ACTIVE} signs; {@link Status#NEXT} is published and will sign after a rotation;
     *                         {@link Status#PREVIOUS} is still published for verifiers but no longer signs
     * @param publicJwk        the public JWK as JSON, exactly as the JWK Set serves it; never a private member
     * @param sealedPrivateKey base64 of the PKCS#8 private key sealed with AES-256-GCM under the master key: 12-byte nonce,
     *                         ciphertext, 16-byte tag, with the additional authenticated data {@code "<kid>/<ENVIRONMENT>"}
     */
    public record Key(
            String kid,
            String algorithm,
            Status status,
            String publicJwk,
            String sealedPrivateKey) {

        /** JWK members that hold private key material (RFC 7518 section 6); a public JWK has none of them. */
        private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

        /** Where the key is in its life; a closed set (retired keys are not in the ring). */
        public enum Status { ACTIVE, NEXT, PREVIOUS }

        public Key {
            required(kid, "kid");
            required(algorithm, "algorithm");
            required(status, "status");
            check(isPublicJwk(required(publicJwk, "publicJwk")), "publicJwk",
                    "is not a public JWK (a JSON object without private members)");
            required(sealedPrivateKey, "sealedPrivateKey");
        }

        // Checked here, not only in the schema: a private JWK put here by mistake would publish the key in clear.
        private static boolean isPublicJwk(String json) {
            try {
                JsonNode jwk = CloudEventCodec.mapper().readTree(json);
                return jwk != null && jwk.isObject() && PRIVATE_MEMBERS.stream().noneMatch(jwk::has);
            } catch (JsonProcessingException e) {
                return false;
            }
        }
    }
}
