package io.ehrconnector.config.certificates;

import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.config.entity.ConfigurationChange;
import io.ehrconnector.config.entity.ConfigurationChange.Action;
import io.ehrconnector.config.repository.ConfigurationChangeRepository;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Certificate changes as rows of the tenant's {@code configuration_change} history (shown by {@code GET /api/v1/history}),
 * without a configuration id: certificates belong to the tenant and environment, not to one FHIR configuration. Details are
 * the environment and the SHA-256 fingerprint, nothing else of the certificate.
 */
@ApplicationScoped
class ConfigurationChangeCertificateHistory implements CertificateHistory {

    private final ConfigurationChangeRepository changes;

    ConfigurationChangeCertificateHistory(ConfigurationChangeRepository changes) {
        this.changes = changes;
    }

    @Override
    public Uni<Void> record(Caller actor, Change change, Environment environment, String fingerprint) {
        ConfigurationChange entry = new ConfigurationChange();
        entry.tenantId = actor.tenantId();
        entry.configurationId = null;
        entry.action = action(change);
        entry.actorUsername = actor.username() != null ? actor.username() : actor.objectId();
        entry.actorObjectId = actor.objectId();
        entry.details = details(change, environment, fingerprint);
        entry.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        return changes.persist(entry).replaceWithVoid();
    }

    static Action action(Change change) {
        return switch (change) {
            case UPLOADED -> Action.CERTIFICATE_UPLOADED;
            case PREVIOUS_REMOVED -> Action.CERTIFICATE_REMOVED;
        };
    }

    /** {@code certificate test uploaded: AB:CD:...} or {@code certificate production previous removed: AB:CD:...}. */
    static String details(Change change, Environment environment, String fingerprint) {
        String what = switch (change) {
            case UPLOADED -> "uploaded";
            case PREVIOUS_REMOVED -> "previous removed";
        };
        return "certificate " + EnvironmentPaths.segment(environment) + " " + what + ": " + fingerprint;
    }
}
