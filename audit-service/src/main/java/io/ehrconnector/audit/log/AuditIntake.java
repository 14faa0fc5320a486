package io.ehrconnector.audit.log;

import io.ehrconnector.audit.report.VisitReports;
import io.ehrconnector.audit.writeback.EhrWriteQueue;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records one event of the audited topics: in one transaction, the audit row with the configuration's tenant, the visit's
 * report recomputed ({@link VisitReports}), and, for a connect, disconnect or device test of a visit of an approved
 * configuration, the EHR write-back in the queue. The audit log is its own ledger of processed events (keyed by event id,
 * kept as long as the audit rows): a redelivery changes nothing but revives a write that was given up
 * ({@link EhrWriteQueue#revive}), which is how a replayed dead letter is written after all.
 */
@ApplicationScoped
class AuditIntake {

    static final String CONSUMER = "audit-log";

    private final KnownConfigurationRepository configurations;
    private final AuditEntryRepository entries;
    private final EhrWriteQueue writes;
    private final VisitReports visitReports;

    AuditIntake(KnownConfigurationRepository configurations,
                AuditEntryRepository entries, EhrWriteQueue writes, VisitReports visitReports) {
        this.configurations = configurations;
        this.entries = entries;
        this.writes = writes;
        this.visitReports = visitReports;
    }

    /** Applies one record; a malformed record fails with the reason (to be dead-lettered). */
    Uni<Void> apply(SourceRecord source) {
        CloudEvent<Object> event = CloudEventCodec.fromJson(source.value());
        String configurationId = AuditEntries.configurationIdOf(event);
        return Panache.withTransaction(() -> record(event, configurationId, source))
                .invoke(queued -> {
                    if (queued) {
                        writes.queued();
                    }
                })
                .replaceWithVoid();
    }

    /** True when a write-back was queued. */
    private Uni<Boolean> record(CloudEvent<Object> event, String configurationId, SourceRecord source) {
        return configurations.findById(configurationId).flatMap(configuration -> {
            if (configuration == null) {
                return Uni.createFrom().failure(new UnknownConfigurationException());
            }
            AuditEntry entry = AuditEntries.of(event, configuration, OffsetDateTime.now(ZoneOffset.UTC));
            return entries.insertIfAbsent(entry).flatMap(stored -> {
                if (!stored) {
                    return writes.revive(event.id());
                }
                return visitReports.refresh(entry, configuration).flatMap(refreshed ->
                        AuditEntries.writtenBack(entry) && approved(configuration)
                                ? writes.enqueue(entry, source).replaceWith(true)
                                : Uni.createFrom().item(false));
            });
        });
    }

    private static boolean approved(KnownConfiguration configuration) {
        return configuration.status == ConfigurationSnapshot.Status.APPROVED;
    }
}
