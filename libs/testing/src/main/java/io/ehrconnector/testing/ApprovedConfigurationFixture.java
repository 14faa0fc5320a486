package io.ehrconnector.testing;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EventType;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes configuration snapshots as config-service would and waits until this service has stored them. */
public final class ApprovedConfigurationFixture {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis() * 1000);

    private ApprovedConfigurationFixture() {
    }

    /** An approved configuration of {@code environment} pinning {@code certificates}, stored by the service. */
    public static ConfigurationSnapshot approve(KafkaTestClient kafka, String configurationId, String tenantId,
                                                Environment environment, List<EhrCertificate> certificates) {
        return publish(kafka, configurationId, tenantId, environment, ConfigurationSnapshot.Status.APPROVED, certificates);
    }

    /** A configuration in {@code status}, stored by the service. */
    public static ConfigurationSnapshot publish(KafkaTestClient kafka, String configurationId, String tenantId,
                                                Environment environment, ConfigurationSnapshot.Status status,
                                                List<EhrCertificate> certificates) {
        return publish(kafka, new ConfigurationSnapshot(configurationId, tenantId, environment,
                "https://ehr.example.org/" + configurationId.substring(0, 8) + "/api/FHIR/R4", status,
                VERSIONS.incrementAndGet(), "Northwind Health", "America/Chicago", null, certificates,
                OffsetDateTime.now(ZoneOffset.UTC)));
    }

    public static ConfigurationSnapshot publish(KafkaTestClient kafka, ConfigurationSnapshot snapshot) {
        kafka.send(snapshot.configurationId(), CloudEvent.of(EventType.CONFIGURATION_PUBLISHED,
                CloudEvent.serviceSource("config-service"), snapshot.configurationId(), OffsetDateTime.now(ZoneOffset.UTC),
                snapshot));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) ServiceDatabase.value(
                "select count(*) from known_configuration where configuration_id = ? and version = ?",
                snapshot.configurationId(), snapshot.version())).longValue() == 1);
        return snapshot;
    }
}
