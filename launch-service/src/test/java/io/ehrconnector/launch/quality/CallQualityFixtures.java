package io.ehrconnector.launch.quality;

import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.standins.EntraTenant;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.StandInRequest;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** What the call quality tests share: the tenants' subscriptions at Graph, the records Graph was asked for, the events. */
final class CallQualityFixtures {

    static final String CALL_RECORDS = "/v1.0/communications/callRecords/";

    private CallQualityFixtures() {
    }

    /**
     * Waits until the tenant's call record subscription, other than {@code other}, is made at Graph and remembered by the
     * service; returns it as Graph holds it (its clientState among its properties).
     */
    static Map<String, Object> awaitTenantSubscription(GraphStandIn graph, EntraTenant tenant, String other) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            Object remembered = ServiceDatabase.value("select subscription_id from call_record_subscription"
                    + " where tenant_id = ?", tenant.id().toLowerCase(Locale.ROOT));
            if (remembered == null || remembered.equals(other)) {
                return null;
            }
            return graph.subscriptions().stream().filter(subscription -> subscription.get("id").equals(remembered))
                    .findFirst().orElse(null);
        }, Objects::nonNull);
    }

    /** Every call quality event of the configuration published so far. */
    static List<CloudEvent<CallQualityReported>> callQualityEvents(KafkaTestClient kafka, String configurationId) {
        return kafka.readAll(Topics.CALL_QUALITY).stream()
                .filter(record -> record.key() != null && record.key().startsWith(configurationId + "/"))
                .map(record -> CloudEventCodec.fromJson(record.value(), CallQualityReported.class))
                .toList();
    }

    /** Waits until the configuration's call quality events satisfy {@code wanted}; returns them. */
    static List<CloudEvent<CallQualityReported>> awaitCallQualityEvents(KafkaTestClient kafka, String configurationId,
                                                                      Predicate<List<CloudEvent<CallQualityReported>>> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> callQualityEvents(kafka, configurationId), wanted::test);
    }

    /** Waits until the service has handled the call record (forgotten it, reported or not). */
    static void awaitHandled(String callRecordId) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> fetchRows(callRecordId) == 0L);
    }

    static long fetchRows(String callRecordId) {
        return (Long) ServiceDatabase.value("select count(*) from call_record_fetch where call_record_id = ?", callRecordId);
    }

    /** The requests Graph received for the call record (the record itself and its further pages of sessions). */
    static List<StandInRequest> recordRequests(GraphStandIn graph, String callRecordId) {
        return graph.requests().stream().filter(request -> request.method().equals("GET")
                && request.rawPath().startsWith(CALL_RECORDS + callRecordId)).toList();
    }
}
