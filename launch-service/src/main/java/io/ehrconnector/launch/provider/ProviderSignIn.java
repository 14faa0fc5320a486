package io.ehrconnector.launch.provider;

import io.ehrconnector.launch.smart.LaunchApp;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A provider's first launch waiting for the Entra ID sign-in (see V4__provider_account.sql). */
@Entity
@Table(name = "provider_sign_in")
public class ProviderSignIn {

    @Id
    @Column(name = "state_hash")
    public String stateHash;

    @Column(name = "binding_hash", nullable = false)
    public String bindingHash;

    @Column(name = "configuration_id", nullable = false)
    public String configurationId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "ehr_user_id", nullable = false)
    public String ehrUserId;

    @Column(name = "meeting_key", nullable = false)
    public String meetingKey;

    /** PROVIDER or GROUP: how the launch goes on after the sign-in. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LaunchApp app;

    @Column(name = "code_verifier", nullable = false)
    public String codeVerifier;

    @Column(nullable = false)
    public String nonce;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;
}
