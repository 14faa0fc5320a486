package io.ehrconnector.config.rest;

import io.ehrconnector.config.entity.ConfigurationChange;

import java.time.OffsetDateTime;

/** One entry of the tenant's change history. */
public record ChangeView(OffsetDateTime occurredAt, String configurationId, ConfigurationChange.Action action,
                         String actorUsername, String details) {

    static ChangeView of(ConfigurationChange change) {
        return new ChangeView(change.occurredAt, change.configurationId, change.action, change.actorUsername, change.details);
    }
}
