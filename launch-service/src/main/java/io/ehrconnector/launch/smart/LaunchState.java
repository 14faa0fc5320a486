package io.ehrconnector.launch.smart;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One SMART launch between the redirect to Epic and Epic's redirect back (see V3__launch_state.sql). */
@Entity
@Table(name = "launch_state")
public class LaunchState {

    @Id
    @Column(name = "state_hash")
    public String stateHash;

    @Column(name = "binding_hash", nullable = false)
    public String bindingHash;

    @Column(name = "configuration_id", nullable = false)
    public String configurationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Environment environment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LaunchApp app;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public String issuer;

    @Column(name = "token_endpoint", nullable = false)
    public String tokenEndpoint;

    @Column(name = "jwks_uri", nullable = false)
    public String jwksUri;

    @Column(name = "code_verifier", nullable = false)
    public String codeVerifier;

    @Column(nullable = false)
    public String nonce;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;
}
