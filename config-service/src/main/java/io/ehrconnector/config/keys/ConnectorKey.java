package io.ehrconnector.config.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One of the connector's signing key pairs for one Epic environment (table {@code connector_key}, see
 * {@code V2__connector_keys.sql}). Inserted once; its state changes are made by conditional update statements in
 * {@link ConnectorKeyRepository}, never by changing a loaded instance.
 */
@Entity
@Table(name = "connector_key")
public class ConnectorKey {

    @Id
    UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Environment environment;

    /** RFC 7638 thumbprint of the public key. */
    @Column(nullable = false, unique = true)
    String kid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    KeyAlgorithm algorithm;

    /** The public JWK as JSON; never a private member. */
    @Column(name = "public_jwk", nullable = false)
    String publicJwk;

    /** The PKCS#8 private key sealed by {@link io.ehrconnector.support.keys.SealedKeyCipher}; null once retired. */
    @Column(name = "private_key_encrypted")
    byte[] privateKeyEncrypted;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    KeyStatus status;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    @Column(name = "activate_at")
    OffsetDateTime activateAt;

    @Column(name = "activated_at")
    OffsetDateTime activatedAt;

    @Column(name = "retire_at")
    OffsetDateTime retireAt;

    @Column(name = "retired_at")
    OffsetDateTime retiredAt;

    ConnectorKeyView view() {
        return new ConnectorKeyView(environment, kid, algorithm.jws().getName(), status, createdAt, activateAt, activatedAt,
                retireAt, retiredAt);
    }

    @Override
    public String toString() {
        return "ConnectorKey[" + environment + " " + kid + " " + algorithm + " " + status + "]";
    }
}
