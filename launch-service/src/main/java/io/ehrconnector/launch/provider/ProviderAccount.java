package io.ehrconnector.launch.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** An EHR user linked to a Microsoft 365 user (see V4__provider_account.sql). */
@Entity
@Table(name = "provider_account")
@IdClass(ProviderAccount.Key.class)
public class ProviderAccount {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Id
    @Column(name = "ehr_user_id")
    public String ehrUserId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "m365_object_id", nullable = false)
    public String m365ObjectId;

    @Column(name = "linked_at", nullable = false)
    public OffsetDateTime linkedAt;

    @Column(name = "last_launch_at", nullable = false)
    public OffsetDateTime lastLaunchAt;

    public record Key(String configurationId, String ehrUserId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
