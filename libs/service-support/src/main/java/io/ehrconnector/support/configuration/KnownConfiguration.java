package io.ehrconnector.support.configuration;

import io.ehrconnector.events.ConfigurationSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * This service's copy of one configuration, as last published by config-service. Services decide with it (is this {@code iss}
 * approved? does this message belong to a known configuration? is SMS on?) without calling config-service.
 */
@Entity
@Table(name = "known_configuration")
public class KnownConfiguration {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConfigurationSnapshot.Environment environment;

    @Column(name = "fhir_base_url", nullable = false)
    public String fhirBaseUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConfigurationSnapshot.Status status;

    @Column(nullable = false)
    public long version;

    /** The whole snapshot as published (CloudEvent data JSON), for settings that have no column of their own. */
    @Column(name = "snapshot_json", nullable = false)
    public String snapshotJson;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The snapshot as published (parsed once per stored JSON, see {@link ParsedSnapshots}). */
    public ConfigurationSnapshot snapshot() {
        return ParsedSnapshots.of(configurationId, snapshotJson);
    }
}
