package io.ehrconnector.config.certificates;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.smallrye.mutiny.Uni;

/**
 * Publishes every configuration of the actor's tenant and {@code environment} again after its certificates changed (each
 * snapshot carries {@link EhrCertificateService#forSnapshot}), so hl7-ingest-service learns of an upload or a removal.
 * Called inside the transaction that made the change: the change and its events commit together. The certificate history
 * is the caller's to record. Implemented by {@link io.ehrconnector.config.service.ConfigurationService}.
 */
public interface CertificatePublisher {

    Uni<Void> republishEnvironment(Caller actor, Environment environment);
}
