package io.ehrconnector.config.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * What an operator sees of a connector key: identity, algorithm, state and times; no key material.
 *
 * @param environment the Epic environment whose JWK Set the key belongs to
 * @param kid         the key id (RFC 7638 thumbprint) as in the JWK Set and in JWT headers
 * @param algorithm   the JWS algorithm, ES384 or RS384
 * @param status      NEXT, ACTIVE, PREVIOUS or RETIRED
 * @param createdAt   when the key was made (and published, unless it was made as the first ACTIVE key)
 * @param activateAt  NEXT only: when it will start signing
 * @param activatedAt when it started signing; null if it never did
 * @param retireAt    PREVIOUS (and RETIRED): when it stops (stopped) being published
 * @param retiredAt   RETIRED only: when it was taken out of the JWK Set and its private key destroyed
 */
@RegisterForReflection
public record ConnectorKeyView(Environment environment, String kid, String algorithm, KeyStatus status, OffsetDateTime createdAt,
                               OffsetDateTime activateAt, OffsetDateTime activatedAt, OffsetDateTime retireAt,
                               OffsetDateTime retiredAt) {
}
