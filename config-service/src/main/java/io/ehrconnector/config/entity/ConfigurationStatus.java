package io.ehrconnector.config.entity;

import io.ehrconnector.events.ConfigurationSnapshot;

/** Where a configuration stands. Only {@link #APPROVED} ones serve launches, messages and texts. */
public enum ConfigurationStatus {
    /** Registered or changed by the admin; waits for the named analyst's SMART validation and approval. */
    PENDING_APPROVAL,
    /** Validated and approved by the named analyst; in use. */
    APPROVED,
    /** Switched off by the admin; re-enabling needs a new approval. */
    DISABLED;

    public ConfigurationSnapshot.Status toEventStatus() {
        return ConfigurationSnapshot.Status.valueOf(name());
    }
}
