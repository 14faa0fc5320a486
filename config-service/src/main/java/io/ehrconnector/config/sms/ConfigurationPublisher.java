package io.ehrconnector.config.sms;

import io.ehrconnector.config.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a configuration again after its SMS settings changed: locks it, bumps its version without touching its approval,
 * records the tenant's history with {@code reason}, and enqueues the new snapshot (which carries
 * {@link SmsSettingsService#snapshotSettings}) in the outbox. Called inside the transaction that made the SMS change, so
 * the change, its history and its event commit together. Implemented by
 * {@link io.ehrconnector.config.service.ConfigurationService}.
 */
public interface ConfigurationPublisher {

    Uni<Void> republish(Caller caller, String configurationId, String reason);
}
