package io.ehrconnector.audit.quality;

import io.ehrconnector.audit.log.UnknownConfigurationException;
import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores one {@link CallQualityReported} event: the call record's newest version, with the tenant that owns its
 * configuration. No ledger of event ids is needed: the version decides, so a replay or an older version changes nothing.
 * An event of a configuration not received yet fails like one of the audited topics' (retried, then dead-lettered).
 */
@ApplicationScoped
class CallQualityIntake {

    static final String CONSUMER = "call-quality";

    private final KnownConfigurationRepository configurations;
    private final CallQualityRepository records;

    CallQualityIntake(KnownConfigurationRepository configurations, CallQualityRepository records) {
        this.configurations = configurations;
        this.records = records;
    }

    /** Applies one record's value; a malformed one fails with the reason (to be dead-lettered). */
    Uni<Void> apply(String json) {
        CloudEvent<CallQualityReported> event = CloudEventCodec.fromJson(json, EventType.CALL_QUALITY_REPORTED,
                CallQualityReported.class);
        return Panache.withTransaction(() -> configurations.findById(event.data().configurationId())
                        .flatMap(configuration -> configuration == null
                                ? Uni.createFrom().failure(new UnknownConfigurationException())
                                : records.storeIfNewer(CallQualityRecord.of(event, configuration.tenantId,
                                OffsetDateTime.now(ZoneOffset.UTC)))))
                .invoke(stored -> {
                    if (!stored) {
                        Log.debugf("call quality event %s is not newer than the stored version", event.id());
                    }
                })
                .replaceWithVoid();
    }
}
