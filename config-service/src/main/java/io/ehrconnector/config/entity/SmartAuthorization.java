package io.ehrconnector.config.entity;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A SMART authorization an analyst started to prove a FHIR base URL, waiting for Epic's redirect back. Keyed by the hash of
 * its {@code state}; lives for minutes and is deleted when used, successful or not.
 */
@Entity
@Table(name = "smart_authorization")
public class SmartAuthorization {

    @Id
    @Column(name = "state_hash")
    public String stateHash;

    /** Hash of the value of the cookie set in the browser that started it: the callback must come from that browser. */
    @Column(name = "binding_hash", nullable = false)
    public String bindingHash;

    @Column(name = "configuration_id", nullable = false)
    public String configurationId;

    /** The URL and environment the sign-in proves; a configuration edited meanwhile does not get the credit. */
    @Column(name = "fhir_base_url", nullable = false)
    public String fhirBaseUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Environment environment;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "analyst_object_id", nullable = false)
    public String analystObjectId;

    @Column(name = "analyst_username", nullable = false)
    public String analystUsername;

    /** The PKCE verifier; useless without the code Epic sends to the registered redirect URI only. */
    @Column(name = "code_verifier", nullable = false)
    public String codeVerifier;

    @Column(name = "token_endpoint", nullable = false)
    public String tokenEndpoint;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;
}
