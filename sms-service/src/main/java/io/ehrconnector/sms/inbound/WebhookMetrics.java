package io.ehrconnector.sms.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code ehr_sms_webhook_events_total{type,outcome}}: what became of each event Event Grid delivered. */
@ApplicationScoped
class WebhookMetrics {

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String type, String outcome) {
        registry.counter("ehr_sms_webhook_events_total", "type", type, "outcome", outcome).increment();
    }
}
